@{
    Synopsis    = 'Changes the name, address or MAC address of a host in place; the rest of its line and of the file stay as they are.'
    Description = @'
Set-PintHost finds a host by name (or takes the PintHost objects that Get-PintHost sends) and rewrites only its own line. Say what to change with at least one of -NewName, -IPAddress and -MacAddress.

For a host record (host-record=) it renames the one name on the line (other names on the same line are kept), and -IPAddress replaces the address of the same family (IPv4 replaces IPv4, IPv6 replaces IPv6) or adds it when the line has none; a TTL on the line is kept. A host record has no MAC address: to turn it into a reservation, remove it and add it again with Add-PintHost -MacAddress. For a reservation (dhcp-host=) it changes the name, the IPv4 address or the first MAC address and keeps the line's other fields (tags, client ID, lease time). When a name is defined by several lines, for example a host record and a reservation, each of them is changed.

Every other line of the file (comments, spacing, order) stays exactly as it was. The edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config; the config is read again under the lock, so if the line moved since Get-PintHost listed it, the cmdlet reports that the config changed instead of editing the wrong line. Errors name the file and line. Hosts that come from a hosts file (addn-hosts=) are refused: Pint does not edit hosts files.

For Windows admins, Set-PintHost corresponds to Set-DhcpServerv4Reservation for reservations and to Set-DnsServerResourceRecord for host records.
'@
    Parameters  = @{
        Name        = 'The name of the host to change, matched without regard to case or a trailing dot. Every line that defines the name is changed. Tab completion offers the names in the config. Alias: HostName.'
        InputObject = 'A host from Get-PintHost. Its Source and Line say which line to change, and its ConfigPath which config file.'
        NewName     = 'The new name. It is checked as Add-PintHost checks names: letters, digits, hyphens and underscores, labels up to 63 characters.'
        IPAddress   = 'The new address. In a host record it replaces the address of the same family or is added; in a reservation it must be IPv4.'
        MacAddress  = 'The new MAC address of a reservation, in any common spelling; written lower-case with colons. Not allowed for host records. Alias: ClientId.'
        PassThru    = 'Writes the changed hosts (PintHost objects, read back from the file) to the pipeline. By default the cmdlet writes nothing.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of the host is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintHost', 'System.String')
    Notes       = 'Running Set-PintHost without -NewName, -IPAddress or -MacAddress is an error (NothingToChange).'
    Links       = @('Get-PintHost', 'Add-PintHost', 'Remove-PintHost')
    Examples    = @(
        @{
            Title   = 'Move a host to a new address'
            Code    = 'PS> Set-PintHost -Name nas.lab.test -IPAddress 10.0.0.6'
            Remarks = 'host-record=nas.lab.test,10.0.0.5 becomes host-record=nas.lab.test,10.0.0.6; an IPv6 address on the same line is kept.'
        }
        @{
            Title   = 'Replace the network card of a reserved printer'
            Code    = 'PS> Set-PintHost -Name printer -MacAddress 00-1B-A9-FA-98-B0 -WhatIf'
            Remarks = 'Shows the change to dhcp-host=00:1b:a9:fa:98:b0,printer,10.0.0.20 without writing it. Run it without -WhatIf to change the line.'
        }
        @{
            Title   = 'Rename hosts through the pipeline'
            Code    = 'PS> Get-PintHost -Name old-nas | Set-PintHost -NewName nas -PassThru'
            Remarks = 'Each host from Get-PintHost is changed on the line it came from, in the config file it was read through; -PassThru shows the result.'
        }
    )
}
