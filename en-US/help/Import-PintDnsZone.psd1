@{
    Synopsis    = 'Moves a DNS zone to Pint: imports an RFC 1035 zone file (Windows Export-DnsServerZone, BIND) as dnsmasq record lines.'
    Description = @'
Import-PintDnsZone reads a zone file in the RFC 1035 master file format, as Windows' Export-DnsServerZone writes it (and as found in %windir%\System32\dns\*.dns) and as BIND writes it, and adds a line to the config file for each record Pint can serve:

- A and AAAA become host-record=<name>,<address>,<ttl> (which also answers the reverse lookup);
- CNAME becomes cname=<alias>,<target>,<ttl>;
- MX becomes mx-host=<name>,<target>,<preference>;
- SRV becomes srv-host=<name>,<target>,<port>,<priority>,<weight>;
- TXT becomes txt-record=<name>,<string>,...;
- PTR becomes ptr-record=<name>,<target>.

The reader understands $ORIGIN and $TTL, names relative to the origin, @, a line with a blank owner (the previous owner again), TTL and class in either order or left out, records over several lines in parentheses, ; comments outside quotes, quoted strings with \" and \DDD escapes, and the [AGE:n] stamps Windows writes on dynamic records. Without $TTL the SOA minimum is the default TTL, as Windows and BIND use it. Without $ORIGIN the zone is taken from -ZoneName or Windows' header comment.

SOA and NS records are skipped with a -Verbose note; records of other types (HINFO, WINS, ...), wildcard names, and TXT strings with commas are each reported as a warning and not imported. dnsmasq keeps no TTL for MX, SRV, TXT and PTR records (it answers them with local-ttl=); a -Verbose note says how many were affected. A line that cannot be read is a terminating error naming the file and the line, and nothing is written. Use -WhatIf to see every line that would be written.
'@
    Parameters  = @{
        Path       = 'The zone file. Relative paths are resolved against the current PowerShell location. Aliases: FullName, File.'
        ZoneName   = 'The zone the file holds, for example corp.example; relative names in the file are relative to it. Default: the file''s $ORIGIN, else the zone named in the header comment Windows writes.'
        ConfigPath = 'The dnsmasq-format config file to add the lines to; it is created when it does not exist. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String')
    Outputs     = @('Pint.Engine.Import.PintImportResult')
    Notes       = 'Windows cmdlet: Export-DnsServerZone -Name corp.example -FileName corp.example.dns writes the file to %windir%\System32\dns. Pint answers the imported names authoritatively from its config, like a dnsmasq host-record=.'
    Links       = @('Import-PintWindowsDhcp', 'Get-PintHost', 'Add-PintHost')
    Examples    = @(
        @{
            Title   = 'Import a zone exported from Windows DNS Server'
            Code    = @'
# On the Windows DNS server:
PS> Export-DnsServerZone -Name corp.example -FileName corp.example.dns
# Where Pint runs:
PS> Import-PintDnsZone -Path ./corp.example.dns -ConfigPath /etc/pint/pint.conf
'@
            Remarks = 'Adds lines such as host-record=dc1.corp.example,192.168.10.10,3600 and srv-host=_ldap._tcp.corp.example,dc1.corp.example,389,0,100, and warns about each record type Pint cannot serve.'
        }
        @{
            Title   = 'Import a BIND zone without $ORIGIN'
            Code    = 'PS> Import-PintDnsZone ./db.lab lab.test -WhatIf'
            Remarks = 'Reads the names of db.lab relative to lab.test and lists the lines that would be written, without writing them.'
        }
    )
}
