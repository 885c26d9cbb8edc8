@{
    Synopsis    = 'Removes the DHCP lease script: every dhcp-script= and dhcp-scriptuser= line of the config and its includes.'
    Description = @'
Remove-PintDhcpScript removes every dhcp-script= line and every dhcp-scriptuser= line from the config and the files it includes, so the server runs no script on lease changes. (A config may give each only once, as with dnsmasq, but one that repeats them has all of them removed.) The other lines keep every byte. A config with neither line is a non-terminating error.

The cmdlet supports -WhatIf and -Confirm; its confirm impact is Medium. A running server stops calling the script within two seconds, as it takes any edit of its config.
'@
    Parameters  = @{
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. The ConfigPath of an object piped in (from Get-PintConfig or Set-PintDhcpScript -PassThru) binds to it.'
    }
    Inputs      = @('Pint.PowerShell.Model.PintConfigInfo', 'Pint.PowerShell.Model.PintDhcpScript')
    Notes       = 'The cmdlet writes nothing to the pipeline.'
    Links       = @('Set-PintDhcpScript', 'Get-PintConfig')
    Examples    = @(
        @{
            Title   = 'Stop running the lease script'
            Code    = 'PS> Remove-PintDhcpScript'
            Remarks = 'Removes dhcp-script= and dhcp-scriptuser= from the config named by $env:PINT_CONFIG (or the default config).'
        }
        @{
            Title   = 'For a config given by path'
            Code    = 'PS> Remove-PintDhcpScript -ConfigPath /etc/dnsmasq.conf -WhatIf'
            Remarks = 'Shows the lines that would be removed, and removes nothing.'
        }
    )
}
