@{
    Synopsis    = 'Removes upstream DNS servers (server= lines) by address, or those Get-PintDnsForwarder sends down the pipeline.'
    Description = @'
Remove-PintDnsForwarder removes whole server= lines: every line with one of the -IPAddress addresses, or the lines of the PintDnsForwarder objects piped in. Lines are removed from the bottom of each file up; a line that changed since it was listed is reported rather than the wrong line removed. An address that matches nothing is a non-terminating error.

The cmdlet supports -WhatIf and -Confirm; its confirm impact is Medium. For Windows admins it corresponds to Remove-DnsServerForwarder.
'@
    Parameters  = @{
        IPAddress   = 'Removes every forwarder with one of these addresses, compared as text.'
        InputObject = 'Forwarders from Get-PintDnsForwarder; each is removed from the file it was read from.'
        ConfigPath  = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each forwarder is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintDnsForwarder')
    Notes       = 'The cmdlet writes nothing to the pipeline.'
    Links       = @('Get-PintDnsForwarder', 'Add-PintDnsForwarder')
    Examples    = @(
        @{
            Title   = 'Remove an upstream'
            Code    = 'PS> Remove-PintDnsForwarder -IPAddress 192.0.2.53'
            Remarks = 'Removes server=192.0.2.53 and any other server= line with that address.'
        }
        @{
            Title   = 'Remove the forwarders of one domain'
            Code    = 'PS> Get-PintDnsForwarder -Domain corp.example | Remove-PintDnsForwarder'
            Remarks = 'Removes the server=/corp.example/... lines.'
        }
    )
}
