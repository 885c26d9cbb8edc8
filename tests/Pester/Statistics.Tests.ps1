# Get-PintStatistics and the Prometheus endpoint of a server started in this session.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force

    # One A query over UDP to 127.0.0.1:$Port; waits for the reply.
    function Send-TestQuery([int]$Port, [string]$Name) {
        $q = [Collections.Generic.List[byte]]::new()
        $q.AddRange([byte[]](0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0))
        foreach ($label in $Name.Split('.')) { $q.Add([byte]$label.Length); $q.AddRange([Text.Encoding]::ASCII.GetBytes($label)) }
        $q.AddRange([byte[]](0, 0, 1, 0, 1))
        $udp = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
        try {
            $udp.Client.ReceiveTimeout = 3000
            [void]$udp.Send($q.ToArray(), $q.Count, [Net.IPEndPoint]::new([Net.IPAddress]::Loopback, $Port))
            $from = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            [void]$udp.Receive([ref]$from)
        } finally { $udp.Dispose() }
    }

    function Get-FreeLoopbackPort {
        $s = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $s.Start()
        try { $s.LocalEndpoint.Port } finally { $s.Stop() }
    }
}

Describe 'Get-PintStatistics' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-stats-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:socket = Join-Path $dir 'none.sock' # no local service: only this session's server
    }
    AfterEach { Stop-PintServer -ErrorAction SilentlyContinue }
    AfterAll { Remove-Item $dir -Recurse -Force }

    It 'shows the DNS counters moving after queries' {
        $port = Get-FreeLoopbackPort
        $conf = Join-Path $dir 'dns.conf'
        Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=printer.lab.test,10.0.0.42')
        Start-PintServer -ConfigPath $conf
        $before = Get-PintStatistics -ConfigPath $conf -Service dns -ControlSocket $socket
        $before.Queries | Should -Be 0

        Send-TestQuery -Port $port -Name printer.lab.test
        Send-TestQuery -Port $port -Name printer.lab.test

        $after = Get-PintStatistics -ConfigPath $conf -Service dns -ControlSocket $socket
        $after | Should -BeOfType Pint.PowerShell.Model.PintDnsStatistics
        $after.Service | Should -Be 'dns'
        $after.Location | Should -Be 'Session'
        $after.Queries | Should -Be 2
        $after.LocalAnswers | Should -Be 2
        $after.Counters['queries'] | Should -Be 2
        ($after | Out-String) | Should -Match 'LocalAnswers'
    }

    It 'serves the same counters at -MetricsEndpoint in the Prometheus format' {
        $port = Get-FreeLoopbackPort
        $metricsPort = Get-FreeLoopbackPort
        $conf = Join-Path $dir 'metrics.conf'
        Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=printer.lab.test,10.0.0.42')
        Start-PintServer -ConfigPath $conf -MetricsEndpoint "127.0.0.1:$metricsPort"
        Send-TestQuery -Port $port -Name printer.lab.test

        $text = (Invoke-WebRequest -Uri "http://127.0.0.1:$metricsPort/metrics" -UseBasicParsing).Content

        $text | Should -Match ([regex]::Escape("pint_dns_queries_total{server=`"127.0.0.1:$port`",outcome=`"local`"} 1"))
    }

    It 'refuses a -MetricsEndpoint that is not ADDRESS:PORT, saying what is expected' {
        $conf = Join-Path $dir 'bad.conf'
        Set-Content $conf @('port=0')
        { Start-PintServer -ConfigPath $conf -MetricsEndpoint 'localhost' -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'localhost'*ADDRESS:PORT*"
        Get-PintServer -ControlSocket $socket | Should -BeNullOrEmpty
    }
}
