@{
    Synopsis    = 'Creates or changes a DHCP range (a dhcp-range= line), with the parameter names of Windows Set-DhcpServerv4Scope.'
    Description = @'
Set-PintDhcpRange writes a dhcp-range= line of the form dhcp-range=[set:NAME,]START,END[,MASK][,LEASE]. The range it changes is the one tagged -Name (set:NAME) when -Name is given, otherwise the one that starts at -StartRange; when there is no such range, a new line is appended to the config file.

When it changes an existing line, values you do not give are kept: the tag, the tag conditions (tag:...), the netmask and broadcast address, the lease time, and static for a static range. The lease time is written in dnsmasq spelling, the largest whole unit (45m, 12h, 2d, 1w), or infinite for [TimeSpan]::MaxValue; without one, dnsmasq and Pint use one hour.

The values are checked before anything is written: both ends must be IPv4 addresses in order, in the same subnet as -SubnetMask, the mask must be contiguous, the name must be a tag without commas, colons, # or spaces, and the range must not overlap another dhcp-range= line (the error names the file and line of the one it overlaps).

Every other byte of the file (comments, spacing, order) stays as it was. The edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config. For Windows admins it corresponds to Add-DhcpServerv4Scope (a new range) and Set-DhcpServerv4Scope (a change), with the same parameter names.
'@
    Parameters  = @{
        StartRange    = 'The first address of the range (IPv4). Without -Name, the range that starts here is the one changed.'
        EndRange      = 'The last address of the range (IPv4). Must not be before -StartRange.'
        SubnetMask    = 'The netmask of the network the range serves, for example 255.255.255.0. Needed for a range on a network the server has no interface address in (a relayed network); it also gives the range its ScopeId.'
        LeaseDuration = 'How long leases from this range last, as a TimeSpan (New-TimeSpan -Hours 12, or 12:00:00). [TimeSpan]::MaxValue writes infinite. Written in dnsmasq spelling, such as 12h.'
        Name          = 'The range tag, written as set:NAME. dhcp-option= lines with tag:NAME then apply to clients of this range. When given, the range with this tag is the one changed. Tab completion offers the tags in the config.'
        PassThru      = 'Writes the resulting range (a PintDhcpRange object) to the pipeline. By default the cmdlet writes nothing.'
        ConfigPath    = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'Pint serves DHCPv4 ranges only; IPv6 ranges are refused. StartRange, EndRange, SubnetMask, LeaseDuration, Name and ConfigPath bind by property name, so rows of a Windows scope export (Get-DhcpServerv4Scope | Export-Csv) bind directly, as long as their Name is a valid tag.'
    Links       = @('Get-PintDhcpRange', 'Remove-PintDhcpRange', 'Get-PintLease')
    Examples    = @(
        @{
            Title   = 'Create a tagged range'
            Code    = 'PS> Set-PintDhcpRange -StartRange 10.0.0.100 -EndRange 10.0.0.199 -SubnetMask 255.255.255.0 -LeaseDuration 12:00:00 -Name lab'
            Remarks = 'Appends dhcp-range=set:lab,10.0.0.100,10.0.0.199,255.255.255.0,12h when no range is tagged lab.'
        }
        @{
            Title   = 'Widen an existing range'
            Code    = 'PS> Set-PintDhcpRange -Name lab -StartRange 10.0.0.100 -EndRange 10.0.0.249 -WhatIf'
            Remarks = 'Shows the line dhcp-range=set:lab,10.0.0.100,10.0.0.249,255.255.255.0,12h that would replace the current one; the mask and lease time are kept because they are not given.'
        }
        @{
            Title   = 'Copy the scopes of a Windows DHCP server'
            Code    = @'
# On the Windows DHCP server:
PS> Get-DhcpServerv4Scope | Select-Object StartRange, EndRange, SubnetMask, LeaseDuration | Export-Csv scopes.csv
# Where Pint runs:
PS> Import-Csv scopes.csv | Set-PintDhcpRange -PassThru
'@
            Remarks = 'Each row becomes one dhcp-range= line. The Windows scope Name is left out here because scope names often contain spaces, which a dnsmasq tag cannot.'
        }
    )
}
