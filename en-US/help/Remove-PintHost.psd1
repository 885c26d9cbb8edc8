@{
    Synopsis    = 'Removes hosts from the config by name, address or MAC address, or the hosts that Get-PintHost sends down the pipeline.'
    Description = @'
Remove-PintHost removes named hosts from the config file and the files it includes. For a host record (host-record=) it removes the name from the line, and removes the whole line when no name is left; a line that gives a name both an IPv4 and an IPv6 address is one record, so removing the name removes both addresses. For a reservation (dhcp-host=) it removes the whole line; for an IPv6 address of a DHCPv6 reservation (an object Get-PintHost lists with AddressFamily InterNetworkV6) it takes that [address] out of the line, and removes the line when nothing else is left of it (no IPv4 address and no other IPv6 one), so the other addresses of a dual-stack or multi-address line stay. -Name and -ClientDuid match every address of a line, so they remove the whole reservation.

Choose the hosts with -Name (case and a trailing dot are ignored), -IPAddress (every host with that address), -MacAddress (the reservation for that MAC, in any spelling), -ClientDuid (the DHCPv6 reservations of that DUID, in any hex spelling) or by piping PintHost objects from Get-PintHost. A key that matches nothing is a non-terminating error, and the other keys are still processed.

Every other byte of the file (comments, blank lines, spacing, the order of lines) stays as it was. Each edit is atomic (a temporary file renamed over the config) and serialised by a lock file beside the config; the config is read again under the lock, so a host whose line changed since it was listed is reported (the config changed; run Get-PintHost again) rather than the wrong line removed. Errors name the file and line. Entries of hosts files named by addn-hosts= cannot be removed: Pint does not edit hosts files, and the error names the file to edit.

The cmdlet supports -WhatIf and -Confirm; its confirm impact is Medium. For Windows admins it corresponds to Remove-DhcpServerv4Reservation and Remove-DhcpServerv6Reservation for reservations and to Remove-DnsServerResourceRecord for host records.
'@
    Parameters  = @{
        Name        = 'Names of the hosts to remove, matched without regard to case or a trailing dot (no wildcards; use Get-PintHost -Name with wildcards and pipe the result). Tab completion offers the names in the config. Alias: HostName.'
        IPAddress   = 'Removes every host with one of these addresses: IPv4 compared as text, IPv6 in any spelling. An IPv6 address of a DHCPv6 reservation is taken out of its line (the line goes when nothing else is left).'
        MacAddress  = 'Removes the reservations for these MAC addresses, given in any common spelling. Alias: ClientId.'
        ClientDuid  = 'Removes the DHCPv6 reservations of these DUIDs (dhcp-host=id:DUID,... lines with IPv6 addresses), given in any hex spelling: 00-01-00-01-... (Windows), 00:01:00:01:... or plain hex. As Windows Remove-DhcpServerv6Reservation -ClientDuid.'
        InputObject = 'Hosts from Get-PintHost. Each is removed from the line and the config file it was read from.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each host is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintHost', 'System.String')
    Notes       = 'The cmdlet writes nothing to the pipeline. Hosts are removed from the last line upwards, so removing one never shifts the line of the next.'
    Links       = @('Get-PintHost', 'Add-PintHost', 'Set-PintHost')
    Examples    = @(
        @{
            Title   = 'Remove a host record'
            Code    = 'PS> Remove-PintHost -Name nas.lab.test'
            Remarks = 'Removes host-record=nas.lab.test,10.0.0.5 from the config. Had the line named other hosts too (host-record=nas.lab.test,files.lab.test,10.0.0.5), only this name would be taken out of it.'
        }
        @{
            Title   = 'Remove a reservation by MAC address, previewing first'
            Code    = 'PS> Remove-PintHost -MacAddress 00-1B-A9-FA-98-A9 -WhatIf'
            Remarks = 'Shows which dhcp-host= line would be removed without changing the file.'
        }
        @{
            Title   = 'Remove a group of hosts through the pipeline'
            Code    = 'PS> Get-PintHost -Name test-*.lab.test -Kind HostRecord | Remove-PintHost -Confirm:$false'
            Remarks = 'Removes every host record whose name matches the pattern, without asking for each one.'
        }
        @{
            Title   = 'Remove DHCPv6 reservations'
            Code    = @'
PS> Remove-PintHost -ClientDuid 00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95
PS> Get-PintHost -AddressFamily InterNetworkV6 -Kind Reservation -Name lab-* | Remove-PintHost -WhatIf
'@
            Remarks = 'The first removes dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,[fd00:1::10],printer6, as Windows Remove-DhcpServerv6Reservation -ClientDuid would. The second shows which IPv6 addresses would be taken out of the lab-* reservations; a line that also reserves an IPv4 address keeps it.'
        }
    )
}
