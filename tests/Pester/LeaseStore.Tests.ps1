# Shared leases and failover (issue #18): Set/Get-PintLeaseStore and Add/Get/Remove-PintDhcpFailover write the Pint-only
# options into pint-leasestore.conf beside the config; the config itself gains one conf-file= line and nothing else.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
    $script:pg = 'Host=db1;Port=5432;Database=pint;Username=pint;Password=s3cret'
}

Describe 'Set-PintLeaseStore and Get-PintLeaseStore' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-leasestore-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:inc = Join-Path $dir 'pint-leasestore.conf'
        # CRLF, an indented line with an inline comment, a blank line: all kept.
        $script:original = "# lab`r`n  domain = lab.test   # inline`r`n`r`ndhcp-range=10.9.0.10,10.9.0.200,255.255.255.0,1h`r`n"
        [IO.File]::WriteAllText($conf, $original)
        $env:PINT_CONFIG = $conf
        $script:nl = [Environment]::NewLine
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'without a line the store is the lease file and the server id the host name' {
        $s = Get-PintLeaseStore
        $s.Kind | Should -Be 'File'
        $s.ConnectionString | Should -BeNullOrEmpty
        $s.ServerId | Should -Be ([System.Net.Dns]::GetHostName())
        $s.ServerIdIsHostName | Should -BeTrue
        $s.Source | Should -BeNullOrEmpty
        $s.ConfigPath | Should -Be $conf
        ($s | Out-String) | Should -Match 'no pint-lease-store line'
    }
    It '-PostgreSql writes pint-leasestore.conf, adds only the conf-file line to the config, and round-trips' {
        Set-PintLeaseStore -PostgreSql -ConnectionString "$pg;Options='-c a=b,c'" -ServerId dhcp1
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`n")
        [IO.File]::ReadAllText($inc) | Should -BeExactly "pint-lease-store=postgresql,$pg;Options='-c a=b,c'$($nl)pint-server-id=dhcp1$nl"
        $s = Get-PintLeaseStore
        $s.Kind | Should -Be 'PostgreSql'
        $s.ConnectionString | Should -BeExactly "Host=db1;Port=5432;Database=pint;Username=pint;Password=********;Options='-c a=b,c'"
        $s.ServerId | Should -Be 'dhcp1'
        $s.ServerIdIsHostName | Should -BeFalse
        "$($s.Source):$($s.Line)" | Should -Be "$($inc):1"
        ($s | Out-String -Width 300) | Should -Not -Match 's3cret'
        (Get-PintConfig).Dhcp.LeaseStore.Kind | Should -Be 'PostgreSql'
        Test-PintConfig | Where-Object Severity -eq 'Error' | Should -BeNullOrEmpty
    }
    It 'a second Set rewrites the lines in place; -PassThru shows the setting with the password masked' {
        Set-PintLeaseStore -PostgreSql -ConnectionString $pg -ServerId dhcp1
        $s = Set-PintLeaseStore -PostgreSql -ConnectionString 'Host=db2;Database=pint;Username=pint;Password=other' -PassThru
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`n")
        [IO.File]::ReadAllText($inc) | Should -BeExactly "pint-lease-store=postgresql,Host=db2;Database=pint;Username=pint;Password=other$($nl)pint-server-id=dhcp1$nl"
        $s.ConnectionString | Should -BeExactly 'Host=db2;Database=pint;Username=pint;Password=********'
        $s.ServerId | Should -Be 'dhcp1'
        Set-PintLeaseStore -File
        [IO.File]::ReadAllText($inc) | Should -BeExactly "pint-lease-store=file$($nl)pint-server-id=dhcp1$nl"
        (Get-PintLeaseStore).Kind | Should -Be 'File'
    }
    It 'moves a pint-lease-store line written into the config by hand into pint-leasestore.conf' {
        [IO.File]::WriteAllText($conf, $original + "pint-lease-store=file`r`n")
        Set-PintLeaseStore -PostgreSql -ConnectionString $pg
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`n")
        [IO.File]::ReadAllText($inc) | Should -BeExactly "pint-lease-store=postgresql,$pg$nl"
    }
    It '-WhatIf changes nothing and creates no file, and shows no password' {
        # -WhatIf writes to the host, which only a transcript records.
        $log = Join-Path ([IO.Path]::GetTempPath()) ("pint-whatif-" + [guid]::NewGuid() + '.txt')
        Start-Transcript -Path $log | Out-Null
        try { Set-PintLeaseStore -PostgreSql -ConnectionString $pg -ServerId dhcp1 -WhatIf } finally { Stop-Transcript | Out-Null }
        $out = Get-Content $log -Raw
        Remove-Item $log
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
        Test-Path $inc | Should -BeFalse
        $out | Should -Match 'pint-leasestore\.conf:1: add .pint-lease-store=postgresql,Host=db1;Port=5432;Database=pint;Username=pint;Password=\*{8}'
        $out | Should -Match 'pint\.conf:5: add .conf-file='
        $out | Should -Not -Match 's3cret'
    }
    It 'the ServerId and ConfigPath of an object bind by property name' {
        [pscustomobject]@{ ServerId = 'dhcp7'; ConfigPath = $conf } | Set-PintLeaseStore -PostgreSql -ConnectionString $pg
        (Get-PintLeaseStore -ConfigPath $conf).ServerId | Should -Be 'dhcp7'
    }
    It 'a bad connection string is an error naming the keyword but not the password, and nothing is written' -ForEach @(
        @{ Cs = 'Hots=db1;Password=s3cret'; Wording = "keyword 'Hots', which Npgsql does not know" }
        @{ Cs = 'Host=db1;Port=fifty;Password=s3cret'; Wording = "Port has a value Npgsql cannot read" }
        @{ Cs = 'Database=pint;Password=s3cret'; Wording = 'names no Host' }
        @{ Cs = "Host=db1;Password='s3cret"; Wording = 'not a list of Keyword=Value pairs' }
        @{ Cs = 'Host=db1;Password=********'; Wording = 'password mask' }
    ) {
        Set-PintLeaseStore -PostgreSql -ConnectionString $Cs -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        "$e" | Should -Match ([regex]::Escape($Wording))
        "$e" | Should -Not -Match 's3cret'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
        Test-Path $inc | Should -BeFalse
    }
    It 'a bad -ServerId is an error, and nothing is written' {
        Set-PintLeaseStore -PostgreSql -ConnectionString $pg -ServerId 'dhcp 1' -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match "-ServerId: the server id 'dhcp 1' holds ' '"
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'a bad line in pint-leasestore.conf is reported with its file and line' {
        [IO.File]::WriteAllText($inc, "pint-server-id=ok`npint-lease-store=postgresql,Hots=db1;Password=s3cret`n")
        [IO.File]::WriteAllText($conf, $original + "conf-file=$inc`r`n")
        Get-PintLeaseStore -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        "$e" | Should -Match ([regex]::Escape("$($inc):2"))
        "$e" | Should -Match 'pint-lease-store'
        "$e" | Should -Not -Match 's3cret'
    }
}

Describe 'Add-PintDhcpFailover, Get-PintDhcpFailover and Remove-PintDhcpFailover' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-failover-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:inc = Join-Path $dir 'pint-leasestore.conf'
        $script:original = "port=0`ndhcp-range=10.0.0.100,10.0.0.199,255.255.255.0,12h`ndhcp-range=10.0.1.10,10.0.1.50,255.255.255.0`n"
        [IO.File]::WriteAllText($conf, $original)
        $env:PINT_CONFIG = $conf
        $script:nl = [Environment]::NewLine
        # A unix socket folder that does not exist: Get-PintDhcpFailover's state read fails at once, touching no network.
        Set-PintLeaseStore -PostgreSql -ConnectionString "Host=$dir/no-such-socket;Port=5432;Database=pint;Username=pint" -ServerId dhcp1
        $script:withStore = [IO.File]::ReadAllText($conf)
        $script:storeLines = [IO.File]::ReadAllText($inc)
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'adds with the defaults and round-trips through Get-PintDhcpFailover' {
        $withStore | Should -BeExactly ($original + "conf-file=$inc`n")
        Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp2 -ScopeId 10.0.0.0
        [IO.File]::ReadAllText($conf) | Should -BeExactly $withStore
        [IO.File]::ReadAllText($inc) | Should -BeExactly ($storeLines + "pint-dhcp-failover=dhcp-ha,dhcp2,load-balance,role=primary,percent=50,scope=10.0.0.0$nl")
        $f = Get-PintDhcpFailover
        $f.State | Should -Be 'CommunicationInterrupted'   # the database cannot be reached
        $f.Name | Should -Be 'dhcp-ha'
        $f.PartnerServer | Should -Be 'dhcp2'
        $f.Mode | Should -Be 'LoadBalance'
        $f.ServerRole | Should -Be 'Primary'
        $f.LoadBalancePercent | Should -Be 50
        $f.StateSwitchInterval | Should -Be ([TimeSpan]::FromSeconds(30))
        $f.HeartbeatInterval | Should -Be ([TimeSpan]::FromSeconds(5))
        $f.ScopeId | Should -Be @([ipaddress]'10.0.0.0')
        "$($f.Source):$($f.Line)" | Should -Be "$($inc):3"
        ($f | Out-String -Width 200) | Should -Match 'dhcp-ha\s+dhcp2\s+LoadBalance\s+Primary\s+CommunicationInterrupted\s+50\s+00:00:30\s+10\.0\.0\.0'
        Test-PintConfig | Where-Object Severity -eq 'Error' | Should -BeNullOrEmpty
    }
    It 'takes every parameter, as Add-DhcpServerv4Failover names them; -PassThru shows the relationship' {
        $f = Add-PintDhcpFailover -Name standby -PartnerServer dhcp3 -ScopeId 10.0.0.0, 10.0.1.0 -Mode HotStandby -ServerRole Secondary `
            -StateSwitchInterval 00:02:00 -HeartbeatInterval 00:00:10 -PassThru
        [IO.File]::ReadAllText($inc) | Should -BeExactly ($storeLines + "pint-dhcp-failover=standby,dhcp3,hot-standby,role=secondary,partner-down=120,heartbeat=10,scope=10.0.0.0,scope=10.0.1.0$nl")
        $f.Mode | Should -Be 'HotStandby'
        $f.ServerRole | Should -Be 'Secondary'
        $f.StateSwitchInterval | Should -Be ([TimeSpan]::FromMinutes(2))
        $f.HeartbeatInterval | Should -Be ([TimeSpan]::FromSeconds(10))
        @($f.ScopeId).Count | Should -Be 2
        Add-PintDhcpFailover -Name lb -PartnerServer dhcp2 -ScopeId 10.0.1.0 -LoadBalancePercent 70
        (Get-PintDhcpFailover -Name lb).LoadBalancePercent | Should -Be 70
        (Get-PintDhcpFailover -Name 'ST*').Name | Should -Be 'standby'
        @(Get-PintDhcpFailover).Count | Should -Be 2
        [IO.File]::ReadAllText($conf) | Should -BeExactly $withStore
    }
    It 'a relationship from one config pipes into another' {
        Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp2 -ScopeId 10.0.1.0 -LoadBalancePercent 30 -ServerRole Secondary
        $other = Join-Path $dir 'other'
        New-Item -ItemType Directory $other | Out-Null
        $conf2 = Join-Path $other 'pint.conf'
        [IO.File]::WriteAllText($conf2, $original)
        Set-PintLeaseStore -PostgreSql -ConnectionString $pg -ConfigPath $conf2
        Get-PintDhcpFailover | Select-Object * -ExcludeProperty ConfigPath | Add-PintDhcpFailover -ConfigPath $conf2
        $copy = Get-PintDhcpFailover -ConfigPath $conf2
        ($copy.Name, $copy.LoadBalancePercent, $copy.ServerRole) | Should -Be @('dhcp-ha', 30, 'Secondary')
        $copy.Source | Should -Be (Join-Path $other 'pint-leasestore.conf')
    }
    It '-WhatIf changes nothing' {
        Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp2 -ScopeId 10.0.0.0 -WhatIf
        [IO.File]::ReadAllText($inc) | Should -BeExactly $storeLines
        Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp2 -ScopeId 10.0.0.0
        $before = [IO.File]::ReadAllText($inc)
        Get-PintDhcpFailover | Remove-PintDhcpFailover -WhatIf
        Remove-PintDhcpFailover dhcp-ha -WhatIf
        [IO.File]::ReadAllText($inc) | Should -BeExactly $before
        [IO.File]::ReadAllText($conf) | Should -BeExactly $withStore
    }
    It 'Remove-PintDhcpFailover takes the relationships from Get-PintDhcpFailover and leaves the rest' {
        Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0
        Add-PintDhcpFailover -Name b -PartnerServer dhcp3 -ScopeId 10.0.1.0 -Mode HotStandby
        Get-PintDhcpFailover -Name a | Remove-PintDhcpFailover -Confirm:$false
        (Get-PintDhcpFailover).Name | Should -Be 'b'
        Remove-PintDhcpFailover -Name B -Confirm:$false
        Get-PintDhcpFailover | Should -BeNullOrEmpty
        [IO.File]::ReadAllText($inc) | Should -BeExactly $storeLines
        [IO.File]::ReadAllText($conf) | Should -BeExactly $withStore
    }
    It 'Set-PintLeaseStore -File is refused while a failover needs the database' {
        Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0
        $before = [IO.File]::ReadAllText($inc)
        Set-PintLeaseStore -File -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'need the PostgreSQL lease store; remove them first'
        [IO.File]::ReadAllText($inc) | Should -BeExactly $before
    }
    It 'bad input is an error, and nothing is written' -ForEach @(
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.5 }; Wording = '-ScopeId 10.0.0.5 is not the network address of a dhcp-range in the config (its scopes: 10.0.0.0, 10.0.1.0)' }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 192.168.9.0 }; Wording = 'is not the network address' }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId fd00:: }; Wording = 'is not an IPv4 address' }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer DHCP1 -ScopeId 10.0.0.0 }; Wording = "this server's own id" }
        @{ Run = { Add-PintDhcpFailover -Name 'a b' -PartnerServer dhcp2 -ScopeId 10.0.0.0 }; Wording = "the failover name 'a b' holds ' '" }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0 -HeartbeatInterval 00:00:30 }; Wording = 'must be shorter than -StateSwitchInterval' }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0 -StateSwitchInterval 00:00:10.5 }; Wording = 'whole number of seconds' }
        @{ Run = { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0 -Mode HotStandby -LoadBalancePercent 60 }; Wording = 'applies to -Mode LoadBalance only' }
        @{ Run = { Remove-PintDhcpFailover -Name nope -Confirm:$false }; Wording = "No DHCP failover relationship 'nope'" }
        @{ Run = { Get-PintDhcpFailover -Name nope }; Wording = "No DHCP failover relationship 'nope'" }
    ) {
        $e = @(& $Run 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $e.Count | Should -Be 1
        "$e" | Should -Match ([regex]::Escape($Wording))
        [IO.File]::ReadAllText($inc) | Should -BeExactly $storeLines
        [IO.File]::ReadAllText($conf) | Should -BeExactly $withStore
    }
    It 'a second relationship of the same name is an error' {
        Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0
        $before = [IO.File]::ReadAllText($inc)
        Add-PintDhcpFailover -Name A -PartnerServer dhcp3 -ScopeId 10.0.1.0 -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match "named 'a' is already defined at .*pint-leasestore\.conf:3"
        $e[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        [IO.File]::ReadAllText($inc) | Should -BeExactly $before
    }
    It '-LoadBalancePercent outside 0-100 is refused by parameter validation' {
        { Add-PintDhcpFailover -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0 -LoadBalancePercent 101 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        [IO.File]::ReadAllText($inc) | Should -BeExactly $storeLines
    }
    It 'without the PostgreSQL store the failover is refused' {
        $plain = Join-Path $dir 'plain.conf'
        [IO.File]::WriteAllText($plain, $original)
        Add-PintDhcpFailover -ConfigPath $plain -Name a -PartnerServer dhcp2 -ScopeId 10.0.0.0 -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'set the lease store first'
        [IO.File]::ReadAllText($plain) | Should -BeExactly $original
    }
    It 'Test-PintConfig reports a hand-written failover without the store, naming file and line' {
        $plain = Join-Path $dir 'plain.conf'
        [IO.File]::WriteAllText($plain, $original + "pint-dhcp-failover=a,dhcp2,load-balance,scope=10.0.3.0`n")
        $errors = @(Test-PintConfig -ConfigPath $plain -ErrorAction SilentlyContinue 2>$null | Where-Object Severity -eq 'Error')
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { "$($_.File):$($_.Line)" | Should -Be "$($plain):4" }
        ($errors.Message -join ' ') | Should -Match 'needs the shared lease database'
        ($errors.Message -join ' ') | Should -Match 'scope=10\.0\.3\.0 is not the network address'
    }
}

# Get-PintLease on a shared store reads the database, every server's rows, not a lease file. A throwaway PostgreSQL
# cluster (initdb under a temporary folder, reached over its unix socket only); the rows are written by the engine's
# own backend, as a running server writes them.
Describe 'Get-PintLease with pint-lease-store=postgresql' {
    BeforeAll {
        $script:pgBin = Get-ChildItem /usr/lib/postgresql/*/bin/initdb -ErrorAction SilentlyContinue | Sort-Object FullName | Select-Object -Last 1 | ForEach-Object DirectoryName
        if (-not $pgBin) {
            if ($env:CI -eq 'true') { throw 'PostgreSQL server binaries (initdb, pg_ctl) are missing (install postgresql)' }
            return
        }
        $script:pgRoot = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-pg-" + [guid]::NewGuid().ToString('n').Substring(0, 12))
        New-Item -ItemType Directory "$pgRoot/socket" | Out-Null
        $asRoot = [Environment]::UserName -eq 'root'
        function script:PgTool([string] $tool, [string[]] $arguments) {
            $exe = Join-Path $pgBin $tool
            if ($asRoot) { & runuser -u postgres -- $exe @arguments 2>&1 | Out-Null } else { & $exe @arguments 2>&1 | Out-Null }
            if ($LASTEXITCODE -ne 0) { throw "$tool failed ($LASTEXITCODE), see $pgRoot/postgres.log" }
        }
        if ($asRoot) { & chown -R postgres:postgres $pgRoot }
        $script:pgPort = Get-Random -Minimum 40000 -Maximum 60000
        PgTool initdb @('-D', "$pgRoot/data", '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync')
        PgTool pg_ctl @('start', '-D', "$pgRoot/data", '-w', '-t', '60', '-l', "$pgRoot/postgres.log", '-o', "-p $pgPort -k $pgRoot/socket -c listen_addresses=''")
        $script:cs = "Host=$pgRoot/socket;Port=$pgPort;Username=postgres;Database=postgres;Timeout=3;Command Timeout=3"
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-shared-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        [IO.File]::WriteAllText($conf, "dhcp-range=10.9.0.10,10.9.0.200,255.255.255.0,1h`ndhcp-leasefile=$dir/unused.leases`n")
        Set-PintLeaseStore -ConfigPath $conf -PostgreSql -ConnectionString $cs -ServerId dhcp-a
        # Two servers' rows, written as they write them: an atomic claim each.
        foreach ($row in @(@('dhcp-a', '10.9.0.21', '52:54:00:aa:00:01', 'alpha'), @('dhcp-b', '10.9.0.22', '52:54:00:aa:00:02', 'beta'))) {
            $options = [Pint.Engine.Dhcp.Leases.Postgres.PostgresLeaseBackendOptions]@{ ConnectionString = $cs; ServerId = $row[0] }
            $backend = [Pint.Engine.Dhcp.Leases.Postgres.PostgresLeaseBackend]::new($options)
            try {
                $null = $backend.EnsureSchemaAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult()
                $client = [Pint.Engine.Dhcp.Leases.Postgres.LeaseClient]::new($row[2], $null, $row[3])
                $won = $backend.ClaimAsync([ipaddress]$row[1], $client, '10.9.0.0', [TimeSpan]::FromHours(1), 'Active', [Threading.CancellationToken]::None).GetAwaiter().GetResult()
                if (-not $won.Won) { throw "claim of $($row[1]) lost" }
            }
            finally { $backend.DisposeAsync().AsTask().GetAwaiter().GetResult() }
        }
    }
    AfterAll {
        if ($pgBin) {
            try { PgTool pg_ctl @('stop', '-D', "$pgRoot/data", '-m', 'immediate', '-w') } catch { }
            Remove-Item $pgRoot, $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'lists the leases of every server on the database, with their names and scope' {
        if (-not $pgBin) { Set-ItResult -Skipped -Because 'PostgreSQL is not installed'; return }
        $leases = Get-PintLease -ConfigPath $conf -AddressFamily InterNetwork
        $leases.IPAddress | Should -Be @('10.9.0.21', '10.9.0.22')
        $leases.HostName | Should -Be @('alpha', 'beta')
        ($leases | Where-Object IPAddress -eq '10.9.0.22').ScopeId | Should -Be '10.9.0.0'
        ($leases | Where-Object IPAddress -eq '10.9.0.21').AddressState | Should -Be 'Active'
        Test-Path "$dir/unused.leases" | Should -BeFalse
    }
    It 'Get-PintDhcpFailover reads the partner''s state from the heartbeat rows' {
        if (-not $pgBin) { Set-ItResult -Skipped -Because 'PostgreSQL is not installed'; return }
        Add-PintDhcpFailover -ConfigPath $conf -Name lab -PartnerServer dhcp-b -ScopeId 10.9.0.0 -StateSwitchInterval '00:00:30'
        try {
            (Get-PintDhcpFailover -ConfigPath $conf).State | Should -Be 'PartnerDown'   # dhcp-b never wrote a heartbeat
            $options = [Pint.Engine.Dhcp.Leases.Postgres.PostgresLeaseBackendOptions]@{ ConnectionString = $cs; ServerId = 'dhcp-b' }
            $backend = [Pint.Engine.Dhcp.Leases.Postgres.PostgresLeaseBackend]::new($options)
            try { $backend.WriteHeartbeatAsync('loadbalance/secondary', [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
            finally { $backend.DisposeAsync().AsTask().GetAwaiter().GetResult() }
            $f = Get-PintDhcpFailover -ConfigPath $conf
            $f.State | Should -Be 'Normal'
            $f.PartnerLastSeen | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-1))
            $f.ServerLastSeen | Should -BeNullOrEmpty   # dhcp-a (this config) has not run
            ($f | Out-String) | Should -Match 'Normal'
        }
        finally { Remove-PintDhcpFailover -ConfigPath $conf -Name lab -Confirm:$false }
    }
    It 'warns, naming the line, when the database is unreachable' {
        if (-not $pgBin) { Set-ItResult -Skipped -Because 'PostgreSQL is not installed'; return }
        PgTool pg_ctl @('stop', '-D', "$pgRoot/data", '-m', 'fast', '-w')
        try {
            $leases = Get-PintLease -ConfigPath $conf -AddressFamily InterNetwork -WarningVariable warned -WarningAction SilentlyContinue
            $leases | Should -BeNullOrEmpty
            "$warned" | Should -Match 'pint-leasestore\.conf:1'
            "$warned" | Should -Match 'lease database is unreachable'
        }
        finally {
            PgTool pg_ctl @('start', '-D', "$pgRoot/data", '-w', '-t', '60', '-l', "$pgRoot/postgres.log", '-o', "-p $pgPort -k $pgRoot/socket -c listen_addresses=''")
        }
    }
}
