@{
    Synopsis    = 'Shows how full each DHCP range is: free, in use, reserved and percentage in use, with the property names of Windows Get-DhcpServerv4ScopeStatistics.'
    Description = @'
Get-PintDhcpStatistics writes one object per dhcp-range= line of the config, with the properties ScopeId (the network of the range, when it has a netmask), StartRange, EndRange, Name (the range's set: tag), Free, InUse, Reserved and PercentageInUse.

InUse counts the addresses of the range held by an active lease, reserved ones included. Reserved counts the dhcp-host= reservations whose address lies in the range (ignored hosts do not count). Free counts the addresses the server can still give a new client: the addresses of the range, less the network and broadcast address of its netmask, less those in use, less reserved addresses not in use (the server keeps them for their host). A static range (dhcp-range=NETWORK,static) hands out reserved addresses only, so its free addresses are its idle reservations. PercentageInUse is InUse as a percentage of InUse plus Free, with two decimals.

The counts come from the live lease table when a server serves the config (in this session, or the local service through its control socket), and from the lease file otherwise; in the file, expired leases do not count as in use.
'@
    Parameters  = @{
        ScopeId       = 'Shows only the ranges of these networks (the network address, as Windows names a scope). Binds the ScopeId of piped Get-PintDhcpRange output.'
        ControlSocket = 'The control socket of the Pint service to ask. When omitted, $env:PINT_CONTROL, then /run/pint/pint.sock (%ProgramData%\Pint\pint.sock on Windows) is tried, and a service found there is used when it serves the same config file.'
        ConfigPath    = 'The dnsmasq-format config file whose ranges to count: the server of this config when one runs, else its lease file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Net.IPAddress', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'Addresses a client declined (DHCPDECLINE) are withheld by the server for ten minutes but are counted as free here.'
    Links       = @('Get-PintDhcpRange', 'Get-PintLease')
    Examples    = @(
        @{
            Title   = 'How full are the ranges?'
            Code    = 'PS> Get-PintDhcpStatistics'
            Remarks = 'For dhcp-range=10.0.0.100,10.0.0.199,255.255.255.0 with 30 active leases and 2 idle reservations in it: ScopeId 10.0.0.0, InUse 30, Reserved 2, Free 68, PercentageInUse 30.61.'
        }
        @{
            Title   = 'Warn when a range is nearly full'
            Code    = 'PS> Get-PintDhcpStatistics | Where-Object PercentageInUse -gt 90 | ForEach-Object { Write-Warning "$($_.StartRange)-$($_.EndRange) is $($_.PercentageInUse)% full" }'
            Remarks = 'Suits a scheduled task: ranges above 90 percent produce a warning.'
        }
        @{
            Title   = 'One range, through the pipeline'
            Code    = 'PS> Get-PintDhcpRange -Name lab | Get-PintDhcpStatistics'
            Remarks = 'The range binds its ScopeId and ConfigPath.'
        }
    )
}
