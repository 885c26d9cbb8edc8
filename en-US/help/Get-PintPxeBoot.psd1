@{
    Synopsis    = 'Lists the boot file choices of the PXE setup: which file each client architecture gets, and whether it is in the TFTP root.'
    Description = @'
Get-PintPxeBoot writes one object per dhcp-boot= line and per pxe-service= line of the config and the files it includes. Each object tells which clients the choice is for (Architecture: BIOS, UEFI x86-64, ARM64 UEFI, or Default for the untagged dhcp-boot that serves every client no tag picks; ClientArchitecture: the DHCP option 93 values from the dhcp-match=...,option:client-arch lines of its tags), the boot file, the menu text of a pxe-service entry, another server named by the line, whether TFTP is enabled, the TFTP root, and FileExists: whether the file is in that root (null when another server serves it). Source and Line name the line, so every answer can be traced to the config.

The objects can be piped to Remove-PintPxeBoot.
'@
    Parameters  = @{
        Architecture = 'Only choices for these architectures, as the Architecture property shows them (BIOS, UEFI x86-64, ARM64 UEFI, Default). Wildcards are allowed.'
        ConfigPath   = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Links       = @('New-PintPxeBoot', 'Remove-PintPxeBoot', 'Copy-PintBootFile')
    Examples    = @(
        @{
            Title   = 'Show the PXE setup'
            Code    = 'PS> Get-PintPxeBoot'
            Remarks = 'One row per boot choice: architecture, kind (DhcpBoot or PxeService), boot file, whether it is present in the TFTP root, menu text and source line.'
        }
        @{
            Title   = 'Find boot files that are missing'
            Code    = 'PS> Get-PintPxeBoot | Where-Object FileExists -eq $false'
            Remarks = 'Lists the choices whose file is not in the TFTP root, so clients asking for it would get "file not found".'
        }
    )
}
