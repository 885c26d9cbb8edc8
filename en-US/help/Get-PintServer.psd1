@{
    Synopsis    = 'Lists the Pint servers running in this PowerShell process, with their state, services, endpoints and counters.'
    Description = @'
Get-PintServer writes one PintServerInfo object for each server that Start-PintServer started in the current PowerShell process. Each object has the properties ConfigPath (the config file it serves), State, StartedAt, Uptime, Services (the names of the running services), Endpoints (the addresses and ports they listen on), Counters (a dictionary of "service.counter" values, like the statistics dnsmasq logs on SIGUSR1) and Warnings (the warnings from loading the config, each naming its file and line).

Without -ConfigPath it lists every server of the session, and lists nothing when none runs. With -ConfigPath it shows the server of that config file, and a config file without a running server is a non-terminating error. -ConfigPath has no default here: $env:PINT_CONFIG is not consulted.

Servers belong to the process that started them, so Get-PintServer does not see a server running in another session or as a service (Start-PintServer -Wait under systemd or a scheduled task); check those with the service manager, for example systemctl status pint. For Windows admins it covers what Get-Service DHCPServer, Get-DhcpServerv4Statistics and Get-DnsServerStatistics show.
'@
    Parameters  = @{
        ConfigPath = 'Shows only the server of this config file. Relative paths are resolved against the current PowerShell location. When omitted, every server of the session is listed.'
    }
    Inputs      = @('System.String')
    Notes       = 'ConfigPath binds by property name, so objects that carry a ConfigPath (Get-PintHost, Get-PintDhcpRange and Get-PintServer output) can be piped in.'
    Links       = @('Start-PintServer', 'Stop-PintServer')
    Examples    = @(
        @{
            Title   = 'List the running servers'
            Code    = 'PS> Get-PintServer'
            Remarks = 'Shows the config file, state, start time and uptime of each server started in this session.'
        }
        @{
            Title   = 'Show the endpoints and counters of one server'
            Code    = 'PS> (Get-PintServer -ConfigPath ./examples/demo/pint.conf).Endpoints; (Get-PintServer ./examples/demo/pint.conf).Counters'
            Remarks = 'Lists the addresses and ports the demo server listens on, then its counters by service.'
        }
        @{
            Title   = 'Check that a server started without warnings'
            Code    = 'PS> Start-PintServer -AllowUnsupported; (Get-PintServer).Warnings'
            Remarks = 'Starts the default config, then shows the warnings recorded when the config was loaded, such as each ignored unsupported option with its file and line.'
        }
    )
}
