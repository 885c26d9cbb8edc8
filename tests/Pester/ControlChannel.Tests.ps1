# Cmdlets in one session reach a Pint service running as another process through its control socket.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-ctl-" + [guid]::NewGuid())
    New-Item -ItemType Directory $dir | Out-Null
    $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
    $script:port = $probe.Client.LocalEndPoint.Port
    $probe.Dispose()
    $script:conf = Join-Path $dir 'svc.conf'
    Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=a.test,192.0.2.1')
    $script:sock = Join-Path $dir 'pint.sock'
    $metricsProbe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $metricsProbe.Start(); $script:metricsPort = $metricsProbe.LocalEndpoint.Port; $metricsProbe.Stop()
    $dll = Join-Path (Split-Path $modulePath) 'service/pint.dll'
    $script:svc = Start-Process dotnet -ArgumentList $dll, '--conf-file', $conf, '--control-socket', $sock, '--metrics', $metricsPort -PassThru -RedirectStandardError (Join-Path $dir 'err.txt') -RedirectStandardOutput (Join-Path $dir 'out.txt')
    $sw = [Diagnostics.Stopwatch]::StartNew()
    while (-not (Test-Path $sock) -and $sw.Elapsed.TotalSeconds -lt 20) { Start-Sleep -Milliseconds 100 }
}
AfterAll {
    if ($svc -and -not $svc.HasExited) { $svc.Kill(); $svc.WaitForExit(5000) }
    Remove-Item $dir -Recurse -Force
}

Describe 'Control channel' {
    It 'Get-PintServer finds the service through its socket, with endpoints and counters' {
        $s = Get-PintServer -ControlSocket $sock
        $s.ConfigPath | Should -Be $conf
        $s.State | Should -Be 'Running'
        $s.Location | Should -Be $sock
        $s.ProcessId | Should -Be $svc.Id
        $s.Services | Should -Contain 'dns'
        $s.Counters.Keys | Should -Contain 'dns.queries'
    }
    It 'Get-PintStatistics reads the service''s DNS counters through the socket' {
        $before = (Get-PintStatistics -ControlSocket $sock -Service dns).LocalAnswers
        # One A query for a.test (a host-record of the config), and its reply.
        $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
        try {
            $udp.Client.ReceiveTimeout = 3000
            $q = [byte[]](0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1)
            [void]$udp.Send($q, $q.Length, [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $port))
            $from = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
            [void]$udp.Receive([ref]$from)
        } finally { $udp.Dispose() }
        $s = Get-PintStatistics -ControlSocket $sock -Service dns
        $s | Should -BeOfType Pint.PowerShell.Model.PintDnsStatistics
        $s.Location | Should -Be $sock
        $s.LocalAnswers | Should -Be ($before + 1)
    }
    It 'the service started with --metrics PORT serves Prometheus metrics on loopback' {
        $text = (Invoke-WebRequest -Uri "http://127.0.0.1:$metricsPort/metrics" -UseBasicParsing).Content
        $text | Should -Match 'pint_dns_queries_received_total\{server="127\.0\.0\.1:\d+"\} \d+'
    }
    It 'Update-PintServer reloads the service and reports a broken edit with its line' {
        Add-Content $conf 'no-such-option'
        { Update-PintServer -ControlSocket $sock -ErrorAction Stop } | Should -Throw -ExpectedMessage '*svc.conf:7*no-such-option*'
        (Get-PintServer -ControlSocket $sock).State | Should -Be 'Running'
    }
    It 'the socket is closed to other users' -Skip:(-not $IsLinux -or (id -u) -ne '0') {
        $mode = (Get-Item $sock).UnixFileMode
        $mode.HasFlag([IO.UnixFileMode]::OtherRead) | Should -BeFalse
        $mode.HasFlag([IO.UnixFileMode]::OtherWrite) | Should -BeFalse
        # Even with the file opened up, the server checks who connects (SO_PEERCRED) and refuses a stranger.
        chmod 666 $sock
        $pl = 'use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die "connect: $!"; print $s qq({"command":"status"}\n); print scalar <$s>;'
        $answer = setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/perl -e $pl $sock 2>&1 | Out-String
        $answer | Should -Match 'Access denied'
        chmod 660 $sock
    }
}

Describe 'Control channel: DNS cache' {
    It 'Clear-PintDnsCache reaches the service through its socket' {
        Clear-PintDnsCache -ControlSocket $sock -ErrorAction Stop
        (Get-PintServer -ControlSocket $sock).State | Should -Be 'Running'
    }
}
