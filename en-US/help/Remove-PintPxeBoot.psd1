@{
    Synopsis    = 'Removes the PXE setup (dhcp-boot=, pxe-service=, pxe-prompt= and the client-arch dhcp-match= lines), or the boot choices Get-PintPxeBoot sends.'
    Description = @'
Without input, Remove-PintPxeBoot removes every dhcp-boot= and pxe-service= line, the pxe-prompt= lines and the dhcp-match= lines on the client architecture (option 93). With boot choices piped from Get-PintPxeBoot it removes only their lines, then the option 93 matches whose tags no remaining choice uses, and the pxe-prompt when no menu entry is left. With -DisableTftp it also removes enable-tftp and the tftp-root= lines, so the TFTP server no longer runs. Files in the TFTP root are never deleted.

Each edit is atomic and made under the config's edit lock against a fresh read of the file; a line that changed since it was listed is reported (run Get-PintPxeBoot again) instead of the wrong line removed. The confirm impact is High: PowerShell asks first unless you add -Confirm:$false. -WhatIf lists the lines that would go.
'@
    Parameters  = @{
        InputObject = 'Boot choices from Get-PintPxeBoot. Each is removed from the file and line it was read from.'
        DisableTftp = 'Also remove enable-tftp and the tftp-root= lines.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. With -InputObject, the ConfigPath of each choice is used.'
    }
    Inputs      = @('Pint.Engine.Management.PintPxeBoot')
    Notes       = 'The cmdlet writes nothing to the pipeline.'
    Links       = @('New-PintPxeBoot', 'Get-PintPxeBoot')
    Examples    = @(
        @{
            Title   = 'Remove the whole setup and turn TFTP off'
            Code    = 'PS> Remove-PintPxeBoot -DisableTftp -Confirm:$false'
            Remarks = 'Removes the boot, menu and architecture lines and enable-tftp and tftp-root.'
        }
        @{
            Title   = 'Stop offering a file to ARM64 clients'
            Code    = 'PS> Get-PintPxeBoot -Architecture "ARM64*" | Remove-PintPxeBoot -WhatIf'
            Remarks = 'Shows the dhcp-boot=tag:efi-arm64,... line and its dhcp-match= line that would be removed.'
        }
    )
}
