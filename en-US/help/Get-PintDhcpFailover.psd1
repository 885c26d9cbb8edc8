@{
    Synopsis    = 'Lists the DHCP failover relationships (pint-dhcp-failover= lines), with the property names of Windows Get-DhcpServerv4Failover.'
    Description = @'
Get-PintDhcpFailover reads the config and the files it includes and writes one PintDhcpFailover object per pint-dhcp-failover= line, in file order: Name, PartnerServer, Mode (LoadBalance or HotStandby), ServerRole (Primary or Secondary), LoadBalancePercent, StateSwitchInterval (the partner-down time, a TimeSpan), HeartbeatInterval, ScopeId (the network addresses it covers), Source and Line (the file and line that define it) and ConfigPath.

-Name filters by name, with wildcards and without regard to case; a name without wildcards that matches nothing is a non-terminating error. Lines of the config that are not valid are reported as non-terminating errors that name the file and line. Get-PintDhcpFailover never changes a file; its output pipes to Remove-PintDhcpFailover. For Windows admins it corresponds to Get-DhcpServerv4Failover.

State comes from the heartbeat rows in the shared lease database: Normal while the partner's heartbeat is younger than StateSwitchInterval, PartnerDown once it is older (or the partner never wrote one; this server then answers every client), CommunicationInterrupted when the database cannot be read (each server keeps to its own share). PartnerLastSeen and ServerLastSeen are the two servers' last heartbeats by the database clock (ServerLastSeen is empty while this server has not run with the relationship).
'@
    Parameters  = @{
        Name       = 'Relationship names to list. Wildcards are allowed; matching ignores case.'
        ConfigPath = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String', 'System.Management.Automation.PSObject')
    Notes       = 'Name and ConfigPath bind by property name.'
    Links       = @('Add-PintDhcpFailover', 'Remove-PintDhcpFailover', 'Get-PintLeaseStore')
    Examples    = @(
        @{
            Title   = 'List the relationships'
            Code    = 'PS> Get-PintDhcpFailover'
            Remarks = 'Shows Name, PartnerServer, Mode, ServerRole, State, LoadBalancePercent, StateSwitchInterval and ScopeId of each pint-dhcp-failover= line.'
        }
        @{
            Title   = 'One relationship, every property'
            Code    = 'PS> Get-PintDhcpFailover -Name dhcp-ha | Format-List *'
            Remarks = 'Shows the heartbeat interval, both servers'' last heartbeats and the file and line of the relationship too.'
        }
    )
}
