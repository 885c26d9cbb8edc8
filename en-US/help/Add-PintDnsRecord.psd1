@{
    Synopsis    = 'Adds a DNS record (A, AAAA, CNAME, MX, SRV, TXT or PTR) to the config as the matching dnsmasq line.'
    Description = @'
Add-PintDnsRecord appends one line to the config file: an A or AAAA record as host-record=name,address (which also gives the address its PTR record), a CNAME as cname=name,target, an MX as mx-host=name,target,preference, an SRV as srv-host=name,target,port,priority,weight, a TXT as txt-record=name,text,... and a PTR as ptr-record=name,target.

Which parameters count depends on -Type: -IPAddress for A and AAAA (an IPv4 address for A, IPv6 for AAAA); -Target for CNAME, MX, SRV and PTR; -Preference for MX (1 when omitted); -Port (required), -Priority and -Weight (0 when omitted) for SRV; -Text for TXT. -TimeToLive is written only on A, AAAA and CNAME records, the only ones dnsmasq takes a TTL on; other records use local-ttl. A record that is already there (same name, type and data), a second CNAME for a name, or a value the type cannot take is a non-terminating error naming the problem, and the file is left unchanged.

Every other byte of the file stays as it was; the edit is atomic and serialised by a lock file beside the config. A running server does not reload its config: restart it (Stop-PintServer, Start-PintServer) for the record to be served. For Windows admins it corresponds to Add-DnsServerResourceRecord.
'@
    Parameters  = @{
        Type        = 'The record type: A, AAAA, CNAME, MX, SRV, TXT or PTR. Alias: RecordType.'
        Name        = 'The owner name of the record, for example nas.lab.test, _ldap._tcp.lab.test or 5.0.0.10.in-addr.arpa. Alias: HostName.'
        IPAddress   = 'The address of an A (IPv4) or AAAA (IPv6) record. Aliases: IPv4Address, IPv6Address.'
        Target      = 'The name a CNAME, MX, SRV or PTR record points at. Aliases: HostNameAlias, MailExchange, DomainName, PtrDomainName.'
        Preference  = 'The preference of an MX record, 0 to 65535 (lower is preferred). Default 1.'
        Port        = 'The port of an SRV record, 1 to 65535. Required for SRV.'
        Priority    = 'The priority of an SRV record, 0 to 65535. Default 0.'
        Weight      = 'The weight of an SRV record, 0 to 65535. Default 0.'
        Text        = 'The strings of a TXT record; each becomes one character-string (split at 255 bytes when longer). Texts with quotes, backslashes, commas, ''#'' or outer spaces are refused: the line holds them unquoted, as dnsmasq reads them. Alias: DescriptiveText.'
        TimeToLive  = 'The TTL of an A, AAAA or CNAME record, as seconds (300) or a TimeSpan (''00:05:00''). Omitted: local-ttl applies (0 by default, as in dnsmasq).'
        PassThru    = 'Writes the added record to the pipeline.'
        ConfigPath  = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String', 'Pint.Engine.Management.PintDnsRecordType')
    Notes       = 'Without -PassThru the cmdlet writes nothing. -WhatIf shows the line that would be added.'
    Links       = @('Get-PintDnsRecord', 'Remove-PintDnsRecord', 'Add-PintHost')
    Examples    = @(
        @{
            Title   = 'Add an A record and an alias for it'
            Code    = "PS> Add-PintDnsRecord -Type A -Name nas.lab.test -IPAddress 10.0.0.5`nPS> Add-PintDnsRecord -Type CNAME -Name files.lab.test -Target nas.lab.test"
            Remarks = 'Appends host-record=nas.lab.test,10.0.0.5 and cname=files.lab.test,nas.lab.test.'
        }
        @{
            Title   = 'Add mail and service records'
            Code    = "PS> Add-PintDnsRecord -Type MX -Name lab.test -Target mail.lab.test -Preference 10`nPS> Add-PintDnsRecord -Type SRV -Name _ldap._tcp.lab.test -Target dc1.lab.test -Port 389 -Weight 100"
            Remarks = 'Appends mx-host=lab.test,mail.lab.test,10 and srv-host=_ldap._tcp.lab.test,dc1.lab.test,389,0,100.'
        }
        @{
            Title   = 'Preview a TXT record'
            Code    = 'PS> Add-PintDnsRecord -Type TXT -Name lab.test -Text "v=spf1 mx -all" -WhatIf'
            Remarks = 'Shows the txt-record= line that would be added without changing the file.'
        }
    )
}
