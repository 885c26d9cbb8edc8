@{
    Synopsis    = 'Lists the DHCP ranges (dhcp-range= lines) of a config as scopes, with the property names of Windows Get-DhcpServerv4Scope.'
    Description = @'
Get-PintDhcpRange reads the config file and the files it includes and writes one PintDhcpRange object per dhcp-range= line, in file order. Each object has the properties ScopeId (the network address, from the start address and the netmask; empty when the line gives no netmask), StartRange, EndRange, SubnetMask, Broadcast, LeaseDuration (a TimeSpan; empty means the one-hour default, [TimeSpan]::MaxValue means infinite), Name (the set:NAME tag), RequiredTags (the tag:NAME conditions), Static (true for a static range, which serves reserved hosts only), Source and Line (the file and line that define it) and ConfigPath. IPv6 ranges follow the IPv4 ones, as Get-DhcpServerv6Scope lists them: AddressFamily InterNetworkV6, ScopeId the prefix's network, Prefix, PrefixLength and Mode (Stateful, Static, RaOnly, RaStateless, Slaac, RaNames); every object has AddressFamily.

-Name filters by tag, with wildcards and without regard to case; ranges without a tag are left out when -Name is used. -ScopeId filters by network address. Lines of the config that are not valid are reported as non-terminating errors that name the file and line.

Get-PintDhcpRange never changes a file. Its output pipes to Remove-PintDhcpRange and Get-PintLease. For Windows admins it corresponds to Get-DhcpServerv4Scope.
'@
    Parameters  = @{
        Name       = 'Range tags (the NAME of set:NAME) to list. Wildcards are allowed; matching ignores case. Tab completion offers the tags in the config.'
        AddressFamily = 'Lists only ranges of this family: InterNetwork (DHCPv4) or InterNetworkV6 (DHCPv6). Both when omitted.'
        ScopeId    = 'Lists only ranges of these networks, given by network address as Windows names a scope (10.0.0.0 for 10.0.0.0/24). Ranges without a netmask have no ScopeId and never match.'
        ConfigPath = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Net.IPAddress', 'System.String')
    Notes       = 'ScopeId and ConfigPath bind by property name, so objects with a ScopeId property (Windows scope or lease exports) can be piped in.'
    Links       = @('Set-PintDhcpRange', 'Remove-PintDhcpRange', 'Get-PintLease')
    Examples    = @(
        @{
            Title   = 'List the ranges of a config'
            Code    = 'PS> Get-PintDhcpRange -ConfigPath ./examples/demo/pint.conf'
            Remarks = 'Shows the range from dhcp-range=set:lab,192.0.2.100,192.0.2.150,255.255.255.0,12h: ScopeId 192.0.2.0, Name lab, StartRange 192.0.2.100, EndRange 192.0.2.150.'
        }
        @{
            Title   = 'Find a range by network'
            Code    = 'PS> Get-PintDhcpRange -ScopeId 10.0.0.0 | Format-List *'
            Remarks = 'Shows every property of the ranges of 10.0.0.0, including the file and line that define them.'
        }
        @{
            Title   = 'Count the leases of each range'
            Code    = 'PS> Get-PintDhcpRange | Where-Object ScopeId | ForEach-Object { [pscustomobject]@{ Range = $_.Name; Leases = @(Get-PintLease -ScopeId $_.ScopeId).Count } }'
            Remarks = 'Reports how many leases the lease file holds in each range, as Get-DhcpServerv4ScopeStatistics does on Windows. Where-Object skips ranges without a netmask, which have no ScopeId.'
        }
    )
}
