@{
    Synopsis    = 'Moves a Windows DHCP server to Pint: imports the XML of Export-DhcpServer -Leases as dnsmasq lines and leases.'
    Description = @'
Import-PintWindowsDhcp reads the file that Windows' Export-DhcpServer -File x.xml -Leases writes (Server 2012 R2 writes version 6.3, Server 2016 and later 10.0) and adds the equivalent lines to the config file:

- each active IPv4 scope becomes dhcp-range=set:scope-<ScopeId>,<start>,<end>,<mask>,<lease time>; exclusion ranges split the range into several lines with the same tag, and a scope that is excluded entirely becomes a static range (only its reservations are served);
- each reservation becomes dhcp-host=<mac>,<address>,<name> (a ClientId longer than a MAC becomes id:<client id>);
- server options become untagged dhcp-option= lines, scope options dhcp-option=tag:scope-<ScopeId>,..., and reservation options dhcp-option=tag:res-<address>,... with set:res-<address> on the reservation; options of a vendor class are written with vendor:<class data>;
- each active IPv6 scope becomes dhcp-range=set:scope-<prefix>,<start>,<end>,64,<valid lifetime>: Windows hands out any address of the /64 prefix, so the range is the prefix's ::1 to :ffff:ffff:ffff:ffff, split around the exclusion ranges (a static range when everything is excluded); the valid lifetime is the lease time (dnsmasq uses it as the preferred lifetime as well, and derives T1 and T2 from it; a differing preferred lifetime and T1/T2 are reported with -Verbose), and a scope without lifetimes gets Windows' default of 12 days;
- each IPv6 reservation becomes dhcp-host=id:<duid>,[<address>],<name>; the IAID is not kept, because dnsmasq reserves for the DUID whichever IA asks, and several reservations of one DUID (different IAIDs) become one line with several [address] fields;
- IPv6 server, scope and reservation options become dhcp-option=[tag:scope-<prefix>|tag:res-<address>,]option6:<name or number>,<values>: 23 as option6:dns-server,[address],..., 24 as option6:domain-search,<names>, other numbers by their type (addresses in brackets, numbers, colon hex, text);
- MAC addresses on an enabled deny filter become dhcp-host=<mac>,ignore;
- the Active and ActiveReservation leases go into the lease file (the config's dhcp-leasefile=, or -LeaseFile), in dnsmasq's lease file format; leases already in that file are kept, except those for an address the export brings.

Everything is written in one transaction: the config is changed under its edit lock and written atomically, the lease file is replaced atomically. Lines already in the config are not added again, so running the import twice is harmless.

What dnsmasq cannot express is reported as a warning per item, naming the line of the export: policies, inactive scopes, superscope membership, BOOTP scopes, offer delays, options for user classes, options whose values dnsmasq would read differently (a string of digits and dots), allow filters, IPv6 scope preferences, IPv6 options of a class, IPv6 leases (clients get an address from Pint when they renew or rebind). Failover relationships are not in an export at all; set them up again by other means. Things left out on purpose (scope names, descriptions, option 51 and option 1, which the dhcp-range line carries, leases in other states) are reported with -Verbose.

A file that is not well-formed XML or lacks a required element is a terminating error naming the file, the line and the element, and nothing is written. Use -WhatIf to see every line and lease that would be written. Stop a running Pint server for the config before importing leases: the server owns its lease file while it runs.
'@
    Parameters  = @{
        Path       = 'The XML file written by Export-DhcpServer -File <file> -Leases (with or without -Leases). Relative paths are resolved against the current PowerShell location. Aliases: FullName, File.'
        LeaseFile  = 'The lease file to write the imported leases to. Default: the file the config names with dhcp-leasefile=, else the platform default. When the config names no lease file, a dhcp-leasefile= line for this file is added so that the server and Get-PintLease read it.'
        ConfigPath = 'The dnsmasq-format config file to add the lines to; it is created when it does not exist. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String')
    Outputs     = @('Pint.Engine.Import.PintImportResult')
    Notes       = 'Windows cmdlet: Export-DhcpServer on the Windows server, then Import-PintWindowsDhcp where Pint runs. The written scopes, reservations and leases can be checked with Get-PintDhcpRange, Get-PintHost and Get-PintLease, which use the property names of the DhcpServer module (ScopeId, StartRange, EndRange, SubnetMask, LeaseDuration, ClientId).'
    Links       = @('Get-PintDhcpRange', 'Get-PintHost', 'Get-PintLease', 'Import-PintDnsZone')
    Examples    = @(
        @{
            Title   = 'Export on Windows, import where Pint runs'
            Code    = @'
# On the Windows DHCP server:
PS> Export-DhcpServer -File C:\dhcp.xml -Leases
# Where Pint runs:
PS> Import-PintWindowsDhcp -Path ./dhcp.xml -ConfigPath /etc/pint/pint.conf
'@
            Remarks = 'Adds lines such as dhcp-range=set:scope-192.168.10.0,192.168.10.50,192.168.10.99,255.255.255.0,8d and dhcp-host=30:9c:23:01:9e:6b,192.168.10.20,printer1, writes the active leases, prints a warning for each policy or inactive scope that was not imported, and outputs a summary.'
        }
        @{
            Title   = 'See what would be written'
            Code    = 'PS> Import-PintWindowsDhcp ./dhcp.xml -WhatIf -Verbose'
            Remarks = 'Lists every config line and lease that would be written, the warnings, and with -Verbose the notes about what was left out on purpose. Nothing is written.'
        }
    )
}
