# Moving from Windows DHCP and DNS Server: Import-PintWindowsDhcp, Import-PintDnsZone and the familiar cmdlets after them.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:samples = Join-Path $PSScriptRoot '../Pint.Engine.Tests/TestData/Import'
}

Describe 'Import-PintWindowsDhcp' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-import-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:leases = Join-Path $dir 'pint.leases'
        [IO.File]::WriteAllText($conf, "# imported from Windows`n")
    }
    AfterEach { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }

    It 'imports scopes, reservations and leases that Get-PintDhcpRange, Get-PintHost and Get-PintLease report back' {
        $result = Import-PintWindowsDhcp -Path (Join-Path $samples 'dhcp-2012r2.xml') -ConfigPath $conf -LeaseFile $leases -WarningAction SilentlyContinue
        $result.LinesAdded | Should -Be 15   # 14 lines from the export (one the IPv6 scope) and the dhcp-leasefile= line
        $result.LeasesWritten | Should -Be 3

        $ranges = Get-PintDhcpRange -ConfigPath $conf -ScopeId 192.168.10.0
        $ranges.Count | Should -Be 2
        $ranges[0].LeaseDuration | Should -Be ([TimeSpan]::FromDays(8))
        "$($ranges.StartRange)" | Should -Be '192.168.10.50 192.168.10.110'
        (Get-PintHost -ConfigPath $conf -Name printer1).MacAddress | Should -Be '30:9c:23:01:9e:6b'
        $lease = Get-PintLease -ConfigPath $conf -ScopeId 192.168.10.0 -IPAddress 192.168.10.51
        $lease.HostName | Should -Be 'pc-51.corp.example'
        @(Get-PintLease -ConfigPath $conf -ScopeId 10.99.0.0).Count | Should -Be 0
    }

    It 'turns an imported lease into a reservation as Get-DhcpServerv4Lease | Add-DhcpServerv4Reservation does' {
        Import-PintWindowsDhcp (Join-Path $samples 'dhcp-2012r2.xml') -ConfigPath $conf -LeaseFile $leases -WarningAction SilentlyContinue | Out-Null
        Get-PintLease -ConfigPath $conf -IPAddress 192.168.10.51 | Add-PintHost -ConfigPath $conf
        Get-Content $conf | Should -Contain 'dhcp-host=00:15:5d:0a:14:33,pc-51.corp.example,192.168.10.51'
    }

    It 'warns about the inactive scope it cannot import, and imports the IPv6 scope' {
        Import-PintWindowsDhcp (Join-Path $samples 'dhcp-2012r2.xml') -ConfigPath $conf -LeaseFile $leases -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        $w.Count | Should -Be 1
        ($w | Where-Object { $_ -match 'dhcp-2012r2.xml:\d+: .*inactive scope' }) | Should -Not -BeNullOrEmpty
        Get-Content $conf | Should -Contain 'dhcp-range=set:scope-2001:db8:10::,2001:db8:10::1,2001:db8:10:0:ffff:ffff:ffff:ffff,64,12d'
    }

    It 'imports IPv6 scopes, DUID reservations and option6 lines from an Export-DhcpServer -Prefix file' {
        $result = Import-PintWindowsDhcp (Join-Path $samples 'dhcp-v6.xml') -ConfigPath $conf -LeaseFile $leases -WarningVariable w -WarningAction SilentlyContinue
        $result.LinesAdded | Should -Be 10   # no IPv4 leases to write, so no dhcp-leasefile= line
        $w.Count | Should -Be 3              # the inactive scope, a preference, the leases left behind
        ($w | Where-Object { $_ -match 'dhcp-v6.xml:\d+: .*inactive IPv6 scope 2001:db8:22::' }) | Should -Not -BeNullOrEmpty
        $lines = Get-Content $conf
        $lines | Should -Contain 'dhcp-range=set:scope-2001:db8:20::,2001:db8:20::100,2001:db8:20::ffff,64,12d'
        $lines | Should -Contain 'dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,set:res-2001:db8:20::10,[2001:db8:20::10],printer6'
        $lines | Should -Contain 'dhcp-option=option6:dns-server,[2001:db8:20::53],[2001:db8:20::54]'
        Test-PintConfig -ConfigPath $conf -Quiet | Should -BeTrue
    }

    It '-WhatIf lists what it would write and writes nothing' {
        # The What if: listing goes to the host (the engine tests check its lines); the pipeline gets no result.
        $out = Import-PintWindowsDhcp (Join-Path $samples 'dhcp-2016.xml') -ConfigPath $conf -LeaseFile $leases -WhatIf -WarningVariable w -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $w.Count | Should -Be 7
        Get-Content -Raw $conf | Should -Be "# imported from Windows`n"
        Test-Path $leases | Should -BeFalse
    }

    It 'stops with an error naming the line of a malformed export and writes nothing' {
        $bad = Join-Path $dir 'bad.xml'
        (Get-Content -Raw (Join-Path $samples 'dhcp-2016.xml')) -replace '<SubnetMask>255.255.255.0</SubnetMask>', '' | Set-Content $bad
        { Import-PintWindowsDhcp $bad -ConfigPath $conf -ErrorAction Stop } | Should -Throw -ExpectedMessage '*bad.xml:*<Scope> has no <SubnetMask> element*'
        Get-Content -Raw $conf | Should -Be "# imported from Windows`n"
        Test-Path $leases | Should -BeFalse
    }
}

Describe 'Import-PintDnsZone' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-zone-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
    }
    AfterEach { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }

    It 'writes the zone''s records as dnsmasq lines and warns about the rest' {
        $result = Import-PintDnsZone (Join-Path $samples 'zone-windows.dns') -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue
        $result.LinesAdded | Should -Be 15
        $w.Count | Should -Be 1
        "$w" | Should -Match 'HINFO record not imported'
        $lines = Get-Content $conf
        $lines | Should -Contain 'host-record=dc1.corp.example,192.168.10.10,3600'
        $lines | Should -Contain 'srv-host=_ldap._tcp.corp.example,dc1.corp.example,389,0,100'
        $lines | Should -Contain 'cname=www.corp.example,web.corp.example,3600'
        (Get-PintHost -ConfigPath $conf -Name web.corp.example).IPAddress | Should -Be @('192.168.10.80', '192.168.10.81')
        Test-PintConfig -ConfigPath $conf -Quiet | Should -BeTrue
    }

    It '-WhatIf writes nothing; -ZoneName names the zone of a file without $ORIGIN' {
        $zone = Join-Path $dir 'db.lab'
        "www 300 A 10.0.0.1`n" | Set-Content $zone
        Import-PintDnsZone $zone -ZoneName lab.test -ConfigPath $conf -WhatIf | Should -BeNullOrEmpty
        Test-Path $conf | Should -BeFalse
        (Import-PintDnsZone $zone -ZoneName lab.test -ConfigPath $conf).LinesAdded | Should -Be 1
        Get-Content $conf | Should -Be 'host-record=www.lab.test,10.0.0.1,300'
    }
}
