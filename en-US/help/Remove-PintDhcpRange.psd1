@{
    Synopsis    = 'Removes DHCP ranges (dhcp-range= lines): by tag, by start address, or the ranges that Get-PintDhcpRange sends.'
    Description = @'
Remove-PintDhcpRange removes whole dhcp-range= lines from the config file or the file that includes them. Choose the ranges with -Name (the set:NAME tag, matched exactly), with -StartRange (the first address of the range), or by piping PintDhcpRange objects from Get-PintDhcpRange. A name or start address that matches no range is a non-terminating error, and the others are still removed.

Every other byte of the file (comments, blank lines, spacing, the order of lines) stays as it was. Each edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config; the config is read again under the lock, so a range whose line changed since it was listed is reported (the config changed; run Get-PintDhcpRange again) rather than the wrong line removed. Errors name the file and line.

Removing a range does not touch the lease file or any dhcp-host= reservation; clients keep their leases until they expire. Because clients lose their source of addresses, the confirm impact is High: PowerShell asks before each removal unless you add -Confirm:$false. For Windows admins it corresponds to Remove-DhcpServerv4Scope.
'@
    Parameters  = @{
        Name        = 'Tags (the NAME of set:NAME) of the ranges to remove, matched exactly and with case. Tab completion offers the tags in the config.'
        StartRange  = 'First addresses of the ranges to remove, for ranges without a tag.'
        InputObject = 'Ranges from Get-PintDhcpRange. Each is removed from the file and line it was read from.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each range is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintDhcpRange', 'System.Net.IPAddress')
    Notes       = 'The cmdlet writes nothing to the pipeline. Ranges are removed from the last line upwards, so removing one never shifts the line of the next.'
    Links       = @('Get-PintDhcpRange', 'Set-PintDhcpRange')
    Examples    = @(
        @{
            Title   = 'Remove a range by tag'
            Code    = 'PS> Remove-PintDhcpRange -Name lab'
            Remarks = 'Asks for confirmation, then removes the line dhcp-range=set:lab,10.0.0.100,10.0.0.199,255.255.255.0,12h.'
        }
        @{
            Title   = 'Preview removing an untagged range'
            Code    = 'PS> Remove-PintDhcpRange -StartRange 192.168.1.50 -WhatIf'
            Remarks = 'Shows the dhcp-range= line that starts at 192.168.1.50 and would be removed, without changing the file.'
        }
        @{
            Title   = 'Remove every range of a network without prompting'
            Code    = 'PS> Get-PintDhcpRange -ScopeId 10.0.0.0 | Remove-PintDhcpRange -Confirm:$false'
            Remarks = 'Removes each dhcp-range= line of 10.0.0.0 from the file it was read from.'
        }
    )
}
