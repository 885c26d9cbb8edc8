@{
    Synopsis    = 'Shows the counters of each service of the running Pint servers: DNS queries and how they were answered, DHCP messages and why requests got no reply, TFTP transfers and bytes.'
    Description = @'
Get-PintStatistics writes one object per service of each server that Start-PintServer started in the current PowerShell process, and of the local Pint service (Install-PintService, or the pint service host) when its control socket answers.

The DNS service gives a PintDnsStatistics object: Queries, LocalAnswers (answered from local data or rules), CacheHits, Forwarded, Refused, ServerFailures (SERVFAIL because no upstream answered), Dropped (malformed, no reply), RefusedNonLocal (local-service) and RebindBlocked (stop-dns-rebind).

The DHCP service gives a PintDhcpServerStatistics object: Discovers, Requests, Releases, Declines, Informs, Offers, Acks, Naks, Malformed, Unanswered, PingConflicts, CommitFailures, SendFailures, Leases, and Drops: the requests that got no reply by reason (HostIgnored, ForAnotherServer, NoAddressAvailable, NotAuthoritative, ...). Per-range use is Get-PintDhcpStatistics.

The TFTP service gives a PintTftpStatistics object: Requests, Refused, TransfersStarted, TransfersCompleted, TransfersFailed, TransfersAborted, TransfersEvicted, ActiveTransfers, BytesSent and Retransmissions.

Every object also has Service, ConfigPath, Location ("Session", or the control socket path) and Counters (every counter by name). The counters count from the start of the service; a restart for a changed config starts them again. The same counters are the meters Pint.Dns, Pint.Dhcp and Pint.Tftp (dotnet-counters, OpenTelemetry) and the Prometheus endpoint of Start-PintServer -MetricsEndpoint.

For Windows admins it covers what Get-DnsServerStatistics and Get-DhcpServerv4Statistics show.
'@
    Parameters  = @{
        ConfigPath    = 'Shows only the services of the server of this config file. Relative paths are resolved against the current PowerShell location. Binds from the pipeline by property name (Get-PintServer output).'
        ControlSocket = 'The control socket of the local service. Defaults to $env:PINT_CONTROL, then /run/pint/pint.sock (Linux) or %ProgramData%\Pint\pint.sock (Windows).'
        Service       = 'Shows only these services: dns, dhcp, tftp.'
    }
    Inputs      = @('System.String')
    Links       = @('Get-PintServer', 'Get-PintDhcpStatistics', 'Start-PintServer')
    Examples    = @(
        @{ Title = 'Every service'; Code = 'PS> Get-PintStatistics'; Remarks = 'One object per running service, shown as a short table of its main counters.' }
        @{ Title = 'How DNS queries were answered'; Code = 'PS> Get-PintStatistics -Service dns | Format-List Queries, LocalAnswers, CacheHits, Forwarded, ServerFailures'; Remarks = 'Local answers, cache hits and forwarded queries of the running DNS service.' }
        @{ Title = 'Why DHCP requests got no reply'; Code = 'PS> (Get-PintStatistics -Service dhcp).Drops'; Remarks = 'Reasons and counts, e.g. ForAnotherServer (the client chose another server) or NoAddressAvailable (the range is full).' }
    )
}
