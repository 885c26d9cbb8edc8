@{
    Synopsis    = 'Checks a dnsmasq-format config, and the files it includes and names, and returns every finding as an object.'
    Description = @'
Test-PintConfig reads the config file named by -ConfigPath (or $env:PINT_CONFIG, or the platform default), follows its conf-file= and conf-dir= includes, reads the hosts files it names (addn-hosts=) and checks every line the way Start-PintServer would before serving. It is the Pint counterpart of dnsmasq --test, and it accepts an existing dnsmasq.conf unchanged.

Each finding is written to the pipeline as a ConfigDiagnostic object with the properties File, Line, Option, Severity (Error, Warning or Information) and Message, so a finding always names the file and the line to fix. A bad value (an address that does not parse, a dhcp-range= whose start is after its end), an unknown option (with a suggestion of the option you probably meant) and a dnsmasq option that Pint does not implement yet are all errors. With -AllowUnsupported, options Pint does not implement yet become warnings, which is how Start-PintServer -AllowUnsupported treats them. A config without errors or warnings returns no error or warning objects.

With -Quiet the cmdlet returns only $true when the config can be served (no errors) and $false when it cannot, which suits scripts and deployment checks. A config file that does not exist is a non-terminating error (and $false with -Quiet). Use -Verbose to see the list of files that were read.

Test-PintConfig never changes a file. Windows DhcpServer and DnsServer keep their state in a database rather than in a text file, so there is no direct equivalent there; the nearest is reviewing a server with Get-DhcpServerv4Scope and Get-DnsServerZone before a migration.
'@
    Parameters  = @{
        ConfigPath       = 'The dnsmasq-format config file to check. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. Files included with conf-file= and conf-dir= are checked too.'
        Quiet            = 'Returns only $true (the config has no errors and can be served) or $false, instead of the findings.'
        AllowUnsupported = 'Treats dnsmasq options that Pint does not implement yet as warnings instead of errors, as Start-PintServer -AllowUnsupported does. Unknown options and bad values stay errors.'
    }
    Inputs      = @('System.String')
    Notes       = 'Findings are output objects, not errors, so $? stays true and -ErrorAction does not hide them; filter them with Where-Object Severity -eq Error, or use -Quiet.'
    Links       = @('Start-PintServer', 'Get-PintHost', 'Get-PintDhcpRange')
    Examples    = @(
        @{
            Title   = 'Check an existing dnsmasq.conf'
            Code    = 'PS> Test-PintConfig -ConfigPath /etc/dnsmasq.conf'
            Remarks = 'Reads /etc/dnsmasq.conf and everything it includes, and lists each finding with its file, line, option and message, for example "/etc/dnsmasq.conf:12: error: dhcp-range: ..." shown as a table. No output means Pint can serve the file as it is.'
        }
        @{
            Title   = 'Fail a deployment when the config has errors'
            Code    = 'PS> if (-not (Test-PintConfig -Quiet)) { throw "pint.conf has errors; run Test-PintConfig to see them." }'
            Remarks = 'With -Quiet the cmdlet returns a single Boolean. Useful before restarting a service that runs Start-PintServer -Wait.'
        }
        @{
            Title   = 'See what a dnsmasq config would need before Pint can serve it'
            Code    = 'PS> Test-PintConfig -ConfigPath ./dnsmasq.conf -AllowUnsupported | Where-Object Severity -eq Warning | Group-Object Option'
            Remarks = 'Options Pint does not implement yet become warnings; grouping by option shows which ones the file uses and how often.'
        }
        @{
            Title   = 'List only the errors, with the files that were read'
            Code    = 'PS> Test-PintConfig -Verbose | Where-Object Severity -eq Error | Format-List File, Line, Option, Message'
            Remarks = 'The verbose stream names every file read (the config, its includes and its hosts files); the list shows each error with the file and line to fix.'
        }
    )
}
