@{
    Synopsis    = 'Copies boot images into the TFTP root, with a progress bar for large files.'
    Description = @'
Copy-PintBootFile copies each file into the TFTP root: -TftpRoot when given, otherwise the tftp-root= of the config. The copy goes to a temporary file that is renamed into place when complete, so a client loading the file at the same time never gets half an image; the copy is readable by every user (mode 644 on Linux and macOS) so the server can serve it. Write-Progress shows the MiB copied for each file.

An existing file is kept (a non-terminating error) unless -Force is given. The name in the root is the source file's name, or -Destination for a single file (a relative path such as efi/grubx64.efi; its folders are created). Names with commas, quotes, spaces or .. are refused, as they cannot be named in a dhcp-boot= line.
'@
    Parameters  = @{
        Path        = 'Files to copy. Takes pipeline input, including FileInfo objects from Get-ChildItem (by FullName).'
        TftpRoot    = 'The folder to copy into. When omitted, the tftp-root= of the config file.'
        Destination = 'Name of the copy relative to the root, for a single -Path. Defaults to the source file name.'
        Force       = 'Replace a file of the same name in the root.'
        ConfigPath  = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. Used to find tftp-root= when -TftpRoot is not given.'
    }
    Inputs      = @('System.String', 'System.IO.FileInfo')
    Links       = @('New-PintPxeBoot', 'Get-PintPxeBoot')
    Examples    = @(
        @{
            Title   = 'Copy iPXE images into the configured root'
            Code    = 'PS> Copy-PintBootFile /usr/lib/ipxe/undionly.kpxe, /usr/lib/ipxe/ipxe.efi'
            Remarks = 'Copies both files into the tftp-root of the config and writes the new files to the pipeline.'
        }
        @{
            Title   = 'Copy a large installer image under another name'
            Code    = 'PS> Copy-PintBootFile ./netboot/initrd.gz -TftpRoot /srv/tftp -Destination debian/initrd.gz -Force'
            Remarks = 'Shows progress while copying, creates /srv/tftp/debian and replaces an older initrd.gz.'
        }
    )
}
