@{
    Synopsis    = 'Names a host: a DNS host record (host-record=) or, with -MacAddress or -ClientDuid, a DHCP or DHCPv6 reservation (dhcp-host=).'
    Description = @'
Add-PintHost adds one line to the config file. Without -MacAddress it writes a DNS host record, host-record=NAME,IP, which makes the name resolve to the address and the address resolve back to the name. With -MacAddress it writes a DHCP reservation, dhcp-host=MAC,NAME,IP (or dhcp-host=MAC,NAME when no address is given), so the client with that MAC address always gets the same IPv4 address and its name is also known to DNS.

The new line is appended at the end of the config file; every other byte of the file (comments, blank lines, spacing, the order of lines) stays exactly as it was. The change is written atomically (a temporary file renamed over the config) under a lock file beside the config, so two sessions adding hosts at the same time lose nothing. Use -WhatIf to see the line that would be written.

Names are checked before they are written: labels of letters, digits, hyphens and underscores, up to 63 characters each and 253 in all. MAC addresses are accepted in any common spelling (00-1B-A9-FA-98-A9 from Windows, 001b.a9fa.98a9 from switches, 00:1b:a9:fa:98:a9 from dnsmasq) and written in the dnsmasq form. The address of a reservation must be IPv4. Adding a MAC or an address that is already reserved, or a second address of the same family for a name that already has a host-record=, is an error that names the file and line of the existing entry; use Set-PintHost to change an existing host. Each refused row is a non-terminating error, so one bad row in a pipeline does not stop the others.

With -ClientDuid it writes a DHCPv6 reservation, dhcp-host=id:DUID,[IPv6],NAME, as Windows Add-DhcpServerv6Reservation does: the client with that DUID always gets the IPv6 address given with -IPAddress (which is required, and must be IPv6), and its name is known to DNS. The DUID is accepted as Windows shows it (00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95), in colon hex or as plain hex, and written lower-case with colons. -Iaid is accepted for Windows' sake but not written: dnsmasq reserves the address for the DUID, whichever of its identity associations asks (-Verbose says so). -Prefix, when given, must hold the address; it is not written either. A DUID that already has a DHCPv6 reservation gets the new address added to its line (Windows reserves per IAID, dnsmasq hands a DUID's addresses to its IAs in turn), as long as the name is the same; an address that is already reserved is an error naming the file and line. -MacAddress and -ClientDuid are not given together.

Parameters bind by property name, with the property names of the Windows DhcpServer module: Name (or HostName), IPAddress and ClientId. A reservation CSV exported with Get-DhcpServerv4Reservation | Export-Csv, or the leases from Get-PintLease, can be piped straight in. For Windows admins, Add-PintHost with -MacAddress corresponds to Add-DhcpServerv4Reservation, and without it to Add-DnsServerResourceRecordA (or Add-DnsServerResourceRecordAAAA for an IPv6 address).
'@
    Parameters  = @{
        Name       = 'The host name, for example nas or nas.lab.test. With domain= and expand-hosts in the config, a short name also answers with the domain appended. Alias: HostName, so lease objects and Windows CSV rows bind.'
        IPAddress  = 'The address the name resolves to, IPv4 or IPv6. Required for a host record; optional for a reservation (dhcp-host=MAC,NAME then only names the client, which gets an address from a dhcp-range=). A reservation by MAC takes IPv4 addresses only; a DHCPv6 reservation (-ClientDuid) needs an IPv6 one. Aliases: IP, Address.'
        MacAddress = 'The client MAC address. When given, the host is written as a DHCP reservation (dhcp-host=) instead of a host record. Any common spelling is accepted and written lower-case with colons. Aliases: ClientId (the Windows DhcpServer property name), Mac.'
        ClientDuid = 'The DUID of a DHCPv6 client, in hex: 00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95 (Windows), 00:01:00:01:... (dnsmasq) or plain hex, 3 to 130 bytes. When given, the host is written as a DHCPv6 reservation, dhcp-host=id:DUID,[IPv6],NAME, and -IPAddress must be the IPv6 address to reserve. Alias: Duid, so DHCPv6 leases from Get-PintLease bind.'
        Iaid       = 'The identity association id of Windows Add-DhcpServerv6Reservation, a whole number. Accepted so Windows CSV rows and DHCPv6 leases bind, but not written: dnsmasq reserves the address for the DUID, whichever IA asks. Only with -ClientDuid.'
        Prefix     = 'The IPv6 prefix of the scope, as Windows Add-DhcpServerv6Reservation -Prefix takes it (fd00:1::, or fd00:1::/64). When given, -IPAddress must be in it; it is not written. Only with -ClientDuid.'
        PassThru   = 'Writes the new host (a PintHost object, with AddressFamily and ClientDuid) to the pipeline. By default the cmdlet writes nothing.'
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject', 'Pint.Engine.Management.PintLease', 'Pint.Engine.Management.PintHost')
    Notes       = 'Any object with a Name or HostName property, and optionally IPAddress and ClientId or MacAddress properties, binds from the pipeline: Import-Csv rows, Get-DhcpServerv4Reservation output, Get-PintLease output. Leases whose client sent no host name (shown as * in the lease file) have no HostName and are refused by parameter binding. A DHCPv6 lease binds its Duid to -ClientDuid and becomes a DHCPv6 reservation; so does a row of Get-DhcpServerv6Reservation | Export-Csv (Name, IPAddress, ClientDuid, Iaid, Prefix). Unlike Windows, Pint needs a name for every reservation.'
    Links       = @('Get-PintHost', 'Set-PintHost', 'Remove-PintHost', 'Get-PintLease')
    Examples    = @(
        @{
            Title   = 'Add a DNS name'
            Code    = 'PS> Add-PintHost -Name nas.lab.test -IPAddress 10.0.0.5'
            Remarks = 'Appends the line host-record=nas.lab.test,10.0.0.5 to the config file named by $env:PINT_CONFIG (or the platform default).'
        }
        @{
            Title   = 'Reserve an address for a MAC address'
            Code    = 'PS> Add-PintHost -Name printer -IPAddress 10.0.0.20 -MacAddress 00-1B-A9-FA-98-A9 -WhatIf'
            Remarks = 'Shows, without writing it, the line that would be added: dhcp-host=00:1b:a9:fa:98:a9,printer,10.0.0.20. Run it again without -WhatIf to add it.'
        }
        @{
            Title   = 'Import the reservations of a Windows DHCP server'
            Code    = @'
# On the Windows DHCP server:
PS> Get-DhcpServerv4Reservation -ScopeId 10.0.0.0 | Export-Csv reservations.csv
# Where Pint runs:
PS> Import-Csv reservations.csv | Add-PintHost -ConfigPath /etc/pint/pint.conf
'@
            Remarks = 'Each CSV row binds by property name (Name, IPAddress, ClientId; other columns such as ScopeId and Description are ignored) and becomes one line such as dhcp-host=00:1b:a9:fa:98:01,pc1,10.0.0.31. A row whose MAC or address is already reserved is reported as an error and the remaining rows are still added.'
        }
        @{
            Title   = 'Turn a lease into a reservation'
            Code    = 'PS> Get-PintLease -HostName laptop | Add-PintHost -PassThru'
            Remarks = 'The lease binds its HostName, IPAddress and MAC address, so the laptop keeps its current address from now on: dhcp-host=52:54:00:aa:bb:01,laptop,10.9.0.101. -PassThru shows the new reservation.'
        }
        @{
            Title   = 'Reserve an IPv6 address for a DUID'
            Code    = 'PS> Add-PintHost -Name printer6 -ClientDuid 00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95 -Iaid 134217728 -IPAddress fd00:1::10'
            Remarks = 'Appends dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,[fd00:1::10],printer6, as Windows Add-DhcpServerv6Reservation would reserve it. The IAID is not written (dnsmasq matches the DUID). Get-PintLease -AddressFamily InterNetworkV6 -HostName printer6 | Add-PintHost does the same from a lease.'
        }
    )
}
