@{
    Synopsis    = 'Lists the named hosts of a config: host-record= lines, dhcp-host= reservations and the entries of the hosts files named by addn-hosts=.'
    Description = @'
Get-PintHost reads the config file, the files it includes and the hosts files it names, and writes one PintHost object per name and address. Each object has the properties Name, IPAddress, MacAddress (also as ClientId, the Windows DhcpServer property name), Kind, Source and Line (the file and line that define the host) and ConfigPath (the config file it was read through), and AddressFamily (InterNetwork or InterNetworkV6, as Get-PintLease has) and ClientDuid (the DUID of a DHCPv6 reservation, as Windows Get-DhcpServerv6Reservation names it; empty otherwise).

A DHCPv6 reservation (dhcp-host=id:DUID,[IPv6],name) gives one object per IPv6 address, with that address as IPAddress, AddressFamily InterNetworkV6 and the DUID as ClientDuid; a line that reserves an IPv4 and an IPv6 address gives the IPv4 object first. A reservation of IPv6 addresses without a name is listed too (with an empty Name).

Kind tells where the host comes from: HostRecord for a host-record= line (a line that names two addresses, IPv4 and IPv6, gives two objects), Reservation for a dhcp-host= line with a name or an address, and HostsFile for an entry of a hosts file named by addn-hosts=. Hosts files are listed but never edited by Pint; Set-PintHost and Remove-PintHost refuse those entries and name the file to edit instead.

All filters are optional and combine: -Name takes wildcards and ignores case and a trailing dot; -IPAddress matches the address (IPv4 as text, IPv6 in any spelling); -ClientDuid matches a DUID in any hex spelling; -AddressFamily picks IPv4 or IPv6; -MacAddress matches a MAC in any spelling; -Kind picks the sources. As Get-Item does, asking for a specific name (without wildcards) that is not there is a non-terminating error. Lines of the config that are not valid are reported as non-terminating errors that name the file and line, and the valid lines are still listed.

Get-PintHost never changes a file. Its output pipes to Set-PintHost and Remove-PintHost, and carries ConfigPath with it. For Windows admins it corresponds to Get-DhcpServerv4Reservation and Get-DnsServerResourceRecord -RRType A together.
'@
    Parameters  = @{
        Name       = 'Host names to list. Wildcards are allowed; matching ignores case and a trailing dot. A name without wildcards that matches nothing is an error. Tab completion offers the names in the config. Alias: HostName.'
        IPAddress  = 'Lists only hosts with one of these addresses: IPv4 compared as text (10.0.0.5), IPv6 in any spelling (2001:db8::5 is 2001:db8:0::5).'
        MacAddress = 'Lists only reservations for one of these MAC addresses, in any spelling (00-1B-A9-FA-98-A9, 00:1b:a9:fa:98:a9, 001b.a9fa.98a9). Alias: ClientId.'
        ClientDuid = 'Lists only the DHCPv6 reservations of these DUIDs, in any hex spelling (00-01-00-01-..., 00:01:00:01:..., plain hex).'
        AddressFamily = 'Lists only hosts of these address families: InterNetwork (IPv4, and reservations without an address) or InterNetworkV6 (IPv6 host records and DHCPv6 reservations).'
        Kind       = 'Lists only hosts from these sources: HostRecord (host-record= lines), Reservation (dhcp-host= lines) or HostsFile (files named by addn-hosts=).'
        ConfigPath = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String', 'System.Management.Automation.PSObject')
    Notes       = 'Name, IPAddress, MacAddress and ConfigPath bind by property name, so objects that carry those properties (for example Import-Csv rows) can be piped in to look hosts up.'
    Links       = @('Add-PintHost', 'Set-PintHost', 'Remove-PintHost', 'Get-PintLease')
    Examples    = @(
        @{
            Title   = 'List every named host'
            Code    = 'PS> Get-PintHost -ConfigPath ./examples/demo/pint.conf'
            Remarks = 'Lists nas.lab.test from host-record=nas.lab.test,192.0.2.5,2001:db8::5 (twice, once per address), the printer reservation from dhcp-host=52:54:00:12:34:56,printer,192.0.2.20, and router, gateway and www from the hosts file named by addn-hosts=hosts.'
        }
        @{
            Title   = 'List the DHCP reservations and export them'
            Code    = 'PS> Get-PintHost -Kind Reservation | Select-Object Name, IPAddress, ClientId | Export-Csv reservations.csv'
            Remarks = 'Writes a CSV with the column names of a Windows reservation export, which Import-Csv | Add-PintHost reads back.'
        }
        @{
            Title   = 'Find hosts by pattern or by MAC address'
            Code    = @'
PS> Get-PintHost -Name *.lab.test
PS> Get-PintHost -MacAddress 52-54-00-12-34-56
'@
            Remarks = 'The first command lists every host whose name ends in .lab.test; the second finds the reservation for a MAC given in the Windows spelling.'
        }
        @{
            Title   = 'Show where a host is defined'
            Code    = 'PS> Get-PintHost -Name printer | Format-List Name, IPAddress, Kind, Source, Line'
            Remarks = 'Source and Line name the file and line that define the host, which may be an included file rather than the main config.'
        }
        @{
            Title   = 'List the DHCPv6 reservations'
            Code    = 'PS> Get-PintHost -Kind Reservation -AddressFamily InterNetworkV6 | Format-Table Name, IPAddress, ClientDuid'
            Remarks = 'Shows each reserved IPv6 address with its name and DUID, such as printer6, fd00:1::10 and 00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95 from dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,[fd00:1::10],printer6 (the columns of Windows Get-DhcpServerv6Reservation).'
        }
    )
}
