# The .nupkg that ./build.ps1 Package writes installs with PSResourceGet from a folder repository, as
# Install-PSResource/Install-Module would from a gallery, and the installed module works.
BeforeAll {
    $script:feed = if ($env:PINT_TEST_PACKAGE_FEED) { $env:PINT_TEST_PACKAGE_FEED } else { Join-Path $PSScriptRoot '../../out/packages' }
    $script:repo = 'PintPesterFeed' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:dest = Join-Path ([IO.Path]::GetTempPath()) ('pint-install-' + [guid]::NewGuid())
    New-Item -ItemType Directory $dest | Out-Null
    Register-PSResourceRepository -Name $repo -Uri (Resolve-Path $feed).Path -Trusted
}
AfterAll {
    Unregister-PSResourceRepository -Name $repo -ErrorAction SilentlyContinue
    Remove-Item $dest -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Package' {
    It 'is found in a folder repository and saved with its manifest, binaries, formats and help' {
        $found = Find-PSResource -Name Pint -Repository $repo
        $found.Version | Should -Be ([version](Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../Pint.psd1')).ModuleVersion)
        Save-PSResource -Name Pint -Repository $repo -Path $dest -TrustRepository
        $installed = Get-ChildItem (Join-Path $dest 'Pint') -Directory | Select-Object -First 1
        foreach ($f in 'Pint.psd1', 'Pint.PowerShell.dll', 'Pint.Engine.dll', 'Pint.format.ps1xml', 'en-US/about_Pint.help.txt', 'en-US/Pint.PowerShell.dll-Help.xml') {
            Join-Path $installed.FullName $f | Should -Exist
        }
    }
    It 'imports from the installed copy in a fresh session and lists the same cmdlets' {
        $count = & (Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })) -NoProfile -NonInteractive -Command "Import-Module '$(Join-Path $dest 'Pint')'; (Get-Command -Module Pint -CommandType Cmdlet).Count"
        [int]($count | Select-Object -Last 1) | Should -Be (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../Pint.psd1')).CmdletsToExport.Count
    }
}
