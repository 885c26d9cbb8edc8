#requires -Version 7.6
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the Pint module.
.DESCRIPTION
    Build    compiles the engine and the cmdlets and lays out the importable module in out/Pint/.
    Test     builds, then runs every xunit test (engine and cmdlets) and every Pester test against out/Pint/.
    Package  builds, then writes out/packages/Pint.<version>.nupkg through a local PSResource repository (offline).
    Demo     builds, then starts a demo server on 127.0.0.1 (DNS on port 5353) from examples/demo/pint.conf until Ctrl+C.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string[]] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Extra xunit filter, for example 'FullyQualifiedName~Config'.
    [string] $Filter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'Pint'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    Write-Host "> $File $($Arguments -join ' ')" -ForegroundColor DarkGray
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File exited with code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/Pint.PowerShell/Pint.PowerShell.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut, (Join-Path $moduleOut 'en-US')
    $bin = Join-Path $root "src/Pint.PowerShell/bin/$Configuration/net10.0"
    foreach ($name in 'Pint.PowerShell.dll', 'Pint.PowerShell.pdb', 'Pint.Engine.dll', 'Pint.Engine.pdb', 'Pint.PowerShell.deps.json') {
        Copy-Item (Join-Path $bin $name) $moduleOut
    }
    # The engine's NuGet dependencies (Npgsql for the shared lease store, and what it needs: Microsoft.Extensions.
    # Logging.Abstractions and DependencyInjection.Abstractions; BouncyCastle) go next to Pint.Engine.dll. The project
    # does not copy them (CopyLocalLockFileAssemblies is off, to keep PowerShell's own assemblies out), so they are
    # taken from the package folder by the runtime paths its deps.json lists; PowerShell's own packages list none.
    $deps = Get-Content (Join-Path $bin 'Pint.PowerShell.deps.json') -Raw | ConvertFrom-Json
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    foreach ($target in $deps.targets.PSObject.Properties.Value) {
        foreach ($library in $target.PSObject.Properties) {
            $info = $deps.libraries.($library.Name)
            if ($info.type -ne 'package' -or -not $library.Value.PSObject.Properties['runtime']) { continue }
            foreach ($asset in $library.Value.runtime.PSObject.Properties.Name) {
                $file = Join-Path $packages $info.path $asset
                if (-not (Test-Path $file)) { throw "$($library.Name): $file is missing (run dotnet restore)" }
                Copy-Item $file $moduleOut
            }
        }
    }
    Copy-Item (Join-Path $root 'Pint.psd1'), (Join-Path $root 'Pint.format.ps1xml') $moduleOut
    # The service host (pint.dll) ships in the module so Install-PintService can register it.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/Pint.Service/Pint.Service.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet',
        '--no-self-contained', '-p:UseAppHost=false', '-o', (Join-Path $moduleOut 'service'))
    Copy-Item (Join-Path $root 'en-US/about_Pint.help.txt') (Join-Path $moduleOut 'en-US')
    # MAML help is generated from en-US/help/*.psd1 and the cmdlets' own parameter metadata.
    Invoke-Pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tools/New-MamlHelp.ps1'),
        '-ModulePath', (Join-Path $moduleOut 'Pint.psd1'), '-HelpSource', (Join-Path $root 'en-US/help'),
        '-OutFile', (Join-Path $moduleOut 'en-US/Pint.PowerShell.dll-Help.xml'))
    if ($LASTEXITCODE -ne 0) { throw 'Help generation failed: every cmdlet needs en-US/help/<name>.psd1 with a description of each parameter and an example.' }
    Write-Host "Module laid out in $moduleOut" -ForegroundColor Green
}

# The pwsh running this script, as a command for a child process. Under `dotnet pwsh` the process is dotnet
# itself, so the child runs pwsh.dll through dotnet.
function Invoke-Pwsh {
    param([string[]] $Arguments)
    $exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (Test-Path $exe) { & $exe @Arguments } else { & dotnet (Join-Path $PSHOME 'pwsh.dll') @Arguments }
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tools/tools.csproj'), '--nologo', '-v', 'quiet')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $manifest = Get-ChildItem (Join-Path $packages 'pester') -Recurse -Filter Pester.psd1 | Select-Object -First 1
    if (-not $manifest) { throw "Pester was not restored under $packages/pester" }
    $manifest.FullName
}

function Invoke-Test {
    # Package includes Build; the Pester suite installs the package as a user would.
    Invoke-Package
    $failed = 0; $passed = 0; $skipped = 0
    # Failures are repeated at the very end: CI keeps only the tail of a long log.
    $failures = [System.Collections.Generic.List[string]]::new()
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $testArgs = @('test', (Join-Path $root 'Pint.sln'), '-c', $Configuration, '--nologo', '--logger', "trx", '--results-directory', $results)
    if ($Filter) { $testArgs += @('--filter', $Filter) }
    & dotnet @testArgs
    $xunitExit = $LASTEXITCODE
    foreach ($trx in Get-ChildItem $results -Filter *.trx -ErrorAction SilentlyContinue) {
        [xml] $x = Get-Content $trx.FullName -Raw
        $c = $x.TestRun.ResultSummary.Counters
        $passed += [int]$c.passed; $failed += [int]$c.failed + [int]$c.error + [int]$c.timeout
        $skipped += [int]$c.notExecuted
        foreach ($r in $x.GetElementsByTagName('UnitTestResult') | Where-Object { $_.outcome -notin 'Passed', 'NotExecuted' }) {
            $message = "$($r.GetElementsByTagName('Message') | Select-Object -First 1 | ForEach-Object InnerText)".Trim() -split "`n" | Select-Object -First 3
            $failures.Add("xunit: $($r.testName) [$($r.outcome), $($r.duration)]: $($message -join ' / ')")
        }
    }
    if ($xunitExit -ne 0 -and $failed -eq 0) { $failed++ ; Write-Warning "dotnet test exited with $xunitExit" }

    # Pester runs in a fresh pwsh so it imports the module exactly as a user would.
    $pester = Get-PesterPath
    $script = @"
Import-Module '$pester' -Force
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$r = Invoke-Pester -Configuration `$c
foreach (`$t in `$r.Failed) { "PESTERFAIL `$(`$t.ExpandedPath): `$((`"`$(`$t.ErrorRecord)`" -split "``n" | Select-Object -First 3) -join ' / ')" }
"PESTER `$(`$r.PassedCount) `$(`$r.FailedCount) `$(`$r.SkippedCount)"
"@
    $env:PINT_TEST_MODULE = Join-Path $moduleOut 'Pint.psd1'
    $env:PINT_TEST_PACKAGE_FEED = Join-Path $out 'packages'
    $lines = Invoke-Pwsh @('-NoProfile', '-NonInteractive', '-Command', $script)
    $pesterExit = $LASTEXITCODE
    $summary = $lines | Where-Object { $_ -match '^PESTER \d+ \d+ \d+$' } | Select-Object -Last 1
    $lines | Where-Object { $_ -notmatch '^PESTER' } | Write-Host
    $lines | Where-Object { $_ -match '^PESTERFAIL ' } | ForEach-Object { $failures.Add('pester: ' + $_.Substring(11)) }
    if ($summary) {
        $n = $summary.Split(' ')
        $passed += [int]$n[1]; $failed += [int]$n[2]; $skipped += [int]$n[3]
    } else { $failed++; Write-Warning "Pester did not report (exit $pesterExit)" }

    Write-Host ''
    foreach ($f in $failures) { Write-Host "FAILED $f" }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    $feed = Join-Path $out 'packages'
    $null = New-Item -ItemType Directory -Force -Path $feed
    Get-ChildItem $feed -Filter 'Pint.*.nupkg' | Remove-Item -Force
    $repo = 'PintLocalBuild'
    Import-Module Microsoft.PowerShell.PSResourceGet
    if (Get-PSResourceRepository -Name $repo -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $repo }
    Register-PSResourceRepository -Name $repo -Uri $feed -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repo -SkipDependenciesCheck
    } finally {
        Unregister-PSResourceRepository -Name $repo
    }
    Get-ChildItem $feed -Filter 'Pint.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" -ForegroundColor Green }
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $root 'examples/demo'
    Write-Host "Demo: DNS on 127.0.0.1:5353 from $demo/pint.conf. Try: dig @127.0.0.1 -p 5353 router.lab.test  (Ctrl+C stops)" -ForegroundColor Cyan
    Push-Location $demo
    try {
        Import-Module (Join-Path $moduleOut 'Pint.psd1') -Force
        Start-PintServer -ConfigPath (Join-Path $demo 'pint.conf') -Wait -Verbose
    } finally { Pop-Location }
}

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { if (Test-Path $out) { Remove-Item $out -Recurse -Force } }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
    }
}
