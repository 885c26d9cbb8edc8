@{
    Synopsis    = 'Sets up network booting (PXE and iPXE): turns on the TFTP server, names its root folder and the boot file for each client architecture.'
    Description = @'
New-PintPxeBoot writes the lines a PXE setup needs at the end of the config file, through the lossless editor (comments and the rest of the file stay as they are; -WhatIf lists each line it would add):

  enable-tftp                                         (unless TFTP is already on)
  tftp-root=DIR                                       (unless the config already names this root)
  dhcp-match=set:efi-x86_64,option:client-arch,7      (with -UefiBootFile; also value 9)
  dhcp-match=set:efi-arm64,option:client-arch,11      (with -Arm64BootFile)
  dhcp-boot=BOOTFILE                                  (BIOS clients, and any client no match tags)
  dhcp-boot=tag:efi-x86_64,UEFIBOOTFILE
  dhcp-boot=tag:efi-arm64,ARM64BOOTFILE

PXE firmware sends its architecture in DHCP option 93 (client-arch): 0 for BIOS, 7 or 9 for UEFI x86-64, 11 for ARM64 UEFI. The tagged dhcp-boot lines win over the untagged one, so BIOS clients get -BootFile and UEFI clients their own file. With -MenuText a pxe-prompt= line and one pxe-service= entry per architecture add a PXE boot menu that picks the entry after -MenuTimeout seconds.

After the config is written, the TFTP root folder is created if missing, and a warning names each boot file that is not in it yet (copy them with Copy-PintBootFile). The setup is refused, with the file and line, when the config already has dhcp-boot= or pxe-service= lines (remove them with Remove-PintPxeBoot) or another tftp-root. The DHCP server (dhcp-range=) must also run for clients to learn the boot file.
'@
    Parameters  = @{
        TftpRoot      = 'Folder the TFTP server serves files from (tftp-root=). Relative paths are resolved against the current PowerShell location and written as a full path. Created when missing.'
        BootFile      = 'File for BIOS clients and for clients no architecture match tags, relative to the TFTP root (for example undionly.kpxe or pxelinux.0).'
        UefiBootFile  = 'File for UEFI x86-64 clients (option 93 value 7 or 9), relative to the TFTP root (for example ipxe.efi or grubx64.efi).'
        Arm64BootFile = 'File for ARM64 UEFI clients (option 93 value 11), relative to the TFTP root.'
        MenuText      = 'Adds a PXE boot menu: the prompt text (pxe-prompt=) and the entry text of each pxe-service= line. No commas or quotes.'
        MenuTimeout   = 'Seconds the PXE menu waits before it boots its first entry (0 to 255, default 10). Used with -MenuText.'
        PassThru      = 'Writes the resulting boot choices (as Get-PintPxeBoot lists them) to the pipeline.'
        ConfigPath    = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.String')
    Notes       = 'Pint sends the boot file in the BOOTP file field, or as option 67 when the client asks for it, and itself as next-server, as PXE ROMs expect. The TFTP server supports blksize, tsize, timeout and windowsize (RFC 7440), which UEFI firmware uses to load large images fast.'
    Links       = @('Get-PintPxeBoot', 'Remove-PintPxeBoot', 'Copy-PintBootFile', 'about_Pint')
    Examples    = @(
        @{
            Title   = 'BIOS and UEFI clients'
            Code    = 'PS> New-PintPxeBoot -TftpRoot /srv/tftp -BootFile undionly.kpxe -UefiBootFile ipxe.efi'
            Remarks = 'Turns TFTP on with root /srv/tftp; BIOS clients load undionly.kpxe and UEFI x86-64 clients ipxe.efi. Warns if either file is not in /srv/tftp yet.'
        }
        @{
            Title   = 'Preview a setup with a menu'
            Code    = 'PS> New-PintPxeBoot /srv/tftp pxelinux.0 -MenuText "Install Linux" -MenuTimeout 5 -WhatIf'
            Remarks = 'Lists the enable-tftp, tftp-root, dhcp-boot, pxe-prompt and pxe-service lines it would add, without changing the file or creating the folder.'
        }
    )
}
