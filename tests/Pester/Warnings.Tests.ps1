# Every warning a Pint cmdlet gives goes through PowerShell's warning stream: -WarningVariable catches it,
# -WarningAction SilentlyContinue hides it, and it names what is wrong and where. Nothing is written to stderr.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $env:PINT_CONTROL = Join-Path ([IO.Path]::GetTempPath()) ('pint-no-service-' + [guid]::NewGuid() + '.sock')
    $script:samples = Join-Path $PSScriptRoot '../Pint.Engine.Tests/TestData/Import'
    $script:pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    function script:FreePort {
        $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try { $probe.Client.LocalEndPoint.Port } finally { $probe.Dispose() }
    }
    # A DNS-only config on a free loopback port; line 6 on is EXTRA.
    function script:ServerConfig([string[]] $extra) {
        Set-Content $conf (@("port=$(FreePort)", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv') + $extra)
    }
    # Runs SCRIPT in a child pwsh with the module and config as $args; returns its stdout and stderr.
    function script:InChildPwsh([string] $script) {
        $file = Join-Path $dir 'child.ps1'
        Set-Content $file "`$module, `$conf = `$args`nImport-Module `$module`n$script"
        $out = Join-Path $dir 'out.txt'
        $err = Join-Path $dir 'err.txt'
        $p = Start-Process $pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $file, $modulePath, $conf -Wait -PassThru -RedirectStandardOutput $out -RedirectStandardError $err
        $p.ExitCode | Should -Be 0 -Because (Get-Content $err -Raw)
        [pscustomobject]@{ Out = (Get-Content $out -Raw) + ''; Err = (Get-Content $err -Raw) + '' }
    }
}
AfterAll { Remove-Item Env:PINT_CONTROL -ErrorAction SilentlyContinue }

Describe 'Warnings go through the warning stream' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-warn-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:missing = Join-Path $dir 'missing.hosts'
    }
    AfterEach {
        Stop-PintServer -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'Start-PintServer warns once about each ignored config line, naming file and line' {
        ServerConfig @('local-ttl=', "addn-hosts=$missing")
        Start-PintServer -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue
        @($w | Where-Object { $_ -match 'pint\.conf:6: warning: local-ttl: empty value' }).Count | Should -Be 1
        @($w | Where-Object { $_ -match "pint\.conf:7: warning: addn-hosts: cannot read hosts file '.*missing\.hosts'" }).Count | Should -Be 1
    }

    It 'Start-PintServer -AllowUnsupported warns about an option it ignores' {
        ServerConfig @('dhcp-luascript=/etc/lease.lua')
        Start-PintServer -ConfigPath $conf -AllowUnsupported -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'pint\.conf:6: warning: dhcp-luascript: .*does not implement'
    }

    It 'Start-PintServer keeps a note (a hosts file without its last line break) for -Verbose, not a warning' {
        $hosts = Join-Path $dir 'lab.hosts'
        [IO.File]::WriteAllText($hosts, '192.0.2.9 cut.test')
        ServerConfig @("addn-hosts=$hosts")
        $verbose = Start-PintServer -ConfigPath $conf -WarningVariable w -Verbose 4>&1
        $w | Should -BeNullOrEmpty
        "$verbose" | Should -Match 'lab\.hosts:1: information: the last line has no line break'
    }

    It 'Update-PintServer warns about what the reloaded config ignores, naming file and line' {
        ServerConfig @()
        Start-PintServer -ConfigPath $conf -WarningVariable w
        $w | Should -BeNullOrEmpty
        Add-Content $conf "addn-hosts=$missing"
        Update-PintServer -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match "pint\.conf:6: warning: addn-hosts: cannot read hosts file '.*missing\.hosts'"
    }

    It 'Update-PintServer reports a refused reload once, as its error, not again as a warning' {
        ServerConfig @()
        Start-PintServer -ConfigPath $conf
        Add-Content $conf 'dhcp-range=10.0.0.10,10.0.0.500'
        Update-PintServer -ConfigPath $conf -ErrorVariable e -ErrorAction SilentlyContinue -WarningVariable w
        @($e).Count | Should -Be 1
        "$e" | Should -Match 'pint\.conf:6: error: dhcp-range'
        $w | Should -BeNullOrEmpty
    }

    It 'Stop-PintServer tells what a server started without -Wait warned about since' {
        ServerConfig @()
        Start-PintServer -ConfigPath $conf
        Add-Content $conf "addn-hosts=$missing"
        # The server re-reads the edited config by itself, within a second or two.
        $sw = [Diagnostics.Stopwatch]::StartNew()
        do { Start-Sleep -Milliseconds 100 } until ((Get-PintServer -ConfigPath $conf).Warnings -or $sw.Elapsed.TotalSeconds -gt 10)
        Stop-PintServer -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match "pint\.conf:6: warning: addn-hosts: cannot read hosts file '.*missing\.hosts'"
    }

    It 'Get-PintLease and Get-PintDhcpStatistics warn about a bad lease line, naming file and line' {
        $leases = Join-Path $dir 'pint.leases'
        Set-Content $leases @('0 52:54:00:aa:bb:01 10.9.0.101 laptop *', 'this line is broken')
        Set-Content $conf @('dhcp-range=10.9.0.100,10.9.0.200,1h', "dhcp-leasefile=$leases")
        Get-PintLease -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        "$w" | Should -Match 'pint\.leases:2: '
        Get-PintDhcpStatistics -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        "$w" | Should -Match 'pint\.leases:2: '
    }

    It 'a config cmdlet (Get-PintHost) warns about an ignored line of the config it reads' {
        Set-Content $conf @('host-record=a.test,192.0.2.1', 'local-ttl=')
        (Get-PintHost -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue).Name | Should -Be 'a.test'
        "$w" | Should -Match 'pint\.conf:2: warning: local-ttl: empty value'
    }

    It 'Import-PintWindowsDhcp and Import-PintDnsZone warn about what they cannot import, naming file and line' {
        Import-PintWindowsDhcp (Join-Path $samples 'dhcp-2012r2.xml') -ConfigPath $conf -LeaseFile (Join-Path $dir 'pint.leases') -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        ($w | Where-Object { $_ -match "dhcp-2012r2\.xml:\d+: warning: Scope 10\.20\.0\.0: inactive scope 'Old lab' not imported" }) | Should -Not -BeNullOrEmpty
        Import-PintDnsZone (Join-Path $samples 'zone-windows.dns') -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        "$w" | Should -Match 'zone-windows\.dns:\d+: warning: .*HINFO record not imported'
    }

    It 'New-PintPxeBoot warns about a boot file missing from the root, naming both' {
        $root = Join-Path $dir 'tftp'
        New-PintPxeBoot -ConfigPath $conf -TftpRoot $root -BootFile undionly.kpxe -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match "Boot file 'undionly\.kpxe' is not in $([regex]::Escape($root))"
    }

    It 'with log-facility=-, -WarningAction SilentlyContinue hides the warning from every stream and from stderr' {
        ServerConfig @('log-facility=-', "addn-hosts=$missing")
        $child = InChildPwsh '& { Start-PintServer -ConfigPath $conf -WarningAction SilentlyContinue; Stop-PintServer -WarningAction SilentlyContinue } *>&1; ''served'''
        $child.Out | Should -Match 'served'
        $child.Out | Should -Not -Match 'missing\.hosts'
        $child.Err | Should -Not -Match 'missing\.hosts'
    }

    It 'with log-facility=-, the warning is in the warning stream and not on stderr' {
        ServerConfig @('log-facility=-', "addn-hosts=$missing")
        $child = InChildPwsh '& { Start-PintServer -ConfigPath $conf; Stop-PintServer } 3>&1 | ForEach-Object { "warning stream: $_" }'
        $child.Out | Should -Match "warning stream: .*pint\.conf:7: warning: addn-hosts: cannot read hosts file '.*missing\.hosts'"
        $child.Err | Should -Not -Match 'missing\.hosts'
    }
}
