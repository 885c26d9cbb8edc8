# DNS records and forwarders through the cmdlets, and a server that serves an added record.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force

    # One A query over UDP to 127.0.0.1:$Port, without EDNS; returns the addresses of the answer.
    function Resolve-TestA([int]$Port, [string]$Name) {
        $q = [Collections.Generic.List[byte]]::new()
        $q.AddRange([byte[]](0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0))
        foreach ($label in $Name.Split('.')) { $q.Add([byte]$label.Length); $q.AddRange([Text.Encoding]::ASCII.GetBytes($label)) }
        $q.AddRange([byte[]](0, 0, 1, 0, 1))
        $udp = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
        try {
            $udp.Client.ReceiveTimeout = 3000
            [void]$udp.Send($q.ToArray(), $q.Count, [Net.IPEndPoint]::new([Net.IPAddress]::Loopback, $Port))
            $from = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            $r = $udp.Receive([ref]$from)
        } finally { $udp.Dispose() }
        $answers = $r[6] * 256 + $r[7]
        # Local answers are written uncompressed after the question: each A record ends with its 4 address bytes.
        $pos = $q.Count
        for ($i = 0; $i -lt $answers; $i++) {
            if ($r[$pos] -ge 0xC0) { $pos += 2 } else { while ($r[$pos] -ne 0) { $pos += $r[$pos] + 1 }; $pos++ }
            $rdLength = $r[$pos + 8] * 256 + $r[$pos + 9]
            if ($rdLength -eq 4) { [Net.IPAddress]::new([byte[]]$r[($pos + 10)..($pos + 13)]).ToString() }
            $pos += 10 + $rdLength
        }
    }

    function Get-FreeLoopbackPort {
        $s = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
        try { $s.Client.LocalEndPoint.Port } finally { $s.Dispose() }
    }
}

Describe 'DNS records in the config' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-dns-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:original = "# lab`ndomain=lab.test`nhost-record=nas.lab.test,files.lab.test,10.0.0.5,fd00::5`n"
        [IO.File]::WriteAllText($conf, $original)
        $env:PINT_CONFIG = $conf
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'Add-PintDnsRecord -WhatIf leaves the file unchanged' {
        Add-PintDnsRecord -Type MX -Name lab.test -Target mail.lab.test -Preference 10 -WhatIf
        Add-PintDnsForwarder -IPAddress 192.0.2.53 -WhatIf
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'writes each type as its dnsmasq line and lists it back' {
        Add-PintDnsRecord -Type A -Name web.lab.test -IPAddress 10.0.0.7 -TimeToLive 300
        Add-PintDnsRecord -Type AAAA -Name web.lab.test -IPAddress fd00::7
        Add-PintDnsRecord -Type CNAME -Name www.lab.test -Target web.lab.test
        Add-PintDnsRecord -Type MX -Name lab.test -Target mail.lab.test -Preference 10
        Add-PintDnsRecord -Type SRV -Name _ldap._tcp.lab.test -Target dc1.lab.test -Port 389 -Weight 100
        Add-PintDnsRecord -Type TXT -Name lab.test -Text 'v=spf1 mx -all', 'second'
        Add-PintDnsRecord -Type PTR -Name 9.0.0.10.in-addr.arpa -Target nine.lab.test
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + (@(
            'host-record=web.lab.test,10.0.0.7,300'
            'host-record=web.lab.test,fd00::7'
            'cname=www.lab.test,web.lab.test'
            'mx-host=lab.test,mail.lab.test,10'
            'srv-host=_ldap._tcp.lab.test,dc1.lab.test,389,0,100'
            'txt-record=lab.test,v=spf1 mx -all,second'
            'ptr-record=9.0.0.10.in-addr.arpa,nine.lab.test'
        ) -join "`n") + "`n")
        $a = Get-PintDnsRecord -Name web.lab.test -Type A
        $a.RecordData | Should -Be '10.0.0.7'
        $a.TimeToLive | Should -Be ([TimeSpan]::FromSeconds(300))
        (Get-PintDnsRecord -Name _ldap._tcp.lab.test).RecordData | Should -Be '0 100 389 dc1.lab.test'
        (Get-PintDnsRecord -Type TXT).RecordData | Should -Be '"v=spf1 mx -all" "second"'
    }
    It 'refuses a duplicate and a TTL dnsmasq cannot take, leaving the file as it was' {
        Add-PintDnsRecord -Type A -Name nas.lab.test -IPAddress 10.0.0.5 -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1[0].Exception.Message | Should -Match 'already has the A record 10\.0\.0\.5 at .*pint\.conf:3'
        Add-PintDnsRecord -Type MX -Name lab.test -Target mail.lab.test -TimeToLive 60 -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].Exception.Message | Should -Match 'TTL only on A, AAAA'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'round-trips add, get and remove by name and type' {
        Add-PintDnsRecord -Type CNAME -Name www.lab.test -Target nas.lab.test
        (Get-PintDnsRecord -Name www.lab.test).RecordType | Should -Be 'CNAME'
        Remove-PintDnsRecord -Name www.lab.test -Type CNAME
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'removes one record of a shared host-record line and keeps the rest' {
        Remove-PintDnsRecord -Name files.lab.test -Type A
        [IO.File]::ReadAllText($conf) | Should -BeExactly "# lab`ndomain=lab.test`nhost-record=nas.lab.test,10.0.0.5,fd00::5`nhost-record=files.lab.test,fd00::5`n"
        (Get-PintDnsRecord -Name files.lab.test).RecordType | Should -Be 'AAAA'
    }
    It 'removes what Get-PintDnsRecord pipes in' {
        Add-PintDnsRecord -Type TXT -Name a.lab.test -Text one
        Add-PintDnsRecord -Type TXT -Name b.lab.test -Text two
        Get-PintDnsRecord -Type TXT | Remove-PintDnsRecord -Confirm:$false
        Get-PintDnsRecord -Type TXT | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'adds, lists and removes forwarders' {
        Add-PintDnsForwarder -IPAddress 192.0.2.53
        Add-PintDnsForwarder -IPAddress 10.1.0.53 -Port 5353 -Domain corp.example
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "server=192.0.2.53`nserver=/corp.example/10.1.0.53#5353`n")
        $corp = Get-PintDnsForwarder -Domain corp.example
        $corp.Port | Should -Be 5353
        $corp | Remove-PintDnsForwarder
        Remove-PintDnsForwarder -IPAddress 192.0.2.53
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
}

Describe 'A running server answers an added record' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-dnsrun-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
    }
    AfterAll { Stop-PintServer -ErrorAction SilentlyContinue; Remove-Item $dir -Recurse -Force }

    It 'resolves a record added before the server starts, and clears its cache' {
        $port = Get-FreeLoopbackPort
        $conf = Join-Path $dir 'dns.conf'
        Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv')
        Add-PintDnsRecord -ConfigPath $conf -Type A -Name printer.lab.test -IPAddress 10.0.0.42
        Start-PintServer -ConfigPath $conf
        Resolve-TestA -Port $port -Name printer.lab.test | Should -Be '10.0.0.42'
        { Clear-PintDnsCache -ConfigPath $conf -ErrorAction Stop } | Should -Not -Throw
        Stop-PintServer -ConfigPath $conf
        Clear-PintDnsCache -ConfigPath $conf -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].Exception.Message | Should -Match 'No Pint server'
    }
}
