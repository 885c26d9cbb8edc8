# PXE cmdlets against a temporary config: the lines they write, what Get reads back, -WhatIf, removal, copying.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    # A fresh folder with pint.conf (given text) and the path of a TFTP root inside it, as $dir, $conf, $root.
    function New-PxeTestConfig([string] $text) {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pxe-" + [guid]::NewGuid())
        New-Item -ItemType Directory $script:dir | Out-Null
        $script:conf = Join-Path $script:dir 'pint.conf'
        $script:root = Join-Path $script:dir 'tftp'
        Set-Content $script:conf ($text -replace '\$root', $script:root)
    }
}

Describe 'New-PintPxeBoot' {
    BeforeEach {
        New-PxeTestConfig "# lab`ndhcp-range=10.98.0.50,10.98.0.99,12h"
    }
    AfterEach { Remove-Item $dir -Recurse -Force }

    It 'writes TFTP, architecture matches and boot lines, creates the root and warns about missing files' {
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile undionly.kpxe -UefiBootFile ipxe.efi -Arm64BootFile arm64.efi -WarningVariable warned -WarningAction SilentlyContinue
        $lines = Get-Content $conf
        $lines[0..1] | Should -Be @('# lab', 'dhcp-range=10.98.0.50,10.98.0.99,12h')
        $lines | Should -Contain 'enable-tftp'
        $lines | Should -Contain "tftp-root=$root"
        $lines | Should -Contain 'dhcp-match=set:efi-x86_64,option:client-arch,7'
        $lines | Should -Contain 'dhcp-match=set:efi-x86_64,option:client-arch,9'
        $lines | Should -Contain 'dhcp-match=set:efi-arm64,option:client-arch,11'
        $lines | Should -Contain 'dhcp-boot=undionly.kpxe'
        $lines | Should -Contain 'dhcp-boot=tag:efi-x86_64,ipxe.efi'
        $lines | Should -Contain 'dhcp-boot=tag:efi-arm64,arm64.efi'
        Test-Path $root -PathType Container | Should -BeTrue
        $warned.Count | Should -Be 3
        "$($warned[0])" | Should -Match 'undionly.kpxe'
        Test-PintConfig -ConfigPath $conf -Quiet | Should -BeTrue
    }

    It 'does not warn about files already in the root' {
        New-Item -ItemType Directory $root | Out-Null
        Set-Content (Join-Path $root 'pxelinux.0') 'x'
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile pxelinux.0 -WarningVariable warned
        $warned.Count | Should -Be 0
    }

    It 'adds a PXE menu with -MenuText' {
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile pxelinux.0 -UefiBootFile grubx64.efi -MenuText 'Install Linux' -MenuTimeout 5 -WarningAction SilentlyContinue
        $lines = Get-Content $conf
        $lines | Should -Contain 'pxe-prompt=Install Linux,5'
        $lines | Should -Contain 'pxe-service=x86PC,Install Linux,pxelinux.0'
        $lines | Should -Contain 'pxe-service=x86-64_EFI,Install Linux,grubx64.efi'
    }

    It 'changes nothing with -WhatIf, not even the folder' {
        $before = Get-Content $conf -Raw
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile undionly.kpxe -WhatIf
        Get-Content $conf -Raw | Should -Be $before
        Test-Path $root | Should -BeFalse
    }

    It 'refuses a second setup and names the existing line' {
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile a.kpxe -WarningAction SilentlyContinue
        { New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile b.kpxe -ErrorAction Stop } | Should -Throw "*pint.conf:5*Remove-PintPxeBoot*"
    }

    It 'refuses boot file names a client could not be given: <_>' -ForEach @('../etc/passwd', '/boot/x.efi', 'a,b', 'has space') {
        { New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile $_ -ErrorAction Stop } | Should -Throw '*Boot file*'
        Get-Content $conf | Should -Not -Contain 'enable-tftp'
    }
}

Describe 'Get-PintPxeBoot and Remove-PintPxeBoot' {
    BeforeEach {
        New-PxeTestConfig 'port=0'
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile undionly.kpxe -UefiBootFile ipxe.efi -Arm64BootFile arm64.efi -WarningAction SilentlyContinue
        Set-Content (Join-Path $root 'ipxe.efi') 'x'
    }
    AfterEach { Remove-Item $dir -Recurse -Force }

    It 'describes each choice with its architecture, file presence and source line' {
        $boots = Get-PintPxeBoot -ConfigPath $conf
        $boots.Count | Should -Be 3
        $default = $boots | Where-Object Architecture -eq 'Default'
        $default.BootFile | Should -Be 'undionly.kpxe'
        $default.FileExists | Should -BeFalse
        $uefi = $boots | Where-Object Architecture -eq 'UEFI x86-64'
        $uefi.BootFile | Should -Be 'ipxe.efi'
        $uefi.ClientArchitecture | Should -Be @(7, 9)
        $uefi.FileExists | Should -BeTrue
        $uefi.TftpRoot | Should -Be $root
        (Get-Content $conf)[$uefi.Line - 1] | Should -Be 'dhcp-boot=tag:efi-x86_64,ipxe.efi'
        (Get-PintPxeBoot -ConfigPath $conf -Architecture 'ARM64*').BootFile | Should -Be 'arm64.efi'
    }

    It 'removes a piped choice and the match only it used' {
        Get-PintPxeBoot -ConfigPath $conf -Architecture 'ARM64*' | Remove-PintPxeBoot -Confirm:$false
        $lines = Get-Content $conf
        $lines | Should -Not -Contain 'dhcp-boot=tag:efi-arm64,arm64.efi'
        $lines | Should -Not -Contain 'dhcp-match=set:efi-arm64,option:client-arch,11'
        $lines | Should -Contain 'dhcp-match=set:efi-x86_64,option:client-arch,7'
        (Get-PintPxeBoot -ConfigPath $conf).Count | Should -Be 2
    }

    It 'removes the whole setup, and TFTP with -DisableTftp' {
        Remove-PintPxeBoot -ConfigPath $conf -Confirm:$false
        $lines = Get-Content $conf
        $lines | Should -Not -Match '^(dhcp-boot|dhcp-match|pxe-)'
        $lines | Should -Contain 'enable-tftp'
        Remove-PintPxeBoot -ConfigPath $conf -DisableTftp -Confirm:$false
        Get-Content $conf | Should -Be @('port=0')
    }

    It 'keeps the file with -WhatIf' {
        $before = Get-Content $conf -Raw
        Remove-PintPxeBoot -ConfigPath $conf -DisableTftp -WhatIf
        Get-Content $conf -Raw | Should -Be $before
    }
}

Describe 'Copy-PintBootFile' {
    BeforeEach {
        New-PxeTestConfig "enable-tftp`ntftp-root=`$root"
        $script:image = Join-Path $dir 'image.bin'
        $bytes = [byte[]]::new(3MB + 5); (New-Object Random 5).NextBytes($bytes)
        [IO.File]::WriteAllBytes($image, $bytes)
    }
    AfterEach { Remove-Item $dir -Recurse -Force }

    It 'copies into the config''s tftp-root byte for byte, creating folders' {
        $file = Copy-PintBootFile -ConfigPath $conf -Path $image -Destination efi/boot.bin
        $file.FullName | Should -Be (Join-Path $root 'efi/boot.bin')
        (Get-FileHash $file.FullName).Hash | Should -Be (Get-FileHash $image).Hash
    }

    It 'keeps an existing file unless -Force' {
        Copy-PintBootFile -ConfigPath $conf -Path $image | Out-Null
        Set-Content $image 'new'
        { Copy-PintBootFile -ConfigPath $conf -Path $image -ErrorAction Stop } | Should -Throw '*-Force*'
        Copy-PintBootFile -ConfigPath $conf -Path $image -Force | Out-Null
        Get-Content (Join-Path $root 'image.bin') | Should -Be 'new'
    }

    It 'copies nothing with -WhatIf' {
        Copy-PintBootFile -TftpRoot $root -Path $image -WhatIf
        Test-Path (Join-Path $root 'image.bin') | Should -BeFalse
    }
}
