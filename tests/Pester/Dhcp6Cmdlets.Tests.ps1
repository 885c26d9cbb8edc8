# The IPv6 parameter sets of the config cmdlets (issue #16): Set-PintDhcpRange -Prefix writes an IPv6 dhcp-range=
# line, Add-PintHost -ClientDuid a DHCPv6 reservation (dhcp-host=id:DUID,[addr],name), Get-/Remove-PintHost list and
# remove them. Each written line must load back with the same values, and dnsmasq itself must accept the file.
BeforeDiscovery {
    $script:haveDnsmasq = [bool](Get-Command dnsmasq -CommandType Application -ErrorAction SilentlyContinue)
    if (-not $haveDnsmasq -and $env:CI -eq 'true') { throw 'dnsmasq is not installed (CI=true): install it (Debian package dnsmasq).' }
}
BeforeAll {
    $env:PINT_CONTROL = Join-Path ([IO.Path]::GetTempPath()) ('pint-no-service-' + [guid]::NewGuid() + '.sock')
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force

    $script:duid = '00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95'
    $script:duidWindows = '00-01-00-01-1C-39-CF-88-08-00-27-FE-8F-95'

    function New-Lab([string[]] $lines = @('port=0')) {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('pint-dhcp6-' + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $conf = Join-Path $dir 'pint.conf'
        # A comment and odd spacing, to see that the rest of the file stays byte for byte.
        Set-Content $conf (@('# lab config', '  domain-needed   # keep me') + $lines)
        [pscustomobject]@{ Dir = $dir; Conf = $conf }
    }
    function Get-Bytes([string] $path) { [Convert]::ToBase64String([IO.File]::ReadAllBytes($path)) }

    # dnsmasq must take the file as written (syntax check only; it needs no privileges for that).
    function Assert-Dnsmasq([string] $path) {
        $out = & dnsmasq --test -C $path 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
    }
    # Pint must load it without errors too.
    function Assert-Pint([string] $path) {
        @(Test-PintConfig -ConfigPath $path | Where-Object Severity -eq 'Error') | Should -BeNullOrEmpty
    }
}

Describe 'Set-PintDhcpRange -Prefix (IPv6 ranges)' {
    BeforeEach { $script:lab = New-Lab }
    AfterEach { Remove-Item $lab.Dir -Recurse -Force }

    It 'writes a stateful range that loads back with the same values' {
        $r = Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::100 -EndRange fd00:1::1ff -LeaseDuration 12:00:00 -Name lab6 -PassThru
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,64,12h'
        $r.AddressFamily | Should -Be 'InterNetworkV6'
        $r.Prefix | Should -Be 'fd00:1::/64'
        $r.ScopeId | Should -Be 'fd00:1::'
        $r.StartRange | Should -Be 'fd00:1::100'
        $r.EndRange | Should -Be 'fd00:1::1ff'
        $r.LeaseDuration | Should -Be ([timespan]'12:00:00')
        "$($r.Mode)" | Should -Be 'Stateful'
        $loaded = (Get-PintConfig -ConfigPath $lab.Conf).Dhcp.Ranges6
        $loaded.Count | Should -Be 1
        "$($loaded[0].Start)" | Should -Be 'fd00:1::100'
        "$($loaded[0].End)" | Should -Be 'fd00:1::1ff'
        $loaded[0].PrefixLength | Should -Be 64
        $loaded[0].LeaseTime | Should -Be ([timespan]'12:00:00')
        $loaded[0].SetTag | Should -Be 'lab6'
        $loaded[0].IsStateful | Should -BeTrue
        Assert-Pint $lab.Conf
    }
    It 'takes Windows'' -Prefix without a length and serves the whole /64, the valid lifetime as lease time' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:2:: -ValidLifetime 12.00:00:00 -PreferredLifetime 12.00:00:00
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=fd00:2::1,fd00:2::ffff:ffff:ffff:ffff,64,12d'
        (Get-PintConfig -ConfigPath $lab.Conf).Dhcp.Ranges6[0].LeaseTime | Should -Be ([timespan]'12.00:00:00')
    }
    It 'warns that a different preferred lifetime is not kept' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:2:: -ValidLifetime 12.00:00:00 -PreferredLifetime 8.00:00:00 -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'PreferredLifetime.*not kept'
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=fd00:2::1,fd00:2::ffff:ffff:ffff:ffff,64,12d'
    }
    It 'writes dnsmasq''s mode <Mode> as <Line>' -ForEach @(
        @{ Mode = @('Static'); Line = 'dhcp-range=fd00:3::,static,64' }
        @{ Mode = @('RaOnly'); Line = 'dhcp-range=fd00:3::,ra-only,64' }
        @{ Mode = @('RaStateless'); Line = 'dhcp-range=fd00:3::,ra-stateless,64' }
        @{ Mode = @('Slaac'); Line = 'dhcp-range=fd00:3::,slaac,64' }
        @{ Mode = @('RaStateless', 'RaNames'); Line = 'dhcp-range=fd00:3::,ra-names,ra-stateless,64' }
        @{ Mode = @('Stateful', 'Slaac'); Line = 'dhcp-range=fd00:3::1,fd00:3::ffff:ffff:ffff:ffff,slaac,64' }
    ) {
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:3::/64 -Mode $Mode -WarningAction SilentlyContinue
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be $Line
        $r = (Get-PintConfig -ConfigPath $lab.Conf -WarningAction SilentlyContinue).Dhcp.Ranges6[0]
        "$($r.Start)" | Should -Match '^fd00:3::'
        $r.IsStatic | Should -Be ($Mode -contains 'Static')
        Assert-Pint $lab.Conf
    }
    It 'adds slaac to a given range with -Mode Slaac -EndRange' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:3::/64 -StartRange fd00:3::10 -EndRange fd00:3::20 -Mode Slaac
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=fd00:3::10,fd00:3::20,slaac,64'
    }
    It 'takes IPv6 -StartRange/-EndRange without -Prefix as their /64' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -StartRange fd00:4::10 -EndRange fd00:4::20
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=fd00:4::10,fd00:4::20,64'
    }
    It 'changes the range of its prefix in place, keeping what is not given and the rest of the file' {
        Set-Content $lab.Conf @('# lab', 'dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,64,12h   # v6 pool', 'dhcp-range=10.0.0.10,10.0.0.20,255.255.255.0,1h', 'port=0')
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -EndRange fd00:1::2ff
        $lines = Get-Content $lab.Conf
        $lines[1] | Should -Be 'dhcp-range=set:lab6,fd00:1::100,fd00:1::2ff,64,12h   # v6 pool'
        $lines[0], $lines[2], $lines[3] | Should -Be @('# lab', 'dhcp-range=10.0.0.10,10.0.0.20,255.255.255.0,1h', 'port=0')
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1:: -Mode Stateful, Slaac -LeaseDuration 1.00:00:00
        (Get-Content $lab.Conf)[1] | Should -Be 'dhcp-range=set:lab6,fd00:1::100,fd00:1::2ff,slaac,64,1d   # v6 pool'
        (Get-Content $lab.Conf).Count | Should -Be 4
    }
    It 'adds a second range to a prefix with a new -Name, and picks by -Name after' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::100 -EndRange fd00:1::1ff -Name a
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::200 -EndRange fd00:1::2ff -Name b
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -Name b -LeaseDuration 2:00:00
        (Get-Content $lab.Conf | Select-Object -Last 2) | Should -Be @('dhcp-range=set:a,fd00:1::100,fd00:1::1ff,64', 'dhcp-range=set:b,fd00:1::200,fd00:1::2ff,64,2h')
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -LeaseDuration 3:00:00 -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'More than one IPv6 range.*-Name \(a, b\)'
    }
    It 'with -WhatIf changes nothing' {
        $before = Get-Bytes $lab.Conf
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::100 -EndRange fd00:1::1ff -WhatIf
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'binds Windows v6 scope rows by property name' {
        $rows = @(
            [pscustomobject]@{ Prefix = 'fd00:5::'; Name = 'five'; PreferredLifetime = '12.00:00:00'; ValidLifetime = '12.00:00:00'; State = 'Active' }
            [pscustomobject]@{ Prefix = 'fd00:6::'; Name = 'six'; PreferredLifetime = '1.00:00:00'; ValidLifetime = '1.00:00:00'; State = 'Active' }
        )
        $rows | Set-PintDhcpRange -ConfigPath $lab.Conf
        (Get-Content $lab.Conf | Select-Object -Last 2) | Should -Be @('dhcp-range=set:five,fd00:5::1,fd00:5::ffff:ffff:ffff:ffff,64,12d', 'dhcp-range=set:six,fd00:6::1,fd00:6::ffff:ffff:ffff:ffff,64,1d')
    }
    It 'refuses <Case>, naming <Parameter>, and writes nothing' -ForEach @(
        @{ Case = 'an IPv4 prefix'; Parameter = '-Prefix'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix 10.0.0.0/24 } }
        @{ Case = 'a /48'; Parameter = '-Prefix'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00::/48 } }
        @{ Case = 'host bits in the prefix'; Parameter = '-Prefix'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::5/64 } }
        @{ Case = 'a start outside the prefix'; Parameter = '-StartRange'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -StartRange fd00:2::1 -EndRange fd00:1::9 } }
        @{ Case = 'an IPv4 end'; Parameter = '-EndRange'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -StartRange fd00:1::1 -EndRange 10.0.0.9 } }
        @{ Case = 'start after end'; Parameter = '-StartRange'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -StartRange fd00:1::9 -EndRange fd00:1::1 } }
        @{ Case = 'two address modes'; Parameter = '-Mode'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -Mode Static, RaOnly } }
        @{ Case = 'an end for ra-only'; Parameter = '-EndRange'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -Mode RaOnly -EndRange fd00:1::9 } }
        @{ Case = 'two lease times'; Parameter = '-ValidLifetime'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -LeaseDuration 1:00:00 -ValidLifetime 2:00:00 } }
        @{ Case = 'preferred over valid'; Parameter = '-PreferredLifetime'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -ValidLifetime 1:00:00 -PreferredLifetime 2:00:00 } }
        @{ Case = 'a bad tag'; Parameter = 'Range name'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/64 -Name 'my lab' } }
        @{ Case = 'router advertisements on a /80'; Parameter = '-Prefix'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -Prefix fd00:1::/80 -Mode Slaac } }
        @{ Case = 'a subnet mask'; Parameter = '-SubnetMask'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -StartRange fd00:1::1 -EndRange fd00:1::9 -SubnetMask 255.255.255.0 } }
        @{ Case = 'mixed families'; Parameter = '-StartRange'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -StartRange 10.0.0.1 -EndRange fd00:1::9 } }
        @{ Case = '-Mode on an IPv4 range'; Parameter = '-Mode'; Run = { param($c) Set-PintDhcpRange -ConfigPath $c -StartRange 10.0.0.1 -EndRange 10.0.0.9 -Mode Slaac } }
    ) {
        $before = Get-Bytes $lab.Conf
        $err = @(& $Run $lab.Conf 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $err.Count | Should -BeGreaterThan 0
        "$($err[0])" | Should -Match ([regex]::Escape($Parameter))
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'refuses an overlap with another IPv6 range, naming its line' {
        Set-Content $lab.Conf @('dhcp-range=set:a,fd00:1::100,fd00:1::1ff,64')
        $before = Get-Bytes $lab.Conf
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::180 -EndRange fd00:1::280 -Name b -ErrorVariable err -ErrorAction SilentlyContinue
        "$err" | Should -Match 'overlaps the range fd00:1::100-fd00:1::1ff at .*pint\.conf:1'
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'keeps the IPv4 parameter set as it was' {
        Set-PintDhcpRange -ConfigPath $lab.Conf -StartRange 10.0.0.100 -EndRange 10.0.0.199 -SubnetMask 255.255.255.0 -LeaseDuration 12:00:00 -Name lab
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-range=set:lab,10.0.0.100,10.0.0.199,255.255.255.0,12h'
    }
    It 'writes a file dnsmasq accepts' -Skip:(-not $haveDnsmasq) {
        Set-PintDhcpRange -ConfigPath $lab.Conf -StartRange 10.0.0.100 -EndRange 10.0.0.199 -SubnetMask 255.255.255.0 -Name lab
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:1::/64 -StartRange fd00:1::100 -EndRange fd00:1::1ff -LeaseDuration 12:00:00 -Name lab6
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:2:: -ValidLifetime 12.00:00:00
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:3::/64 -Mode RaStateless, RaNames -LeaseDuration ([timespan]::MaxValue) -WarningAction SilentlyContinue
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:4::/64 -Mode Static -Name static6
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:5::/64 -StartRange fd00:5::10 -EndRange fd00:5::20 -Mode Slaac
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:6::/112 -Mode Static
        Set-PintDhcpRange -ConfigPath $lab.Conf -Prefix fd00:7::/80 -StartRange fd00:7::10 -EndRange fd00:7::20
        (Get-PintConfig -ConfigPath $lab.Conf -WarningAction SilentlyContinue).Dhcp.Ranges6.Count | Should -Be 7
        Assert-Dnsmasq $lab.Conf
        Assert-Pint $lab.Conf
    }
}

Describe 'Add-PintHost -ClientDuid (DHCPv6 reservations)' {
    BeforeEach { $script:lab = New-Lab @('port=0', 'dhcp-range=fd00:1::100,fd00:1::1ff,64,12h', 'dhcp-host=52:54:00:aa:bb:01,laptop,10.0.0.5') }
    AfterEach { Remove-Item $lab.Dir -Recurse -Force }

    It 'writes dhcp-host=id:DUID,[address],name that loads back with the same values' {
        $h = Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duidWindows -Iaid 134217728 -IPAddress fd00:1::10 -PassThru
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be "dhcp-host=id:$duid,[fd00:1::10],printer6"
        $h.Name | Should -Be 'printer6'
        $h.IPAddress | Should -Be 'fd00:1::10'
        $h.ClientDuid | Should -Be $duid
        $h.AddressFamily | Should -Be 'InterNetworkV6'
        $h.Kind | Should -Be 'Reservation'
        $loaded = (Get-PintConfig -ConfigPath $lab.Conf).Dhcp.Hosts | Where-Object HostName -eq printer6
        $loaded.ClientId | Should -Be $duid
        "$($loaded.IPv6Addresses)" | Should -Be 'fd00:1::10'
        Assert-Pint $lab.Conf
    }
    It 'says with -Verbose that the IAID is not written' {
        $v = Add-PintHost -ConfigPath $lab.Conf -Name p6 -ClientDuid $duid -Iaid 7 -IPAddress fd00:1::11 -Verbose 4>&1
        "$v" | Should -Match 'IAID 7 is not written'
    }
    It 'adds a second address of one DUID to its line, as a second IAID on Windows' {
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duid -Iaid 1 -IPAddress fd00:1::10
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duidWindows -Iaid 2 -IPAddress fd00:1::11
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be "dhcp-host=id:$duid,[fd00:1::10],[fd00:1::11],printer6"
        (Get-PintHost -ConfigPath $lab.Conf -ClientDuid $duidWindows).IPAddress | Should -Be @('fd00:1::10', 'fd00:1::11')
    }
    It 'with -WhatIf changes nothing' {
        $before = Get-Bytes $lab.Conf
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duid -IPAddress fd00:1::10 -WhatIf
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'binds Windows Get-DhcpServerv6Reservation rows and DHCPv6 leases by property name' {
        $leases = Join-Path $lab.Dir 'pint.leases'
        $future = [DateTimeOffset]::UtcNow.AddHours(2).ToUnixTimeSeconds()
        Set-Content $leases @('duid 00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01', "$future 134217728 fd00:1::150 phone 00:03:00:01:52:54:00:00:00:25", "$future 134217729 fd00:1::151 tablet 00:02:00:00:ab:11:01:02:03:04:05:06")
        Add-Content $lab.Conf "dhcp-leasefile=$leases"
        @(
            [pscustomobject]@{ Name = 'pc1'; IPAddress = 'fd00:1::21'; ClientDuid = '00-01-00-01-aa-bb-cc-dd-52-54-00-00-00-01'; Iaid = '10'; Prefix = 'fd00:1::'; Description = 'x' }
            [pscustomobject]@{ Name = 'pc2'; IPAddress = 'fd00:1::22'; ClientDuid = '00-01-00-01-aa-bb-cc-dd-52-54-00-00-00-02'; Iaid = '11'; Prefix = 'fd00:1::'; Description = '' }
        ) | Add-PintHost -ConfigPath $lab.Conf
        Get-PintLease -ConfigPath $lab.Conf -AddressFamily InterNetworkV6 | Add-PintHost -ConfigPath $lab.Conf
        $last = Get-Content $lab.Conf | Select-Object -Last 4
        $last | Should -Be @(
            'dhcp-host=id:00:01:00:01:aa:bb:cc:dd:52:54:00:00:00:01,[fd00:1::21],pc1'
            'dhcp-host=id:00:01:00:01:aa:bb:cc:dd:52:54:00:00:00:02,[fd00:1::22],pc2'
            'dhcp-host=id:00:03:00:01:52:54:00:00:00:25,[fd00:1::150],phone'
            'dhcp-host=id:00:02:00:00:ab:11:01:02:03:04:05:06,[fd00:1::151],tablet'
        )
        # and the IPv4 lease pipeline is unchanged
        (Get-PintHost -ConfigPath $lab.Conf -Name laptop).IPAddress | Should -Be '10.0.0.5'
    }
    It 'refuses <Case>, naming <Parameter>, and writes nothing' -ForEach @(
        @{ Case = 'a bad DUID'; Parameter = '-ClientDuid'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid 'zz-01' -IPAddress fd00:1::10 } }
        @{ Case = 'a two-byte DUID'; Parameter = '-ClientDuid'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid '00-01' -IPAddress fd00:1::10 } }
        @{ Case = 'an IPv4 address'; Parameter = '-IPAddress'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid -IPAddress 10.0.0.9 } }
        @{ Case = 'no address'; Parameter = '-IPAddress'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid } }
        @{ Case = 'a multicast address'; Parameter = '-IPAddress'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid -IPAddress ff02::1 } }
        @{ Case = 'an address outside -Prefix'; Parameter = '-Prefix'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid -IPAddress fd00:2::1 -Prefix fd00:1:: } }
        @{ Case = 'a bad prefix'; Parameter = '-Prefix'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid -IPAddress fd00:1::10 -Prefix nonsense } }
        @{ Case = 'a MAC and a DUID'; Parameter = '-MacAddress'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -ClientDuid $duid -MacAddress 52:54:00:aa:bb:09 -IPAddress fd00:1::10 } }
        @{ Case = '-Iaid without a DUID'; Parameter = '-Iaid'; Run = { param($c) Add-PintHost -ConfigPath $c -Name x -Iaid 3 -IPAddress fd00:1::10 } }
        @{ Case = 'a bad name'; Parameter = 'bad_name!'; Run = { param($c) Add-PintHost -ConfigPath $c -Name 'bad_name!' -ClientDuid $duid -IPAddress fd00:1::10 } }
    ) {
        $before = Get-Bytes $lab.Conf
        $err = @(& $Run $lab.Conf 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $err.Count | Should -BeGreaterThan 0
        "$($err[0])" | Should -Match ([regex]::Escape($Parameter))
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'refuses an address or a DUID already reserved, naming the line' {
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duid -IPAddress fd00:1::10
        $before = Get-Bytes $lab.Conf
        Add-PintHost -ConfigPath $lab.Conf -Name other -ClientDuid 00:01:00:01:00:00:00:01:52:54:00:00:00:09 -IPAddress fd00:1::10 -ErrorVariable e1 -ErrorAction SilentlyContinue
        "$e1" | Should -Match 'fd00:1::10 is already reserved for printer6 at .*pint\.conf:6'
        Add-PintHost -ConfigPath $lab.Conf -Name other -ClientDuid $duid -IPAddress fd00:1::12 -ErrorVariable e2 -ErrorAction SilentlyContinue
        "$e2" | Should -Match "ClientDuid $duid is already reserved for 'printer6'"
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'keeps the MAC reservation as it was' {
        Add-PintHost -ConfigPath $lab.Conf -Name printer -IPAddress 10.0.0.20 -MacAddress 00-1B-A9-FA-98-A9
        Get-Content $lab.Conf | Select-Object -Last 1 | Should -Be 'dhcp-host=00:1b:a9:fa:98:a9,printer,10.0.0.20'
        { Add-PintHost -ConfigPath $lab.Conf -Name x -MacAddress '' } | Should -Throw -ExpectedMessage '*MacAddress*'
    }
    It 'writes a file dnsmasq accepts' -Skip:(-not $haveDnsmasq) {
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duidWindows -Iaid 1 -IPAddress fd00:1::10
        Add-PintHost -ConfigPath $lab.Conf -Name printer6 -ClientDuid $duid -Iaid 2 -IPAddress fd00:1::11
        Add-PintHost -ConfigPath $lab.Conf -Name hostpart -ClientDuid 0x000100011c39cf8808002700aaaa -IPAddress ::5
        Assert-Dnsmasq $lab.Conf
        Assert-Pint $lab.Conf
    }
}

Describe 'Get-PintHost and Remove-PintHost with DHCPv6 reservations' {
    BeforeEach {
        $script:lab = New-Lab @(
            'port=0'
            'dhcp-range=fd00:1::100,fd00:1::1ff,64,12h'
            'dhcp-host=52:54:00:aa:bb:01,laptop,10.0.0.5'
            "dhcp-host=id:$duid,[fd00:1::10],printer6   # printer"
            'dhcp-host=52:54:00:aa:bb:02,id:00:01:00:01:00:00:00:02:52:54:00:aa:bb:02,10.0.0.6,[fd00:1::6],dual'
            'dhcp-host=id:00:01:00:01:00:00:00:03:52:54:00:aa:bb:03,[fd00:1::30],[fd00:1::31],multi'
            'dhcp-host=id:00:01:00:01:00:00:00:04:52:54:00:aa:bb:04,[fd00:1::40]'
            'host-record=nas,10.0.0.7,fd00:1::7'
        )
    }
    AfterEach { Remove-Item $lab.Dir -Recurse -Force }

    It 'lists each reserved IPv6 address with AddressFamily and ClientDuid' {
        $r = @(Get-PintHost -ConfigPath $lab.Conf -Kind Reservation)
        ($r | ForEach-Object { "$($_.Name)|$($_.IPAddress)|$($_.AddressFamily)" }) | Should -Be @(
            'laptop|10.0.0.5|InterNetwork'
            'printer6|fd00:1::10|InterNetworkV6'
            'dual|10.0.0.6|InterNetwork'
            'dual|fd00:1::6|InterNetworkV6'
            'multi|fd00:1::30|InterNetworkV6'
            'multi|fd00:1::31|InterNetworkV6'
            '|fd00:1::40|InterNetworkV6'
        )
        ($r | Where-Object Name -eq printer6).ClientDuid | Should -Be $duid
        ($r | Where-Object Name -eq laptop).ClientDuid | Should -BeNullOrEmpty
        (Get-PintHost -ConfigPath $lab.Conf -Name nas | Where-Object AddressFamily -eq InterNetworkV6).IPAddress | Should -Be 'fd00:1::7'
    }
    It 'filters by -AddressFamily, -ClientDuid and IPv6 -IPAddress in any spelling' {
        (Get-PintHost -ConfigPath $lab.Conf -AddressFamily InterNetworkV6 -Kind Reservation).Count | Should -Be 5
        (Get-PintHost -ConfigPath $lab.Conf -AddressFamily InterNetwork).Name | Should -Be @('nas', 'laptop', 'dual')
        (Get-PintHost -ConfigPath $lab.Conf -ClientDuid $duidWindows).Name | Should -Be 'printer6'
        (Get-PintHost -ConfigPath $lab.Conf -IPAddress 'fd00:1:0::30').Name | Should -Be 'multi'
    }
    It 'exports AddressFamily and ClientDuid to CSV' {
        $csv = Join-Path $lab.Dir 'hosts.csv'
        Get-PintHost -ConfigPath $lab.Conf -Kind Reservation | Export-Csv $csv
        $rows = Import-Csv $csv
        ($rows | Where-Object Name -eq printer6).ClientDuid | Should -Be $duid
        ($rows | Where-Object Name -eq printer6).AddressFamily | Should -Be 'InterNetworkV6'
    }
    It 'removes one address of a multi-address line, and the line with its last' {
        Remove-PintHost -ConfigPath $lab.Conf -IPAddress fd00:1::30
        (Get-Content $lab.Conf)[7] | Should -Be 'dhcp-host=id:00:01:00:01:00:00:00:03:52:54:00:aa:bb:03,[fd00:1::31],multi'
        Remove-PintHost -ConfigPath $lab.Conf -IPAddress fd00:1::31
        Get-Content $lab.Conf | Should -Not -Match 'multi'
    }
    It 'takes the IPv6 address out of a dual-stack line and keeps the IPv4 reservation' {
        Get-PintHost -ConfigPath $lab.Conf -Name dual -AddressFamily InterNetworkV6 | Remove-PintHost -Confirm:$false
        (Get-Content $lab.Conf)[6] | Should -Be 'dhcp-host=52:54:00:aa:bb:02,id:00:01:00:01:00:00:00:02:52:54:00:aa:bb:02,10.0.0.6,dual'
    }
    It 'removes by -ClientDuid in Windows spelling, keeping the rest byte for byte' {
        $expected = @(Get-Content $lab.Conf | Where-Object { $_ -notmatch 'printer6' })
        Remove-PintHost -ConfigPath $lab.Conf -ClientDuid $duidWindows
        Get-Content $lab.Conf | Should -Be $expected
        Remove-PintHost -ConfigPath $lab.Conf -ClientDuid $duidWindows -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'No host matches'
    }
    It 'removes every IPv6 reservation through the pipeline, and -Name a whole line' {
        Get-PintHost -ConfigPath $lab.Conf -Kind Reservation -AddressFamily InterNetworkV6 | Remove-PintHost -Confirm:$false
        $left = Get-Content $lab.Conf
        $left | Should -Not -Match '\['
        $left | Should -Contain 'dhcp-host=52:54:00:aa:bb:01,laptop,10.0.0.5'
        $left | Should -Contain 'dhcp-host=52:54:00:aa:bb:02,id:00:01:00:01:00:00:00:02:52:54:00:aa:bb:02,10.0.0.6,dual'
        Remove-PintHost -ConfigPath $lab.Conf -Name dual
        Get-Content $lab.Conf | Should -Not -Match 'dual'
        Assert-Pint $lab.Conf
    }
    It 'with -WhatIf changes nothing' {
        $before = Get-Bytes $lab.Conf
        Remove-PintHost -ConfigPath $lab.Conf -ClientDuid $duid -WhatIf
        Get-PintHost -ConfigPath $lab.Conf -AddressFamily InterNetworkV6 | Remove-PintHost -WhatIf
        Get-Bytes $lab.Conf | Should -Be $before
    }
    It 'leaves a file dnsmasq accepts' -Skip:(-not $haveDnsmasq) {
        Remove-PintHost -ConfigPath $lab.Conf -IPAddress fd00:1::30, fd00:1::6
        Assert-Dnsmasq $lab.Conf
        Assert-Pint $lab.Conf
    }
}

Describe 'Get-PintDhcpRange and Remove-PintDhcpRange with IPv6 ranges' {
    BeforeEach {
        $script:lab = New-Lab @('port=0', 'dhcp-range=10.9.0.10,10.9.0.20,255.255.255.0', 'dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,64,12h', 'dhcp-range=fd00:2::,ra-stateless')
    }
    AfterEach { Remove-Item $lab.Dir -Recurse -Force }

    It 'lists the IPv6 ranges after the IPv4 ones, with their family, prefix and mode' {
        $all = Get-PintDhcpRange -ConfigPath $lab.Conf
        $all.StartRange | Should -Be @('10.9.0.10', 'fd00:1::100', 'fd00:2::')
        $all.AddressFamily | Should -Be @('InterNetwork', 'InterNetworkV6', 'InterNetworkV6')
        $v6 = Get-PintDhcpRange -ConfigPath $lab.Conf -AddressFamily InterNetworkV6
        $v6.Count | Should -Be 2
        $v6[0].Prefix | Should -Be 'fd00:1::/64'
        $v6[0].Name | Should -Be 'lab6'
        "$($v6[1].Mode)" | Should -Be 'RaStateless'
        (Get-PintDhcpRange -ConfigPath $lab.Conf -AddressFamily InterNetwork).StartRange | Should -Be '10.9.0.10'
        (Get-PintDhcpRange -ConfigPath $lab.Conf -ScopeId fd00:1::).StartRange | Should -Be 'fd00:1::100'
    }
    It 'removes an IPv6 range piped from Get-PintDhcpRange and leaves the rest of the file' {
        $before = Get-Content $lab.Conf
        Get-PintDhcpRange -ConfigPath $lab.Conf -Name lab6 | Remove-PintDhcpRange -Confirm:$false
        Get-Content $lab.Conf | Should -Be ($before | Where-Object { $_ -ne 'dhcp-range=set:lab6,fd00:1::100,fd00:1::1ff,64,12h' })
        Remove-PintDhcpRange -ConfigPath $lab.Conf -StartRange fd00:2:: -Confirm:$false
        (Get-PintDhcpRange -ConfigPath $lab.Conf).StartRange | Should -Be '10.9.0.10'
        Assert-Dnsmasq $lab.Conf
    }
}
