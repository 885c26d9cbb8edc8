@{
    Synopsis    = 'Adds an upstream DNS server (a server= line), for every name or only for some domains.'
    Description = @'
Add-PintDnsForwarder appends server=address to the config file, or server=/domain/.../address when -Domain is given, with #port when the port is not 53. Without -Domain the server is a default upstream: it gets every name that local data does not answer. With -Domain it gets only names in those domains (and their subdomains), which are then never sent to the default upstreams.

Adding the same address and port for the same domains again is a non-terminating error. The edit is atomic and keeps every other byte of the file. A running server keeps its upstreams until restarted. For Windows admins it corresponds to Add-DnsServerForwarder, and with -Domain to Add-DnsServerConditionalForwarderZone.
'@
    Parameters  = @{
        IPAddress  = 'The address of the upstream server, IPv4 or IPv6.'
        Port       = 'The upstream''s port, 1 to 65535. Default 53.'
        Domain     = 'Domains to send to this server only, for example corp.example. Omitted: the server is a default upstream. Alias: Name.'
        PassThru   = 'Writes the added forwarder to the pipeline.'
        ConfigPath = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Net.IPAddress', 'System.String')
    Links       = @('Get-PintDnsForwarder', 'Remove-PintDnsForwarder')
    Examples    = @(
        @{
            Title   = 'Add a default upstream'
            Code    = 'PS> Add-PintDnsForwarder -IPAddress 192.0.2.53'
            Remarks = 'Appends server=192.0.2.53.'
        }
        @{
            Title   = 'Send one domain to another server'
            Code    = 'PS> Add-PintDnsForwarder -IPAddress 10.1.0.53 -Port 5353 -Domain corp.example'
            Remarks = 'Appends server=/corp.example/10.1.0.53#5353.'
        }
    )
}
