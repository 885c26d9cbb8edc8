@{
    Synopsis    = 'Removes DNS records from the config by name and type, or the records Get-PintDnsRecord sends down the pipeline.'
    Description = @'
Remove-PintDnsRecord removes records from the config file and the files it includes. For ptr-record=, mx-host=, srv-host= and txt-record= it removes the line. For a cname= line with several aliases it removes only this alias. For a host-record= line it removes only this record: the A record of a name that also has an AAAA on the same line leaves the AAAA; a line that names other hosts keeps them, and the removed name keeps its other address on a line of its own. A line is removed when nothing is left on it.

With -Name and -Type every record of that name and type is removed, or only the one whose data is -RecordData. Records are removed from the bottom of each file up, so one removal never moves the line of the next; a record whose line changed since it was listed is reported (run Get-PintDnsRecord again) rather than the wrong line removed. A name and type that match nothing is a non-terminating error.

The cmdlet supports -WhatIf and -Confirm; its confirm impact is Medium. A running server keeps serving what it loaded until restarted. For Windows admins it corresponds to Remove-DnsServerResourceRecord.
'@
    Parameters  = @{
        Name        = 'The owner name whose records are removed, matched without regard to case or a trailing dot. Alias: HostName.'
        Type        = 'The type of the records to remove: A, AAAA, CNAME, MX, SRV, TXT or PTR. Alias: RecordType.'
        RecordData  = 'Removes only the record with this data, written as Get-PintDnsRecord shows it (for example 10.0.0.5 or "10 mail.lab.test").'
        InputObject = 'Records from Get-PintDnsRecord; each is removed from the file it was read from.'
        ConfigPath  = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each record is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintDnsRecord')
    Notes       = 'The cmdlet writes nothing to the pipeline.'
    Links       = @('Get-PintDnsRecord', 'Add-PintDnsRecord')
    Examples    = @(
        @{
            Title   = 'Remove an alias'
            Code    = 'PS> Remove-PintDnsRecord -Name files.lab.test -Type CNAME'
            Remarks = 'Removes cname=files.lab.test,nas.lab.test.'
        }
        @{
            Title   = 'Remove one of several MX records'
            Code    = "PS> Remove-PintDnsRecord -Name lab.test -Type MX -RecordData '20 backup.lab.test'"
            Remarks = 'Removes only the mx-host= line of the backup mail server.'
        }
        @{
            Title   = 'Remove all TXT records through the pipeline'
            Code    = 'PS> Get-PintDnsRecord -Type TXT | Remove-PintDnsRecord -Confirm:'
            Remarks = 'Removes every txt-record= line without asking for each one.'
        }
    )
}
