@{
    Synopsis    = 'Removes DHCP option lines (dhcp-option=) from the config, by option number and tags or as Get-PintDhcpOption sends them down the pipeline.'
    Description = @'
Remove-PintDhcpOption removes dhcp-option= lines from the config file and the files it includes, as Windows' Remove-DhcpServerv4OptionValue removes option values.

With -OptionId it removes, for each number, the plain dhcp-option= line for exactly the tags given with -Tag; without -Tag, the line that applies to every client. Lines with dhcp-option-force, vendor:, encap: or vi-encap: are removed only when piped from Get-PintDhcpOption. A number without such a line is a non-terminating error.

Piped PintDhcpOption objects are removed from the file and line they were read from; the lines are removed from the bottom of each file up, so removing one never shifts the next. The config is read again under its edit lock, and a line that changed since it was listed is reported rather than the wrong line removed. Every other byte of the file stays as it was, and each write is atomic. A running server takes the change live.

The cmdlet supports -WhatIf and -Confirm; its confirm impact is Medium.
'@
    Parameters  = @{
        OptionId    = 'The option numbers whose lines to remove, 1 to 254.'
        Tag         = 'With -OptionId: removes the line for exactly these tags rather than the line for every client.'
        InputObject = 'Options from Get-PintDhcpOption. Each is removed from the line and config file it was read from.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each option is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintDhcpOption')
    Notes       = 'The cmdlet writes nothing to the pipeline. Removing the router or DNS server option makes the server send its defaults again (its own address).'
    Links       = @('Get-PintDhcpOption', 'Set-PintDhcpOption')
    Examples    = @(
        @{
            Title   = 'Remove the NTP servers'
            Code    = 'PS> Remove-PintDhcpOption -OptionId 42'
            Remarks = 'Removes dhcp-option=option:ntp-server,... for every client; tagged lines stay.'
        }
        @{
            Title   = 'Remove every option of one tag'
            Code    = 'PS> Get-PintDhcpOption -Tag lab | Remove-PintDhcpOption -WhatIf'
            Remarks = 'Shows which tag:lab lines would be removed; run it again without -WhatIf to remove them.'
        }
    )
}
