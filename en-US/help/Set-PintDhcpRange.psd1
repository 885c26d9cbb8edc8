@{
    Synopsis    = 'Creates or changes a DHCP range (a dhcp-range= line), IPv4 or IPv6, with the parameter names of Windows Set-DhcpServerv4Scope and Add-DhcpServerv6Scope.'
    Description = @'
Set-PintDhcpRange writes a dhcp-range= line of the form dhcp-range=[set:NAME,]START,END[,MASK][,LEASE]. As Windows names a scope by its network (its ScopeId), the range it changes is the one in the subnet of -StartRange, so a range can be moved or resized in place; -ScopeId names the network instead, and -Name (set:NAME) picks among several ranges of a subnet by tag. A range without a netmask counts as a /24 for this (dnsmasq takes its real mask from the interface). When two ranges could be the one meant, the cmdlet changes nothing and names both lines (file:line) and the parameter that tells them apart. When no range is in that subnet (or in -ScopeId), or -Name without -ScopeId is a tag no range has, a new line is appended to the config file; that is how a second range is added to a subnet.

The changed line keeps its place in the file, its indentation and its inline comment.

When it changes an existing line, values you do not give are kept: the tag, the tag conditions (tag:...), the netmask and broadcast address, the lease time, and static for a static range. The lease time is written in dnsmasq spelling, the largest whole unit (45m, 12h, 2d, 1w), or infinite for [TimeSpan]::MaxValue; without one, dnsmasq and Pint use one hour.

The values are checked before anything is written: both ends must be IPv4 addresses in order, in the same subnet as -SubnetMask, the mask must be contiguous, the name must be a tag without commas, colons, # or spaces, and the range must not overlap another dhcp-range= line (the error names the file and line of the one it overlaps; the range being changed does not count).

Every other byte of the file (comments, spacing, order) stays as it was. The edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config. For Windows admins it corresponds to Add-DhcpServerv4Scope (a new range) and Set-DhcpServerv4Scope (a change), with the same parameter names.

IPv6 ranges. With -Prefix (the IPv6 parameter set, as Windows Add-DhcpServerv6Scope -Prefix), or with IPv6 addresses for -StartRange and -EndRange (then the prefix is their /64, or -ScopeId when given), the cmdlet writes an IPv6 line, dhcp-range=[set:NAME,]START[,END][,MODE...],PREFIXLENGTH[,LEASE]. The prefix length is always written, so that dnsmasq never takes a lease time for it. The range changed is the one that starts in the prefix, picked by -Name among several (or by the -StartRange it starts at); a prefix without a range, or a -Name no IPv6 range has, appends a new line. -Mode says how the range gives addresses, with dnsmasq's keywords: Stateful (START,END: DHCPv6 hands out addresses; the default), Static (START,static: only the addresses of dhcp-host= reservations), RaOnly (ra-only: router advertisements only, clients use SLAAC), RaStateless (ra-stateless: SLAAC addresses, and DHCPv6 for options only), and Slaac and RaNames (slaac, ra-names), which add to any of them. Only one of Stateful, Static, RaOnly and RaStateless may be given. Without -StartRange and -EndRange a Stateful range covers the whole prefix from ::1 to its last address, as a Windows DHCPv6 scope does; the other modes write the prefix address as START and take no -EndRange. When a line is changed, what is not given is kept: its addresses, modes, prefix length, tag and lease time.

dnsmasq gives an IPv6 range one lease time, which is both the valid and the preferred lifetime of its addresses. -ValidLifetime (Windows) is that lease time, the same as -LeaseDuration; -PreferredLifetime is used only when neither is given, and otherwise, when it differs, a warning says it is not kept. Without any of them dnsmasq and Pint use one day for IPv6.

The IPv6 values are checked before anything is written too: the prefix must be an IPv6 network address with a length of 64 to 128 (dnsmasq needs at least 64), both ends IPv6 addresses in it and in order, the modes one of each kind, and the range must not overlap another IPv6 range; the error names the parameter, and the file and line of the range it clashes with.
'@
    Parameters  = @{
        StartRange    = 'The first address of the range (IPv4, or IPv6 for an IPv6 range). Without -ScopeId, the range in the subnet of this address is the one changed; among several, the one that starts here. Optional with -Prefix: a Stateful IPv6 range then starts at ::1 of the prefix, the other modes at the prefix address.'
        EndRange      = 'The last address of the range (IPv4, or IPv6 for an IPv6 range). Must not be before -StartRange. Optional with -Prefix (a Stateful range then ends at the last address of the prefix); a Static, RaOnly or RaStateless range takes none.'
        SubnetMask    = 'The netmask of the network the range serves, for example 255.255.255.0. Needed for a range on a network the server has no interface address in (a relayed network); it also gives the range its ScopeId.'
        ScopeId       = 'The network of the range to change, as Get-PintDhcpRange shows it (for example 10.5.0.0), as in Windows Set-DhcpServerv4Scope -ScopeId. With IPv6 addresses for -StartRange and -EndRange, an IPv6 ScopeId (fd00:1::) is taken as their /64 prefix, as -Prefix would be. Needed only when the subnet of -StartRange is not enough to say, such as a /24 range inside a /16 one. -StartRange and -EndRange must be in this network; when no range is in it, a new one is added.'
        LeaseDuration = 'How long leases from this range last, as a TimeSpan (New-TimeSpan -Hours 12, or 12:00:00). [TimeSpan]::MaxValue writes infinite. Written in dnsmasq spelling, such as 12h. For an IPv6 range it is the valid and preferred lifetime both (the same as -ValidLifetime).'
        Name          = 'The range tag, written as set:NAME. dhcp-option= lines with tag:NAME then apply to clients of this range. When given, the range with this tag is the one changed (with -ScopeId: the range in that network, which then gets this tag if none has it). Tab completion offers the tags in the config.'
        Prefix        = 'The IPv6 prefix of the range, such as fd00:1::/64, or fd00:1:: as Windows Add-DhcpServerv6Scope -Prefix takes it (a /64; a changed line keeps its own prefix length then). Choosing -Prefix writes an IPv6 range. The length must be 64 to 128, and the address must be the network address of the prefix.'
        Mode          = 'How an IPv6 range gives addresses, with dnsmasq''s keywords: Stateful (START,END, the default for a new range), Static (static), RaOnly (ra-only), RaStateless (ra-stateless), plus Slaac (slaac) and RaNames (ra-names), which combine with any of them (-Mode Stateful, Slaac). Only one of Stateful, Static, RaOnly and RaStateless. Slaac or RaNames alone write a range of router advertisements without DHCPv6 addresses; with -EndRange they are added to a Stateful range. When changing a line, modes not given are kept; given, they replace its modes (ra-advrouter and off-link stay as written).'
        ValidLifetime = 'Windows'' valid lifetime of an IPv6 range, as a TimeSpan: written as the lease time of the dhcp-range= line, exactly as -LeaseDuration. Giving both with different values is an error. [TimeSpan]::MaxValue writes infinite. Only with -Prefix (the IPv6 parameter set).'
        PreferredLifetime = 'Windows'' preferred lifetime of an IPv6 range, as a TimeSpan. dnsmasq has one lease time for both lifetimes, so it is used as the lease time only when neither -ValidLifetime nor -LeaseDuration is given; otherwise a different value is not kept (a warning says so), and a value longer than the valid lifetime is an error. Only with -Prefix (the IPv6 parameter set).'
        PassThru      = 'Writes the resulting range (a PintDhcpRange object) to the pipeline. By default the cmdlet writes nothing. An IPv6 range has the ScopeId of its prefix and the added properties AddressFamily (InterNetworkV6), Prefix, PrefixLength and Mode.'
        ConfigPath    = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'StartRange, EndRange, ScopeId, SubnetMask, LeaseDuration, Name, Prefix, Mode, ValidLifetime, PreferredLifetime and ConfigPath bind by property name, so rows of a Windows scope export (Get-DhcpServerv4Scope | Export-Csv, or Get-DhcpServerv6Scope | Export-Csv for IPv6, whose Prefix, PreferredLifetime and ValidLifetime columns bind) bind directly, as long as their Name is a valid tag. A row with StartRange and EndRange binds to the IPv4 parameter set even when it also has a Prefix; IPv6 addresses there still write an IPv6 range, over their /64.'
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
        @{
            Title   = 'Create an IPv6 range'
            Code    = 'PS> Set-PintDhcpRange -Prefix fd00:1::/64 -StartRange fd00:1::100 -EndRange fd00:1::1ff -LeaseDuration 12:00:00 -Name lab6'
            Remarks = 'Appends dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,64,12h: stateful DHCPv6 from fd00:1::100 to fd00:1::1ff. Add -Mode Stateful, Slaac to let clients form SLAAC addresses as well (dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,slaac,64,12h).'
        }
        @{
            Title   = 'Copy an IPv6 scope of a Windows DHCP server, or advertise a prefix for SLAAC'
            Code    = @'
PS> Set-PintDhcpRange -Prefix fd00:2:: -PreferredLifetime 8.00:00:00 -ValidLifetime 12.00:00:00 -WhatIf
PS> Set-PintDhcpRange -Prefix fd00:3::/64 -Mode RaStateless
'@
            Remarks = 'The first shows, without writing it, dhcp-range=fd00:2::1,fd00:2::ffff:ffff:ffff:ffff,64,12d (a Windows scope serves its whole /64; the preferred lifetime is not kept, with a warning). The second writes dhcp-range=fd00:3::,ra-stateless,64: router advertisements for SLAAC and DHCPv6 for options only.'
        }
    )
}
