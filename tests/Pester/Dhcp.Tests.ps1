# DHCP leases, options and statistics as a user manages them: from the lease file with no server, and live from a
# running server (the local service through its control socket, and one started in this session).
BeforeDiscovery {
    # A live DHCP server binds UDP port 67 on every interface: root on Linux. Its ranges lie in 10.9.0.0/24, on no
    # interface of this machine, so it answers nobody; the tests only talk to it through the control channel.
    $canServeDhcp = $IsLinux -and (id -u) -eq '0'
}
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force

    function New-LeaseLab {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-dhcp-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $future = [DateTimeOffset]::UtcNow.AddHours(2).ToUnixTimeSeconds()
        $past = [DateTimeOffset]::UtcNow.AddHours(-2).ToUnixTimeSeconds()
        $leases = Join-Path $dir 'pint.leases'
        Set-Content $leases @(
            "$future 52:54:00:aa:bb:01 10.9.0.101 laptop *"
            "$future 52:54:00:aa:bb:01 10.9.0.105 laptop2 *"
            "$past 52:54:00:aa:bb:02 10.9.0.102 * *"
            "0 52:54:00:aa:bb:03 10.9.0.20 printer *"
        )
        $conf = Join-Path $dir 'pint.conf'
        Set-Content $conf @('port=0', 'dhcp-range=10.9.0.10,10.9.0.200,255.255.255.0,1h', "dhcp-leasefile=$leases", 'dhcp-host=52:54:00:aa:bb:03,printer,10.9.0.20', 'dhcp-host=52:54:00:aa:bb:04,scanner,10.9.0.21')
        [pscustomobject]@{ Dir = $dir; Conf = $conf; Leases = $leases; Socket = (Join-Path $dir 'pint.sock') }
    }

    # Lease file lines by address, as a dnsmasq reader sees them (later lines win, expiry 1 = released).
    function Get-FileLease([string] $path) {
        $map = [ordered]@{}
        foreach ($line in Get-Content $path) { $f = $line -split ' '; if ($f.Count -eq 5) { $map[$f[2]] = $f } }
        @($map.Values | Where-Object { $_[0] -ne '1' } | ForEach-Object { $_[2] })
    }
}

Describe 'Leases in the file, no server running' {
    BeforeEach { $script:lab = New-LeaseLab }
    AfterEach { Remove-Item $lab.Dir -Recurse -Force }

    It 'Remove-PintLease -WhatIf changes nothing; without it the lease leaves the file and the others stay' {
        $before = Get-Content $lab.Leases -Raw
        Remove-PintLease 10.9.0.101 -ConfigPath $lab.Conf -WhatIf
        Get-Content $lab.Leases -Raw | Should -Be $before
        Remove-PintLease 10.9.0.101 -ConfigPath $lab.Conf -Confirm:$false
        Get-FileLease $lab.Leases | Should -Be @('10.9.0.105', '10.9.0.102', '10.9.0.20')
        (Get-PintLease -ConfigPath $lab.Conf).IPAddress | Should -Not -Contain '10.9.0.101'
        Test-Path "$($lab.Leases).new" | Should -BeFalse
    }
    It 'removes every lease of a MAC, and leases piped from Get-PintLease' {
        Remove-PintLease -MacAddress 52-54-00-AA-BB-01 -ConfigPath $lab.Conf -Confirm:$false
        Get-FileLease $lab.Leases | Should -Be @('10.9.0.102', '10.9.0.20')
        Get-PintLease -ConfigPath $lab.Conf | Where-Object AddressState -eq Expired | Remove-PintLease -ConfigPath $lab.Conf -Confirm:$false
        Get-FileLease $lab.Leases | Should -Be @('10.9.0.20')
    }
    It 'reports an address without a lease and goes on with the next' {
        Remove-PintLease 10.9.0.150, 10.9.0.20 -ConfigPath $lab.Conf -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        "$err" | Should -Match '10\.9\.0\.150'
        Get-FileLease $lab.Leases | Should -Not -Contain '10.9.0.20'
    }
    It 'never edits a lease file a server holds' {
        $held = [IO.FileStream]::new("$($lab.Leases).lock", 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $before = Get-Content $lab.Leases -Raw
            Remove-PintLease 10.9.0.101 -ConfigPath $lab.Conf -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            "$err" | Should -Match 'in use by a running DHCP server'
            Get-Content $lab.Leases -Raw | Should -Be $before
        } finally { $held.Dispose() }
    }
    It 'Get-PintDhcpStatistics counts the range from the file' {
        $s = Get-PintDhcpStatistics -ConfigPath $lab.Conf
        $s.ScopeId | Should -Be '10.9.0.0'
        # 191 addresses; 3 active leases (the expired one is free); the scanner's idle reservation is not free.
        $s.InUse | Should -Be 3
        $s.Reserved | Should -Be 2
        $s.Free | Should -Be 187
        $s.PercentageInUse | Should -Be ([math]::Round(300 / 190, 2))
        (Get-PintDhcpRange -ConfigPath $lab.Conf | Get-PintDhcpStatistics).InUse | Should -Be 3
    }
}

Describe 'DHCP options' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-dhcpopt-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        Set-Content $conf @('# lab', 'dhcp-range=set:lab,10.9.0.10,10.9.0.200,255.255.255.0')
    }
    AfterEach { Remove-Item $dir -Recurse -Force }

    It 'Set-PintDhcpOption by name writes dnsmasq lines, and replaces them on the next call' {
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.0.1 -DnsServer 10.9.0.2, 10.9.0.3 -DnsDomain lab.test
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.0.254
        Get-Content $conf | Should -Be @(
            '# lab', 'dhcp-range=set:lab,10.9.0.10,10.9.0.200,255.255.255.0'
            'dhcp-option=option:router,10.9.0.254', 'dhcp-option=option:dns-server,10.9.0.2,10.9.0.3', 'dhcp-option=option:domain-name,lab.test')
        Test-PintConfig -ConfigPath $conf -Quiet | Should -BeTrue
    }
    It 'sets any option by number for a tag, and Get-PintDhcpOption lists it with Windows names' {
        $o = Set-PintDhcpOption -ConfigPath $conf -OptionId 26 -Value 1400 -Tag lab -PassThru
        $o.OptionId | Should -Be 26
        $o.Name | Should -Be 'mtu'
        Get-Content $conf | Should -Contain 'dhcp-option=tag:lab,option:mtu,1400'
        $listed = Get-PintDhcpOption -ConfigPath $conf -OptionId 26
        $listed.Value | Should -Be @('1400')
        $listed.Tag | Should -Be @('lab')
        $listed.Line | Should -Be 3
        (Get-PintDhcpOption -ConfigPath $conf -Tag other) | Should -BeNullOrEmpty
    }
    It 'refuses a value the server could not send, and writes nothing at all' {
        $before = Get-Content $conf -Raw
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.0.1 -NtpServer ::1 -ErrorVariable err -ErrorAction SilentlyContinue
        "$err" | Should -Match 'Option 42 \(ntp-server\).*::1'
        Set-PintDhcpOption -ConfigPath $conf -OptionId 26 -Value 99999 -ErrorVariable err2 -ErrorAction SilentlyContinue
        "$err2" | Should -Match 'Option 26 \(mtu\).*99999'
        Get-Content $conf -Raw | Should -Be $before
    }
    It '-WhatIf shows the line and writes nothing' {
        $before = Get-Content $conf -Raw
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.0.1 -WhatIf
        Get-Content $conf -Raw | Should -Be $before
    }
    It 'Remove-PintDhcpOption removes by number and tag, and through the pipeline' {
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.0.1 -NtpServer 10.9.0.7
        Set-PintDhcpOption -ConfigPath $conf -Router 10.9.1.1 -Tag lab
        Remove-PintDhcpOption -ConfigPath $conf -OptionId 3 -Tag lab
        (Get-PintDhcpOption -ConfigPath $conf).OptionId | Should -Be @(3, 42)
        Remove-PintDhcpOption -ConfigPath $conf -OptionId 3 -Tag nope -ErrorVariable err -ErrorAction SilentlyContinue
        "$err" | Should -Match 'option 3 for tag nope'
        Get-PintDhcpOption -ConfigPath $conf | Remove-PintDhcpOption
        Get-Content $conf | Should -Be @('# lab', 'dhcp-range=set:lab,10.9.0.10,10.9.0.200,255.255.255.0')
    }
}

Describe 'Live leases on the local service' -Skip:(-not $canServeDhcp) {
    BeforeAll {
        $script:lab = New-LeaseLab
        $dll = Join-Path (Split-Path $modulePath) 'service/pint.dll'
        $script:svc = Start-Process dotnet -ArgumentList $dll, '--conf-file', $lab.Conf, '--control-socket', $lab.Socket -PassThru -RedirectStandardError (Join-Path $lab.Dir 'err.txt') -RedirectStandardOutput (Join-Path $lab.Dir 'out.txt')
        $sw = [Diagnostics.Stopwatch]::StartNew()
        while (-not (Test-Path $lab.Socket) -and $sw.Elapsed.TotalSeconds -lt 20) { Start-Sleep -Milliseconds 100 }
    }
    AfterAll {
        if ($svc -and -not $svc.HasExited) { $svc.Kill(); $svc.WaitForExit(5000) }
        Remove-Item $lab.Dir -Recurse -Force
    }

    It 'Get-PintLease shows the live table of the service' {
        (Get-PintServer -ControlSocket $lab.Socket).Services | Should -Contain 'dhcp'
        $leases = Get-PintLease -ControlSocket $lab.Socket
        # The server dropped the expired lease when it loaded the file: the table, not the file, is shown.
        $leases.IPAddress | Should -Be @('10.9.0.20', '10.9.0.101', '10.9.0.105')
        ($leases | Where-Object IPAddress -eq '10.9.0.20').AddressState | Should -Be 'ActiveReservation'
        (Get-PintLease -ControlSocket $lab.Socket -HostName laptop).IPAddress | Should -Be '10.9.0.101'
    }
    It 'Remove-PintLease goes through the service: gone from the table and durable in the file' {
        Remove-PintLease 10.9.0.101 -ControlSocket $lab.Socket -ConfigPath $lab.Conf -Confirm:$false
        (Get-PintLease -ControlSocket $lab.Socket).IPAddress | Should -Not -Contain '10.9.0.101'
        Get-FileLease $lab.Leases | Should -Not -Contain '10.9.0.101'
        Remove-PintLease 10.9.0.101 -ControlSocket $lab.Socket -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        "$err" | Should -Match 'No lease matches'
    }
    It 'finds the service by its config file without -ControlSocket' {
        $env:PINT_CONTROL = $lab.Socket
        try { (Get-PintLease -ConfigPath $lab.Conf).IPAddress | Should -Be @('10.9.0.20', '10.9.0.105') }
        finally { Remove-Item Env:PINT_CONTROL }
    }
    It 'Get-PintDhcpStatistics counts the live table' {
        $s = Get-PintDhcpStatistics -ControlSocket $lab.Socket
        $s.InUse | Should -Be 2
        $s.Reserved | Should -Be 2
    }
}

Describe 'Live leases in this session' -Skip:(-not $canServeDhcp) {
    BeforeAll { $script:lab = New-LeaseLab }
    AfterAll {
        Stop-PintServer -ConfigPath $lab.Conf -ErrorAction SilentlyContinue
        Remove-Item $lab.Dir -Recurse -Force
    }

    It 'Get-PintLease and Remove-PintLease use the server started by Start-PintServer' {
        Start-PintServer -ConfigPath $lab.Conf
        (Get-PintLease -ConfigPath $lab.Conf).IPAddress | Should -Be @('10.9.0.20', '10.9.0.101', '10.9.0.105')
        # The server owns the file; only the in-process path can remove while it runs.
        Remove-PintLease 10.9.0.105 -ConfigPath $lab.Conf -Confirm:$false -ErrorAction Stop
        (Get-PintLease -ConfigPath $lab.Conf).IPAddress | Should -Not -Contain '10.9.0.105'
        (Get-PintDhcpStatistics -ConfigPath $lab.Conf).InUse | Should -Be 2
        Stop-PintServer -ConfigPath $lab.Conf
        Get-FileLease $lab.Leases | Should -Not -Contain '10.9.0.105'
    }
}
