# The module as a user imports it from out/Pint/: discovery, help, -WhatIf, pipelines, Export-Csv.
BeforeDiscovery {
    # -ForEach data is bound at discovery, before BeforeAll runs: the cmdlet list must be known here.
    $manifestPath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    $script:expected = (Import-PowerShellDataFile $manifestPath).CmdletsToExport
}

BeforeAll {
    # Only this session's servers: a Pint service elsewhere on the machine must not show up in these tests.
    $env:PINT_CONTROL = Join-Path ([IO.Path]::GetTempPath()) ('pint-no-service-' + [guid]::NewGuid() + '.sock')
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:manifest = Import-PowerShellDataFile $modulePath
    $script:expected = $manifest.CmdletsToExport
}

Describe 'Module discovery' {
    It 'imports on PowerShell 7.6 Core with the manifest''s version' {
        $m = Get-Module Pint
        $m.Version | Should -Be ([version]$manifest.ModuleVersion)
        $manifest.PowerShellVersion | Should -Be '7.6'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }
    It 'exports exactly the listed cmdlets, all of them binary cmdlets' {
        $cmds = Get-Command -Module Pint
        ($cmds.Name | Sort-Object) | Should -Be ($expected | Sort-Object)
        $cmds | ForEach-Object { $_.CommandType | Should -Be 'Cmdlet' }
    }
    # Stop- and Remove- cmdlets write nothing unless -PassThru, so they need not declare an output type.
    It '<_> declares its output type' -ForEach ($expected | Where-Object { $_ -notmatch '^(Stop|Remove)-' }) {
        $cmd = Get-Command $_
        $cmd.OutputType.Count | Should -BeGreaterThan 0
    }
    It '<_> supports -WhatIf and -Confirm when it changes something' -ForEach ($expected | Where-Object { $_ -match '^(Add|Set|Remove|Start|Stop)-' }) {
        $cmd = Get-Command $_
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Help' {
    It '<_> has a synopsis, a description and at least one example' -ForEach $expected {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\w+-\w+\s*\[' # not the auto-generated syntax line
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterThan 0
        $help.examples.example[0].code | Should -Match 'Pint'
    }
    It '<_> describes every parameter' -ForEach $expected {
        $help = Get-Help $_ -Full
        foreach ($p in @($help.parameters.parameter)) {
            ($p.description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($p.name) of $_ needs a description"
        }
    }
    It 'has an about_Pint topic' {
        $about = Get-Help about_Pint
        ($about | Out-String) | Should -Match 'dnsmasq'
    }
    It 'about_Pint names <_> in its cmdlet table and under SEE ALSO' -ForEach $expected {
        $text = Get-Help about_Pint | Out-String
        $table = ($text -split 'CMDLETS AND THE LINES THEY READ OR WRITE')[1] -split 'For Windows admins' | Select-Object -First 1
        $table | Should -Match "(?m)^\s+$_\s" -Because 'every exported cmdlet is listed with the lines it reads or writes'
        ($text -split 'SEE ALSO')[1] | Should -Match "(?m)^\s+$_\s*$"
    }
}

Describe 'Editing a config as a user does' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:original = "# my lab`n  domain = lab.test   # inline`n`nserver=1.1.1.1#53`nhost-record=old.lab.test,10.0.0.9`n"
        [IO.File]::WriteAllText($conf, $original)
        $env:PINT_CONFIG = $conf
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'Add-PintHost -WhatIf changes nothing' {
        Add-PintHost -Name new.lab.test -IPAddress 10.0.0.10 -WhatIf
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'Add-PintHost appends one line and keeps every other byte' {
        Add-PintHost -Name new.lab.test -IPAddress 10.0.0.10
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "host-record=new.lab.test,10.0.0.10`n")
        (Get-PintHost -Name new.lab.test).IPAddress | Should -Be '10.0.0.10'
    }
    It 'Add-PintHost with a MAC writes a reservation' {
        Add-PintHost -Name printer -IPAddress 10.0.0.20 -MacAddress 00-1B-A9-FA-98-A9
        [IO.File]::ReadAllText($conf) | Should -Match '(?m)^dhcp-host=00:1b:a9:fa:98:a9,printer,10\.0\.0\.20$'
        $h = Get-PintHost -Name printer
        $h.Kind | Should -Be 'Reservation'
        $h.MacAddress | Should -Be '00:1b:a9:fa:98:a9'
    }
    It 'takes a Windows reservation CSV from Import-Csv' {
        $csv = Join-Path $dir 'reservations.csv'
        @(
            'ScopeId,IPAddress,Name,ClientId,Description'
            '10.0.0.0,10.0.0.31,pc1,00-1B-A9-FA-98-01,Reception PC'
            '10.0.0.0,10.0.0.32,pc2,00-1B-A9-FA-98-02,Lab PC'
        ) | Set-Content $csv
        Import-Csv $csv | Add-PintHost
        $hosts = Get-PintHost -Kind Reservation
        $hosts.Name | Should -Be @('pc1', 'pc2')
        $hosts.MacAddress | Should -Be @('00:1b:a9:fa:98:01', '00:1b:a9:fa:98:02')
    }
    It 'Get-PintHost | Remove-PintHost removes through the pipeline' {
        Add-PintHost -Name a.lab.test -IPAddress 10.0.0.41
        Get-PintHost -Name old.lab.test, a.lab.test | Remove-PintHost -Confirm:$false
        Get-PintHost -Name old.lab.test -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($conf) | Should -BeExactly "# my lab`n  domain = lab.test   # inline`n`nserver=1.1.1.1#53`n"
    }
    It 'Set-PintDhcpRange then Get-PintDhcpRange round-trips Windows-style values' {
        Set-PintDhcpRange -StartRange 10.0.0.100 -EndRange 10.0.0.199 -SubnetMask 255.255.255.0 -LeaseDuration (New-TimeSpan -Hours 12) -Name lab
        $r = Get-PintDhcpRange
        $r.StartRange | Should -Be '10.0.0.100'
        $r.EndRange | Should -Be '10.0.0.199'
        $r.SubnetMask | Should -Be '255.255.255.0'
        $r.LeaseDuration | Should -Be ([timespan]'12:00:00')
        $r.ScopeId | Should -Be '10.0.0.0'
        $r | Remove-PintDhcpRange -Confirm:$false
        Get-PintDhcpRange | Should -BeNullOrEmpty
    }
    It 'Test-PintConfig reports each bad line with file and line' {
        Add-Content $conf "dhcp-range=10.0.0.300,10.0.0.5`nno-such-option`n"
        $d = Test-PintConfig
        $d.Count | Should -BeGreaterOrEqual 2
        $d[0].File | Should -Be $conf
        $d.Line | Should -Contain 6
        $d.Line | Should -Contain 7
        ($d | Where-Object Line -eq 7).Option | Should -Be 'no-such-option'
    }
    It 'Test-PintConfig reports what a start would refuse, not only syntax: a DHCP option value that does not encode' {
        Add-Content $conf "dhcp-range=10.0.0.10,10.0.0.50`ndhcp-option=option:router,gateway.lan`n"
        $d = Test-PintConfig
        $e = $d | Where-Object Severity -eq Error
        $e.Line | Should -Be 7
        $e.Option | Should -Be 'dhcp-option'
        $e.Message | Should -Match 'gateway\.lan'
        Test-PintConfig -Quiet | Should -BeFalse
    }
}

Describe 'Changing a DHCP range' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $env:PINT_CONFIG = $conf
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'moves the range of a subnet, rewriting its line where it stands' {
        [IO.File]::WriteAllText($conf, "domain=lab.test`ndhcp-range=set:lab,10.5.0.100,10.5.0.200,12h`nserver=1.1.1.1`n")
        Set-PintDhcpRange -StartRange 10.5.0.50 -EndRange 10.5.0.150 -ErrorAction Stop
        [IO.File]::ReadAllText($conf) | Should -BeExactly "domain=lab.test`ndhcp-range=set:lab,10.5.0.50,10.5.0.150,12h`nserver=1.1.1.1`n"
        $r = Get-PintDhcpRange
        "$($r.StartRange)-$($r.EndRange) line $($r.Line)" | Should -Be '10.5.0.50-10.5.0.150 line 2'
    }
    It 'still refuses an overlap with another range, naming its line' {
        $text = "dhcp-range=set:a,10.5.0.10,10.5.0.40,12h`ndhcp-range=set:b,10.5.0.100,10.5.0.200,12h`n"
        [IO.File]::WriteAllText($conf, $text)
        Set-PintDhcpRange -Name b -StartRange 10.5.0.30 -EndRange 10.5.0.150 -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        "$e" | Should -Match 'overlaps the range 10\.5\.0\.10-10\.5\.0\.40 at .*pint\.conf:1'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $text
    }
    It 'stops when two ranges of the subnet could be meant, naming both lines and -Name' {
        $text = "dhcp-range=set:a,10.5.0.10,10.5.0.40,12h`ndhcp-range=set:b,10.5.0.100,10.5.0.200,12h`n"
        [IO.File]::WriteAllText($conf, $text)
        Set-PintDhcpRange -StartRange 10.5.0.50 -EndRange 10.5.0.90 -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'pint\.conf:1'
        "$e" | Should -Match 'pint\.conf:2'
        "$e" | Should -Match '-Name \(a, b\)'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $text
    }
    It '-ScopeId picks the range of that network' {
        [IO.File]::WriteAllText($conf, "dhcp-range=10.5.0.10,10.5.0.20,255.255.0.0`ndhcp-range=10.5.1.100,10.5.1.200,255.255.255.0,1h`n")
        $scope = (Get-PintDhcpRange | Where-Object StartRange -eq '10.5.1.100').ScopeId
        Set-PintDhcpRange -ScopeId $scope -StartRange 10.5.1.50 -EndRange 10.5.1.150 -ErrorAction Stop
        [IO.File]::ReadAllText($conf) | Should -BeExactly "dhcp-range=10.5.0.10,10.5.0.20,255.255.0.0`ndhcp-range=10.5.1.50,10.5.1.150,255.255.255.0,1h`n"
    }
    It '-WhatIf writes nothing' {
        $text = "dhcp-range=10.5.0.100,10.5.0.200,12h`n"
        [IO.File]::WriteAllText($conf, $text)
        Set-PintDhcpRange -StartRange 10.5.0.50 -EndRange 10.5.0.150 -WhatIf
        [IO.File]::ReadAllText($conf) | Should -BeExactly $text
    }
}

Describe 'Leases' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $future = [DateTimeOffset]::UtcNow.AddHours(2).ToUnixTimeSeconds()
        $past = [DateTimeOffset]::UtcNow.AddHours(-2).ToUnixTimeSeconds()
        Set-Content (Join-Path $dir 'pint.leases') @(
            "$future 52:54:00:aa:bb:01 10.9.0.101 laptop 01:52:54:00:aa:bb:01"
            "$past 52:54:00:aa:bb:02 10.9.0.102 * *"
            "this line is broken"
            "0 52:54:00:aa:bb:03 10.9.0.20 printer *"
        )
        Set-Content $conf @("dhcp-range=10.9.0.100,10.9.0.200,255.255.255.0,1h", "dhcp-leasefile=$(Join-Path $dir 'pint.leases')", "dhcp-host=52:54:00:aa:bb:03,printer,10.9.0.20")
    }
    AfterAll { Remove-Item $dir -Recurse -Force }

    It 'reads the lease file the config names, skipping a bad line with a warning' {
        $leases = Get-PintLease -ConfigPath $conf -WarningVariable w -WarningAction SilentlyContinue
        $leases.Count | Should -Be 3
        ($w -join "`n") | Should -Match 'pint.leases:3'
        ($leases | Where-Object IPAddress -eq '10.9.0.101').AddressState | Should -Be 'Active'
        ($leases | Where-Object IPAddress -eq '10.9.0.102').AddressState | Should -Be 'Expired'
        ($leases | Where-Object IPAddress -eq '10.9.0.20').AddressState | Should -Be 'ActiveReservation'
        ($leases | Where-Object IPAddress -eq '10.9.0.101').ScopeId | Should -Be '10.9.0.0'
    }
    It 'filters by -ClientId (alias -MacAddress) and -HostName' {
        (Get-PintLease -ConfigPath $conf -MacAddress 52-54-00-AA-BB-01 -WarningAction SilentlyContinue).HostName | Should -Be 'laptop'
        (Get-PintLease -ConfigPath $conf -HostName printer -WarningAction SilentlyContinue).IPAddress | Should -Be '10.9.0.20'
    }
    It 'exports a clean CSV' {
        $csv = Join-Path $dir 'leases.csv'
        Get-PintLease -ConfigPath $conf -WarningAction SilentlyContinue | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 3
        $header = (Get-Content $csv -TotalCount 1)
        foreach ($col in 'IPAddress', 'ClientId', 'HostName', 'LeaseExpiryTime', 'AddressState', 'ScopeId') { $header | Should -Match "`"$col`"" }
        ($rows | Where-Object IPAddress -eq '10.9.0.101').HostName | Should -Be 'laptop'
    }
    It 'turns a lease into a reservation through the pipeline' {
        Get-PintLease -ConfigPath $conf -HostName laptop -WarningAction SilentlyContinue | Add-PintHost -ConfigPath $conf
        Get-Content $conf | Should -Contain 'dhcp-host=52:54:00:aa:bb:01,laptop,10.9.0.101'
    }
}

Describe 'Get-PintLease with DHCPv6 leases in the file' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $future = [DateTimeOffset]::UtcNow.AddHours(2).ToUnixTimeSeconds()
        Set-Content (Join-Path $dir 'pint.leases') @(
            "$future 52:54:00:aa:bb:01 10.9.0.101 laptop 01:52:54:00:aa:bb:01"
            "duid 00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01"
            "$future 134217728 2001:db8:20::10 printer6 00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95"
            "0 7 2001:db8:20::1ab * 00:03:00:01:52:54:00:00:00:25"
        )
        Set-Content $conf @(
            "dhcp-range=10.9.0.100,10.9.0.200,255.255.255.0,1h"
            "dhcp-range=2001:db8:20::100,2001:db8:20::ffff,64,12h"
            "dhcp-leasefile=$(Join-Path $dir 'pint.leases')"
            "dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,[2001:db8:20::10],printer6"
        )
    }
    AfterAll { Remove-Item $dir -Recurse -Force }

    It 'lists IPv6 leases after the IPv4 ones, with AddressFamily, Duid and Iaid' {
        $leases = Get-PintLease -ConfigPath $conf
        $leases.IPAddress | Should -Be @('10.9.0.101', '2001:db8:20::10', '2001:db8:20::1ab')
        "$($leases.AddressFamily)" | Should -Be 'InterNetwork InterNetworkV6 InterNetworkV6'
        $leases[0].Duid | Should -BeNullOrEmpty
        $leases[0].Iaid | Should -BeNullOrEmpty
        $leases[1].Duid | Should -Be '00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95'
        $leases[1].Iaid | Should -Be 134217728
        $leases[1].ScopeId | Should -Be '2001:db8:20::'
        $leases[1].AddressState | Should -Be 'ActiveReservation'
        $leases[2].MacAddress | Should -Be '52:54:00:00:00:25'
    }
    It 'filters with -AddressFamily and -Duid' {
        (Get-PintLease -ConfigPath $conf -AddressFamily InterNetwork).IPAddress | Should -Be '10.9.0.101'
        (Get-PintLease -ConfigPath $conf -AddressFamily InterNetworkV6).Count | Should -Be 2
        (Get-PintLease -ConfigPath $conf -Duid 00-03-00-01-52-54-00-00-00-25).IPAddress | Should -Be '2001:db8:20::1ab'
        (Get-PintLease -ConfigPath $conf -ScopeId 2001:db8:20::).Count | Should -Be 2
        { Get-PintLease -ConfigPath $conf -AddressFamily AppleTalk } | Should -Throw
    }
    It 'exports both families to one flat CSV' {
        $csv = Join-Path $dir 'leases.csv'
        Get-PintLease -ConfigPath $conf | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 3
        $header = (Get-Content $csv -TotalCount 1)
        foreach ($col in 'IPAddress', 'AddressFamily', 'ClientId', 'Duid', 'Iaid', 'HostName', 'AddressState', 'ScopeId') { $header | Should -Match "`"$col`"" }
        ($rows | Where-Object IPAddress -eq '2001:db8:20::10').Iaid | Should -Be '134217728'
        ($rows | Where-Object IPAddress -eq '10.9.0.101').Iaid | Should -Be ''
    }
    It 'shows IPv6 leases in the default table view' {
        $text = Get-PintLease -ConfigPath $conf | Out-String -Width 160
        $text | Should -Match '2001:db8:20::10\s+2001:db8:20::'
        $text | Should -Match '10\.9\.0\.101\s+10\.9\.0\.0\s+52:54:00:aa:bb:01'
    }
}

Describe 'Server lifecycle' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
    }
    AfterAll { Stop-PintServer -ErrorAction SilentlyContinue; Remove-Item $dir -Recurse -Force }

    It 'refuses to start a config with an error, naming file and line' {
        $bad = Join-Path $dir 'bad.conf'
        Set-Content $bad @('port=5300', 'listen-address=127.0.0.300')
        { Start-PintServer -ConfigPath $bad } | Should -Throw -ExpectedMessage "*bad.conf:2*listen-address*"
        Get-PintServer | Should -BeNullOrEmpty
    }
    It 'starts, shows and stops a server' {
        $good = Join-Path $dir 'good.conf'
        Set-Content $good @('port=0', 'no-hosts')
        $s = Start-PintServer -ConfigPath $good -PassThru
        $s.State | Should -Be 'Running'
        (Get-PintServer).ConfigPath | Should -Be $good
        Get-PintServer | Stop-PintServer
        Get-PintServer | Should -BeNullOrEmpty
    }
}

Describe 'Start-PintServer -Wait as a service runs it' -Skip:$IsWindows {
    It 'serves in the foreground until SIGTERM, then stops cleanly and frees its port' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        try {
            $probe = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 0))
            $port = $probe.Client.LocalEndPoint.Port
            $probe.Dispose()
            $conf = Join-Path $dir 'svc.conf'
            Set-Content $conf @("port=$port", 'listen-address=127.0.0.1', 'bind-interfaces', 'no-hosts', 'no-resolv', 'host-record=svc.test,192.0.2.7')
            $pwsh = Join-Path $PSHOME 'pwsh'
            $module = Join-Path (Split-Path (Get-Module Pint).Path) 'Pint.psd1'
            $p = Start-Process $pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$module'; Start-PintServer -ConfigPath '$conf' -Wait; 'stopped-cleanly'" -PassThru -RedirectStandardOutput (Join-Path $dir 'out.txt') -RedirectStandardError (Join-Path $dir 'err.txt')

            # A DNS query for the host-record, built by hand: answered once the server is up.
            $query = [byte[]](0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3) + [Text.Encoding]::ASCII.GetBytes('svc') + [byte[]](4) + [Text.Encoding]::ASCII.GetBytes('test') + [byte[]](0, 0, 1, 0, 1)
            $client = [System.Net.Sockets.UdpClient]::new()
            $client.Client.ReceiveTimeout = 500
            $answer = $null
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not $answer -and [DateTime]::UtcNow -lt $deadline -and -not $p.HasExited) {
                try {
                    $null = $client.Send($query, $query.Length, '127.0.0.1', $port)
                    $remote = [System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, 0)
                    $answer = $client.Receive([ref]$remote)
                } catch { Start-Sleep -Milliseconds 200 }
            }
            $client.Dispose()
            $answer | Should -Not -BeNullOrEmpty -Because (Get-Content (Join-Path $dir 'err.txt') -Raw)
            ($answer[-4..-1] -join '.') | Should -Be '192.0.2.7'

            kill -TERM $p.Id
            $p.WaitForExit(15000) | Should -BeTrue
            $p.ExitCode | Should -Be 0
            Get-Content (Join-Path $dir 'out.txt') | Should -Contain 'stopped-cleanly'
            # The port is free again: the server closed its sockets.
            $again = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, $port))
            $again.Dispose()
        } finally {
            if ($p -and -not $p.HasExited) { $p.Kill() }
            Remove-Item $dir -Recurse -Force
        }
    }
}
