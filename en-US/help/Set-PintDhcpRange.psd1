@{
    Synopsis    = 'Creates or changes a DHCP range (a dhcp-range= line), with the parameter names of Windows Set-DhcpServerv4Scope.'
    Description = @'
Set-PintDhcpRange writes a dhcp-range= line of the form dhcp-range=[set:NAME,]START,END[,MASK][,LEASE]. As Windows names a scope by its network (its ScopeId), the range it changes is the one in the subnet of -StartRange, so a range can be moved or resized in place; -ScopeId names the network instead, and -Name (set:NAME) picks among several ranges of a subnet by tag. A range without a netmask counts as a /24 for this (dnsmasq takes its real mask from the interface). When two ranges could be the one meant, the cmdlet changes nothing and names both lines (file:line) and the parameter that tells them apart. When no range is in that subnet (or in -ScopeId), or -Name without -ScopeId is a tag no range has, a new line is appended to the config file; that is how a second range is added to a subnet.

The changed line keeps its place in the file, its indentation and its inline comment.

When it changes an existing line, values you do not give are kept: the tag, the tag conditions (tag:...), the netmask and broadcast address, the lease time, and static for a static range. The lease time is written in dnsmasq spelling, the largest whole unit (45m, 12h, 2d, 1w), or infinite for [TimeSpan]::MaxValue; without one, dnsmasq and Pint use one hour.

The values are checked before anything is written: both ends must be IPv4 addresses in order, in the same subnet as -SubnetMask, the mask must be contiguous, the name must be a tag without commas, colons, # or spaces, and the range must not overlap another dhcp-range= line (the error names the file and line of the one it overlaps; the range being changed does not count).

Every other byte of the file (comments, spacing, order) stays as it was. The edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config. For Windows admins it corresponds to Add-DhcpServerv4Scope (a new range) and Set-DhcpServerv4Scope (a change), with the same parameter names.
'@
    Parameters  = @{
        StartRange    = 'The first address of the range (IPv4). Without -ScopeId, the range in the subnet of this address is the one changed; among several, the one that starts here.'
        EndRange      = 'The last address of the range (IPv4). Must not be before -StartRange.'
        SubnetMask    = 'The netmask of the network the range serves, for example 255.255.255.0. Needed for a range on a network the server has no interface address in (a relayed network); it also gives the range its ScopeId.'
        ScopeId       = 'The network of the range to change, as Get-PintDhcpRange shows it (for example 10.5.0.0), as in Windows Set-DhcpServerv4Scope -ScopeId. Needed only when the subnet of -StartRange is not enough to say, such as a /24 range inside a /16 one. -StartRange and -EndRange must be in this network; when no range is in it, a new one is added.'
        LeaseDuration = 'How long leases from this range last, as a TimeSpan (New-TimeSpan -Hours 12, or 12:00:00). [TimeSpan]::MaxValue writes infinite. Written in dnsmasq spelling, such as 12h.'
        Name          = 'The range tag, written as set:NAME. dhcp-option= lines with tag:NAME then apply to clients of this range. When given, the range with this tag is the one changed (with -ScopeId: the range in that network, which then gets this tag if none has it). Tab completion offers the tags in the config.'
        PassThru      = 'Writes the resulting range (a PintDhcpRange object) to the pipeline. By default the cmdlet writes nothing.'
        ConfigPath    = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'Pint serves DHCPv4 ranges only; IPv6 ranges are refused. StartRange, EndRange, ScopeId, SubnetMask, LeaseDuration, Name and ConfigPath bind by property name, so rows of a Windows scope export (Get-DhcpServerv4Scope | Export-Csv) bind directly, as long as their Name is a valid tag.'
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
            Title   = 'Move a range within its subnet'
            Code    = 'PS> Set-PintDhcpRange -StartRange 10.5.0.50 -EndRange 10.5.0.150'
            Remarks = 'With dhcp-range=10.5.0.100,10.5.0.200,12h in the config, rewrites that line, where it stands, as dhcp-range=10.5.0.50,10.5.0.150,12h. It is the range of the subnet 10.5.0.0, so the new bounds are not taken as an overlap with it; an overlap with any other range is still refused.'
        }
        @{
            Title   = 'Pick the range by its network'
            Code    = 'PS> Set-PintDhcpRange -ScopeId 10.5.1.0 -StartRange 10.5.1.50 -EndRange 10.5.1.150'
            Remarks = 'With dhcp-range=10.5.0.10,10.5.0.20,255.255.0.0 and dhcp-range=10.5.1.100,10.5.1.200,255.255.255.0 in the config, 10.5.1.50 is in the subnet of both; -ScopeId 10.5.1.0 says the second one is changed. Without it the cmdlet stops with an error naming both lines.'
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
