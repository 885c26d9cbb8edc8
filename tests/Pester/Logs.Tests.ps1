# log-queries and log-facility as a dnsmasq user sets them: query lines in the named file.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $env:PINT_CONTROL = Join-Path ([IO.Path]::GetTempPath()) ('pint-no-service-' + [guid]::NewGuid() + '.sock')
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-logs-" + [guid]::NewGuid())
    New-Item -ItemType Directory $dir | Out-Null
    $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    $script:port = $probe.Client.LocalEndPoint.Port
    $probe.Dispose()
    $script:conf = Join-Path $dir 'pint.conf'
    $script:logFile = Join-Path $dir 'pint.log'
    Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv',
        'host-record=nas.lab.test,192.0.2.5', 'log-queries', "log-facility=$logFile")
}
AfterAll {
    Stop-PintServer -ErrorAction SilentlyContinue
    Remove-Item $dir -Recurse -Force
}

Describe 'log-queries' {
    It 'writes dnsmasq-style query and answer lines to the log-facility file' {
        Start-PintServer -ConfigPath $conf
        $q = [byte[]](0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3) + [Text.Encoding]::ASCII.GetBytes('nas') + [byte[]](3) + [Text.Encoding]::ASCII.GetBytes('lab') + [byte[]](4) + [Text.Encoding]::ASCII.GetBytes('test') + [byte[]](0, 0, 1, 0, 1)
        $c = [System.Net.Sockets.UdpClient]::new()
        $c.Client.ReceiveTimeout = 3000
        $null = $c.Send($q, $q.Length, '127.0.0.1', $port)
        $remote = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
        $null = $c.Receive([ref]$remote)
        $c.Dispose()
        $sw = [Diagnostics.Stopwatch]::StartNew()
        do { Start-Sleep -Milliseconds 100; $text = Get-Content $logFile -Raw -ErrorAction SilentlyContinue } until ($text -match 'config nas' -or $sw.Elapsed.TotalSeconds -gt 5)
        $text | Should -Match 'pint\[\d+\]: query\[A\] nas\.lab\.test from 127\.0\.0\.1'
        $text | Should -Match 'config nas\.lab\.test is 192\.0\.2\.5'
    }
}
