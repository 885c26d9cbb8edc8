@{
    Synopsis    = 'Names a host: a DNS host record (host-record=) or, with -MacAddress, a DHCP reservation (dhcp-host=).'
    Description = @'
Add-PintHost adds one line to the config file. Without -MacAddress it writes a DNS host record, host-record=NAME,IP, which makes the name resolve to the address and the address resolve back to the name. With -MacAddress it writes a DHCP reservation, dhcp-host=MAC,NAME,IP (or dhcp-host=MAC,NAME when no address is given), so the client with that MAC address always gets the same IPv4 address and its name is also known to DNS.

The new line is appended at the end of the config file; every other byte of the file (comments, blank lines, spacing, the order of lines) stays exactly as it was. The change is written atomically (a temporary file renamed over the config) under a lock file beside the config, so two sessions adding hosts at the same time lose nothing. Use -WhatIf to see the line that would be written.

Names are checked before they are written: labels of letters, digits, hyphens and underscores, up to 63 characters each and 253 in all. MAC addresses are accepted in any common spelling (00-1B-A9-FA-98-A9 from Windows, 001b.a9fa.98a9 from switches, 00:1b:a9:fa:98:a9 from dnsmasq) and written in the dnsmasq form. The address of a reservation must be IPv4. Adding a MAC or an address that is already reserved, or a second address of the same family for a name that already has a host-record=, is an error that names the file and line of the existing entry; use Set-PintHost to change an existing host. Each refused row is a non-terminating error, so one bad row in a pipeline does not stop the others.

Parameters bind by property name, with the property names of the Windows DhcpServer module: Name (or HostName), IPAddress and ClientId. A reservation CSV exported with Get-DhcpServerv4Reservation | Export-Csv, or the leases from Get-PintLease, can be piped straight in. For Windows admins, Add-PintHost with -MacAddress corresponds to Add-DhcpServerv4Reservation, and without it to Add-DnsServerResourceRecordA (or Add-DnsServerResourceRecordAAAA for an IPv6 address).
'@
    Parameters  = @{
        Name       = 'The host name, for example nas or nas.lab.test. With domain= and expand-hosts in the config, a short name also answers with the domain appended. Alias: HostName, so lease objects and Windows CSV rows bind.'
        IPAddress  = 'The address the name resolves to, IPv4 or IPv6. Required for a host record; optional for a reservation (dhcp-host=MAC,NAME then only names the client, which gets an address from a dhcp-range=). A reservation takes IPv4 addresses only. Aliases: IP, Address.'
        MacAddress = 'The client MAC address. When given, the host is written as a DHCP reservation (dhcp-host=) instead of a host record. Any common spelling is accepted and written lower-case with colons. Aliases: ClientId (the Windows DhcpServer property name), Mac.'
        PassThru   = 'Writes the new host (a PintHost object) to the pipeline. By default the cmdlet writes nothing.'
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject', 'Pint.Engine.Management.PintLease')
    Notes       = 'Any object with a Name or HostName property, and optionally IPAddress and ClientId or MacAddress properties, binds from the pipeline: Import-Csv rows, Get-DhcpServerv4Reservation output, Get-PintLease output. Leases whose client sent no host name (shown as * in the lease file) have no HostName and are refused by parameter binding.'
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
    )
}
