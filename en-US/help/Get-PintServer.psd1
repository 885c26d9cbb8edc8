@{
    Synopsis    = 'Shows running Pint servers (this session''s and the local service''s) with their state, endpoints, counters and last reload.'
    Description = @'
Get-PintServer writes one PintServerInfo object for each server that Start-PintServer started in the current PowerShell process, and one for the local Pint service (Install-PintService, or the pint service host) when its control socket answers. Each object has ConfigPath (the config file it serves), State, StartedAt, Uptime, Services (the running services: dns, dhcp, tftp), Endpoints (the addresses and ports they listen on), Counters (a dictionary of "service.counter" values such as dns.queries, dns.cacheHits, dns.forwarded, dns.localAnswers, like the statistics dnsmasq logs on SIGUSR1), Warnings (from loading the config, each naming its file and line), LastReload and LastReloadError (when the server last re-read its changed config, and why a broken edit was not applied), Location ("Session", or the control socket path) and ProcessId.

Without -ConfigPath it lists every server it can see, and nothing when none runs. With -ConfigPath it shows the server of that config file, and one that is not running is a non-terminating error.

The control socket is open only to root and the service's own user; other users get an access-denied error. For Windows admins it covers what Get-Service DHCPServer, Get-DhcpServerv4Statistics and Get-DnsServerStatistics show.
'@
    Parameters  = @{
        ConfigPath    = 'Shows only the server of this config file. Relative paths are resolved against the current PowerShell location. Binds from the pipeline by property name.'
        ControlSocket = 'The control socket of the local service. Defaults to $env:PINT_CONTROL, then /run/pint/pint.sock (Linux) or %ProgramData%\Pint\pint.sock (Windows).'
    }
    Inputs      = @('System.String')
    Links       = @('Start-PintServer', 'Stop-PintServer', 'Update-PintServer')
    Examples    = @(
        @{ Title = 'Show every server'; Code = 'PS> Get-PintServer'; Remarks = 'Lists the servers of this session and the local service, with endpoints and counters.' }
        @{ Title = 'DNS counters'; Code = 'PS> (Get-PintServer).Counters.GetEnumerator() | Where-Object Key -like ''dns.*'''; Remarks = 'Queries, cache hits, forwarded queries and local answers, as dnsmasq reports them on SIGUSR1.' }
        @{ Title = 'Was the last edit applied?'; Code = 'PS> Get-PintServer | Select-Object ConfigPath, LastReload, LastReloadError'; Remarks = 'A broken edit shows its file and line in LastReloadError while the last good config keeps serving.' }
    )
}
