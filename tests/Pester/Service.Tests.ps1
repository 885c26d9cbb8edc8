# Install-PintService as an admin uses it, staged into a folder of the test's own (no systemd registration).
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-svc-" + [guid]::NewGuid())
    New-Item -ItemType Directory $dir | Out-Null
    $script:conf = Join-Path $dir 'pint.conf'
    Set-Content $conf @('port=5399', 'listen-address=127.0.0.1', 'no-hosts', 'no-resolv')
}
AfterAll { Remove-Item $dir -Recurse -Force }

Describe 'Install-PintService' -Skip:$IsWindows {
    It '-WhatIf writes nothing' {
        Install-PintService -ConfigPath $conf -UnitDirectory (Join-Path $dir 'units') -WhatIf
        Join-Path $dir 'units/pint.service' | Should -Not -Exist
    }
    It 'writes a unit whose ExecStart runs the shipped service host with the config' {
        $unit = Install-PintService -ConfigPath $conf -UnitDirectory (Join-Path $dir 'units') -User pint -PassThru
        $text = Get-Content $unit.FullName -Raw
        $text | Should -Match 'Restart=on-failure'
        $text | Should -Match 'AmbientCapabilities=CAP_NET_BIND_SERVICE'
        $text | Should -Match '(?m)^User=pint$'
        $exec = ($text -split "`n" | Where-Object { $_ -like 'ExecStart=*' }) -replace '^ExecStart=', ''
        $parts = $exec -split ' '
        $parts[0] | Should -Exist
        $parts[1] | Should -Exist
        $parts | Should -Contain $conf
        # The command the service manager would run accepts the config (its --test mode).
        & $parts[0] $parts[1] --conf-file $conf --test 2>&1 | Out-String | Should -Match 'syntax check OK'
        $LASTEXITCODE | Should -Be 0
    }
    It 'refuses a config that does not exist' {
        { Install-PintService -ConfigPath (Join-Path $dir 'missing.conf') -UnitDirectory (Join-Path $dir 'units2') } | Should -Throw -ExpectedMessage '*missing.conf*does not exist*'
    }
    It 'Uninstall-PintService removes only the unit it wrote' {
        Uninstall-PintService -UnitDirectory (Join-Path $dir 'units') -Confirm:$false
        Join-Path $dir 'units/pint.service' | Should -Not -Exist
        Set-Content (Join-Path $dir 'units/other.service') '[Unit]'
        Uninstall-PintService -Name other -UnitDirectory (Join-Path $dir 'units') -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'not written by Install-PintService'
        Join-Path $dir 'units/other.service' | Should -Exist
    }
}

Describe 'The service host' {
    # The second case is found by the DHCP setup step (the value does not encode), not by the syntax check: --test takes the same steps as a start.
    It '--test rejects a bad config naming its line, with a non-zero exit (<Because>)' -ForEach @(
        @{ Because = 'a bad range'; Lines = @('port=5399', '# comment', 'dhcp-range=10.0.0.10,10.0.0.500'); Match = 'dhcp-range' }
        @{ Because = 'an option value that does not encode'; Lines = @('port=5399', 'dhcp-range=10.0.0.10,10.0.0.50', 'dhcp-option=option:router,gateway.lan'); Match = 'gateway\.lan' }
    ) {
        $bad = Join-Path $dir 'bad.conf'
        Set-Content $bad $Lines
        $dll = Join-Path (Split-Path $modulePath) 'service/pint.dll'
        $out = & dotnet $dll --conf-file $bad --test 2>&1 | Out-String
        $LASTEXITCODE | Should -Not -Be 0
        $out | Should -Match 'bad\.conf:3'
        $out | Should -Match $Match
    }
}
