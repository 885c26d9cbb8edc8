@{
    Synopsis    = 'Lists the DNS records of the config: host-record, cname, mx-host, srv-host, txt-record and ptr-record lines.'
    Description = @'
Get-PintDnsRecord reads the config file and the files it includes and writes one PintDnsRecord per record: each name and address of a host-record= line (A and AAAA), each alias of a cname= line, and each mx-host=, srv-host=, txt-record= and ptr-record= line. The properties follow Windows' Get-DnsServerResourceRecord: HostName, RecordType, TimeToLive (null when the line has no TTL) and RecordData as dig prints it; Source and Line name where the record is written and ConfigPath the config it was read through, so the objects can be piped to Remove-PintDnsRecord.

Entries of hosts files (addn-hosts=) are not listed here; Get-PintHost lists them. Asking for a specific name (no wildcards) that has no record is a non-terminating error.
'@
    Parameters  = @{
        Name       = 'Owner names to list; wildcards allowed, case and a trailing dot ignored. Alias: HostName.'
        Type       = 'Only records of these types: A, AAAA, CNAME, MX, SRV, TXT, PTR. Alias: RecordType.'
        ConfigPath = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String')
    Links       = @('Add-PintDnsRecord', 'Remove-PintDnsRecord', 'Get-PintHost')
    Examples    = @(
        @{
            Title   = 'List all records of a zone'
            Code    = 'PS> Get-PintDnsRecord -Name *.lab.test'
            Remarks = 'Lists every record whose owner name ends in .lab.test, with type, data and the file and line that define it.'
        }
        @{
            Title   = 'List the MX and SRV records'
            Code    = 'PS> Get-PintDnsRecord -Type MX, SRV | Format-List'
            Remarks = 'Shows all properties of the mail and service records.'
        }
    )
}
