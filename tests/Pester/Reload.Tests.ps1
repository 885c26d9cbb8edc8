# Live reload as a user meets it: an edit from another PowerShell process reaches a running server by itself,
# and a broken edit never takes it down.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-reload-" + [guid]::NewGuid())
    New-Item -ItemType Directory $dir | Out-Null
    $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    $script:port = $probe.Client.LocalEndPoint.Port
    $probe.Dispose()
    $script:conf = Join-Path $dir 'pint.conf'
    Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=old.test,192.0.2.1')

    # Asks the server for NAME's A record; returns the address or the rcode as text.
    function script:Resolve([string] $name) {
        $labels = $name.Split('.') | ForEach-Object { [byte[]]($_.Length) + [Text.Encoding]::ASCII.GetBytes($_) }
        $q = [byte[]](0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0) + ($labels | ForEach-Object { $_ }) + [byte[]](0, 0, 1, 0, 1)
        $c = [System.Net.Sockets.UdpClient]::new()
        try {
            $c.Client.ReceiveTimeout = 1000
            $null = $c.Send($q, $q.Length, '127.0.0.1', $port)
            $remote = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
            $a = $c.Receive([ref]$remote)
            $rcode = $a[3] -band 0xf
            $answers = ($a[6] -shl 8) + $a[7]
            if ($rcode -ne 0) { return "rcode$rcode" }
            if ($answers -eq 0) { return 'nodata' }
            return ($a[-4..-1] -join '.')
        } catch { return 'timeout' } finally { $c.Dispose() }
    }
    function script:WaitFor([string] $name, [string] $expected, [double] $seconds) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        do {
            $got = Resolve $name
            if ($got -eq $expected) { return $sw.Elapsed.TotalSeconds }
            Start-Sleep -Milliseconds 100
        } while ($sw.Elapsed.TotalSeconds -lt $seconds)
        throw "$name answered '$got', not '$expected', after $seconds s"
    }
    Start-PintServer -ConfigPath $conf
}
AfterAll {
    Stop-PintServer -ErrorAction SilentlyContinue
    Remove-Item $dir -Recurse -Force
}

Describe 'Live reload' {
    It 'answers a name that Add-PintHost adds from another process within 2 seconds' {
        Resolve old.test | Should -Be '192.0.2.1'
        Resolve new.test | Should -Not -Be '192.0.2.2'
        $pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$modulePath'; Add-PintHost -ConfigPath '$conf' -Name new.test -IPAddress 192.0.2.2"
        $LASTEXITCODE | Should -Be 0
        $took = WaitFor new.test '192.0.2.2' 2.0
        $took | Should -BeLessThan 2.0
        Resolve old.test | Should -Be '192.0.2.1'
    }
    It 'stops answering a removed name' {
        Remove-PintHost -ConfigPath $conf -Name old.test -Confirm:$false
        WaitFor old.test 'rcode5' 2.0 | Should -BeLessThan 2.0  # REFUSED: not local, no upstream
    }
    It 'keeps serving the last good config when an edit is broken, and says where' {
        Add-Content $conf 'dhcp-range=10.0.0.10,10.0.0.500'
        $sw = [Diagnostics.Stopwatch]::StartNew()
        do { Start-Sleep -Milliseconds 200; $s = Get-PintServer -ConfigPath $conf } until ($s.LastReloadError -or $sw.Elapsed.TotalSeconds -gt 5)
        $s.State | Should -Be 'Running'
        $s.LastReloadError | Should -Match 'pint\.conf:7'
        $s.LastReloadError | Should -Match 'dhcp-range'
        Resolve new.test | Should -Be '192.0.2.2'
        { Update-PintServer -ConfigPath $conf -ErrorAction Stop } | Should -Throw -ExpectedMessage '*pint.conf:7*'
    }
    It 'applies the next good edit after a broken one' {
        $lines = Get-Content $conf | Where-Object { $_ -notlike 'dhcp-range=*' }
        Set-Content $conf ($lines + 'host-record=third.test,192.0.2.3')
        WaitFor third.test '192.0.2.3' 2.0 | Should -BeLessThan 2.0
        (Get-PintServer -ConfigPath $conf).LastReloadError | Should -BeNullOrEmpty
    }
}
