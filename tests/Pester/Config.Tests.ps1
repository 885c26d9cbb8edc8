# The whole config as Get-PintConfig shows it (typed, by section), and the settings cmdlets that write single-valued
# options through the config editor: Set-PintDhcpScript and Remove-PintDhcpScript.
BeforeAll {
    $modulePath = if ($env:PINT_TEST_MODULE) { $env:PINT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/Pint/Pint.psd1' }
    Import-Module $modulePath -Force
}

Describe 'Get-PintConfig: each option in the typed view' {
    BeforeAll {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-config-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $opts = Join-Path $dir 'dhcp-opts'
        $hostsFile = Join-Path $dir 'dhcp-hosts'
        Set-Content $opts 'option:ntp-server,10.9.0.1'
        Set-Content $hostsFile '52:54:00:aa:bb:05,printer2,10.9.0.25'
        Set-Content $conf @(
            'port=0'
            'except-interface=eth9'
            'bind-dynamic'
            'no-poll'
            'no-negcache'
            'clear-on-reload'
            'edns-packet-max=1400'
            "pid-file=$(Join-Path $dir 'pint.pid')"
            'interface-name=gw.lab.test,eth0/4'
            'bogus-nxdomain=64.94.110.11'
            'bogus-nxdomain=198.51.100.0/24'
            'alias=192.168.0.10-192.168.0.40,10.0.0.0,255.255.255.0'
            'mx-target=mail.lab.test'
            'localmx'
            'selfmx'
            'filterwin2k'
            'dnssec'
            'trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D'
            'localise-queries'
            'ipset=/ads.test/blocked4,blocked6'
            'nftset=/vpn.test/4#inet#fw#vpn4'
            'dhcp-range=10.9.0.10,10.9.0.200,1h'
            'dhcp-script=/usr/local/bin/lease-hook.sh'
            'dhcp-scriptuser=nobody'
            "dhcp-optsfile=$opts"
            "dhcp-hostsfile=$hostsFile"
            'dhcp-vendorclass=set:pxe,PXEClient'
            'dhcp-userclass=set:acc,accounts'
            'dhcp-mac=set:vm,52:54:00:*:*:*'
            'dhcp-name-match=set:wpad-ignore,wpad'
            'dhcp-ignore=tag:!known'
            'dhcp-ignore-names=tag:wpad-ignore'
            'dhcp-broadcast=tag:needs-bcast'
            'no-dhcp-interface=eth1'
            'dhcp-rapid-commit'
            'read-ethers'
            'dhcp-no-override'
            'dhcp-option=encap:175,190,iscsi-client'
            'dhcp-option=vendor:MSFT,2,1i'
            'dhcp-option=vi-encap:3561,1,hello'
            'enable-tftp'
            "tftp-root=$dir"
            'tftp-no-fail'
        )
        $script:c = Get-PintConfig -ConfigPath $conf -ErrorAction Stop -WarningAction SilentlyContinue
        # Each section as its list view shows it, one line per setting.
        $script:views = @{
            Dns  = $c.Dns | Out-String -Width 400
            Dhcp = $c.Dhcp | Out-String -Width 400
            Tftp = $c.Tftp | Out-String -Width 400
        }
    }
    AfterAll { Remove-Item $dir -Recurse -Force }

    It 'reads the config and the files it names, with no error' {
        $c.ConfigPath | Should -Be $conf
        $c.ErrorCount | Should -Be 0
        $c.Files | Should -Contain (Join-Path $dir 'dhcp-opts')
        $c.Files | Should -Contain (Join-Path $dir 'dhcp-hosts')
        $summary = $c | Out-String -Width 400
        $summary | Should -Match 'Dhcp\s+: 1 range\(s\), 1 reservation\(s\), 4 option\(s\), script /usr/local/bin/lease-hook\.sh'
        $summary | Should -Match 'Tftp\s+: on, root '
    }

    It '<Option> is <Section>.<Property>, and its view shows it' -ForEach @(
        @{ Option = 'bogus-nxdomain'; Section = 'Dns'; Property = 'BogusNxDomains'; Get = { ($c.Dns.BogusNxDomains.Network | ForEach-Object ToString) -join ' ' }; Expected = '64.94.110.11/32 198.51.100.0/24'; Shown = 'BogusNxDomains\s+: 64\.94\.110\.11/32, 198\.51\.100\.0/24' }
        @{ Option = 'alias'; Section = 'Dns'; Property = 'Aliases'; Get = { $a = $c.Dns.Aliases[0]; "$($a.First) $($a.Last) $($a.Target) $($a.Mask)" }; Expected = '192.168.0.10 192.168.0.40 10.0.0.0 255.255.255.0'; Shown = 'Aliases\s+: 192\.168\.0\.10-192\.168\.0\.40 -> 10\.0\.0\.0/255\.255\.255\.0' }
        @{ Option = 'mx-target'; Section = 'Dns'; Property = 'MxTarget'; Get = { $c.Dns.MxTarget }; Expected = 'mail.lab.test'; Shown = 'MxTarget\s+: mail\.lab\.test' }
        @{ Option = 'localmx'; Section = 'Dns'; Property = 'LocalMx'; Get = { $c.Dns.LocalMx }; Expected = $true; Shown = 'LocalMx\s+: True' }
        @{ Option = 'selfmx'; Section = 'Dns'; Property = 'SelfMx'; Get = { $c.Dns.SelfMx }; Expected = $true; Shown = 'SelfMx\s+: True' }
        @{ Option = 'filterwin2k'; Section = 'Dns'; Property = 'FilterWin2k'; Get = { $c.Dns.FilterWin2k }; Expected = $true; Shown = 'FilterWin2k\s+: True' }
        @{ Option = 'dnssec'; Section = 'Dns'; Property = 'Dnssec'; Get = { "$($c.Dns.Dnssec) $($c.Dns.TrustAnchors[0].KeyTag)" }; Expected = 'True 20326'; Shown = 'Dnssec\s+: validating with 1 trust anchor' }
        @{ Option = 'localise-queries'; Section = 'Dns'; Property = 'LocaliseQueries'; Get = { $c.Dns.LocaliseQueries }; Expected = $true; Shown = 'LocaliseQueries\s+: True' }
        @{ Option = 'ipset'; Section = 'Dns'; Property = 'AddressSets'; Get = { $r = $c.Dns.AddressSets[0]; "$($r.Kind) $($r.Domains) $($r.Sets.Set -join ',')" }; Expected = 'Ipset ads.test blocked4,blocked6'; Shown = 'ipset=/ads\.test/blocked4,blocked6' }
        @{ Option = 'nftset'; Section = 'Dns'; Property = 'AddressSets'; Get = { $r = $c.Dns.AddressSets[1]; $s = $r.Sets[0]; "$($r.Kind) $($r.Domains) $($s.Only) $($s.Family) $($s.Table) $($s.Set)" }; Expected = 'Nftset vpn.test InterNetwork inet fw vpn4'; Shown = 'nftset=/vpn\.test/4#inet#fw#vpn4' }
        @{ Option = 'no-poll'; Section = 'Dns'; Property = 'NoPoll'; Get = { $c.Dns.NoPoll }; Expected = $true; Shown = 'NoPoll\s+: True' }
        @{ Option = 'no-negcache'; Section = 'Dns'; Property = 'NoNegativeCache'; Get = { $c.Dns.NoNegativeCache }; Expected = $true; Shown = 'NoNegativeCache\s+: True' }
        @{ Option = 'clear-on-reload'; Section = 'Dns'; Property = 'ClearOnReload'; Get = { $c.Dns.ClearOnReload }; Expected = $true; Shown = 'ClearOnReload\s+: True' }
        @{ Option = 'edns-packet-max'; Section = 'Dns'; Property = 'EdnsPacketMax'; Get = { $c.Dns.EdnsPacketMax }; Expected = 1400; Shown = 'EdnsPacketMax\s+: 1400' }
        @{ Option = 'bind-dynamic'; Section = 'Dns'; Property = 'BindDynamic'; Get = { $c.Dns.BindDynamic }; Expected = $true; Shown = 'BindDynamic\s+: True' }
        @{ Option = 'except-interface'; Section = 'Dns'; Property = 'ExceptInterfaces'; Get = { $c.Dns.ExceptInterfaces -join ',' }; Expected = 'eth9'; Shown = 'ExceptInterfaces\s+: eth9' }
        @{ Option = 'pid-file'; Section = 'Dns'; Property = 'PidFile'; Get = { Split-Path $c.Dns.PidFile -Leaf }; Expected = 'pint.pid'; Shown = 'PidFile\s+: .*pint\.pid' }
        @{ Option = 'interface-name'; Section = 'Dns'; Property = 'InterfaceNames'; Get = { $n = $c.Dns.InterfaceNames[0]; "$($n.Name) $($n.Interface) $($n.Family)" }; Expected = 'gw.lab.test eth0 InterNetwork'; Shown = 'InterfaceNames\s+: gw\.lab\.test=eth0/4' }
        @{ Option = 'dhcp-script'; Section = 'Dhcp'; Property = 'Script'; Get = { $c.Dhcp.Script }; Expected = '/usr/local/bin/lease-hook.sh'; Shown = 'Script\s+: /usr/local/bin/lease-hook\.sh' }
        @{ Option = 'dhcp-scriptuser'; Section = 'Dhcp'; Property = 'ScriptUser'; Get = { $c.Dhcp.ScriptUser }; Expected = 'nobody'; Shown = 'ScriptUser\s+: nobody' }
        @{ Option = 'dhcp-optsfile'; Section = 'Dhcp'; Property = 'OptsFilePaths'; Get = { "$(Split-Path $c.Dhcp.OptsFilePaths[0] -Leaf) $($c.Dhcp.OptsFileOptions[0].Number)" }; Expected = 'dhcp-opts 42'; Shown = 'OptsFilePaths\s+: .*dhcp-opts' }
        @{ Option = 'dhcp-hostsfile'; Section = 'Dhcp'; Property = 'HostsFilePaths'; Get = { "$(Split-Path $c.Dhcp.HostsFilePaths[0] -Leaf) $($c.Dhcp.HostsFileHosts[0].HostName)" }; Expected = 'dhcp-hosts printer2'; Shown = 'Hosts\s+: 0 dhcp-host, 1 from dhcp-hostsfile' }
        @{ Option = 'dhcp-vendorclass'; Section = 'Dhcp'; Property = 'Matches'; Get = { $m = $c.Dhcp.Matches | Where-Object OptionNumber -eq 60; "$($m.SetTag) $($m.Value) $($m.Text)" }; Expected = 'pxe PXEClient True'; Shown = 'VendorClasses\s+: set:pxe,PXEClient' }
        @{ Option = 'dhcp-userclass'; Section = 'Dhcp'; Property = 'Matches'; Get = { $m = $c.Dhcp.Matches | Where-Object OptionNumber -eq 77; "$($m.SetTag) $($m.Value) $($m.Text)" }; Expected = 'acc accounts True'; Shown = 'UserClasses\s+: set:acc,accounts' }
        @{ Option = 'dhcp-mac'; Section = 'Dhcp'; Property = 'MacMatches'; Get = { $m = $c.Dhcp.MacMatches[0]; "$($m.SetTag) $($m.Pattern)" }; Expected = 'vm 52:54:00:*:*:*'; Shown = 'MacMatches\s+: set:vm,52:54:00:\*:\*:\*' }
        @{ Option = 'dhcp-name-match'; Section = 'Dhcp'; Property = 'NameMatches'; Get = { $m = $c.Dhcp.NameMatches[0]; "$($m.SetTag) $($m.Name) $($m.Prefix)" }; Expected = 'wpad-ignore wpad False'; Shown = 'NameMatches\s+: set:wpad-ignore,wpad' }
        @{ Option = 'dhcp-ignore'; Section = 'Dhcp'; Property = 'Ignore'; Get = { $c.Dhcp.Ignore[0] -join ',' }; Expected = '!known'; Shown = 'Ignore\s+: tag:!known' }
        @{ Option = 'dhcp-ignore-names'; Section = 'Dhcp'; Property = 'IgnoreNames'; Get = { $c.Dhcp.IgnoreNames[0] -join ',' }; Expected = 'wpad-ignore'; Shown = 'IgnoreNames\s+: tag:wpad-ignore' }
        @{ Option = 'dhcp-broadcast'; Section = 'Dhcp'; Property = 'Broadcast'; Get = { $c.Dhcp.Broadcast[0] -join ',' }; Expected = 'needs-bcast'; Shown = 'Broadcast\s+: tag:needs-bcast' }
        @{ Option = 'no-dhcp-interface'; Section = 'Dhcp'; Property = 'NoDhcpInterfaces'; Get = { $c.Dhcp.NoDhcpInterfaces -join ',' }; Expected = 'eth1'; Shown = 'NoDhcpInterfaces\s+: eth1' }
        @{ Option = 'dhcp-rapid-commit'; Section = 'Dhcp'; Property = 'RapidCommit'; Get = { $c.Dhcp.RapidCommit }; Expected = $true; Shown = 'RapidCommit\s+: True' }
        @{ Option = 'dhcp-no-override'; Section = 'Dhcp'; Property = 'NoOverride'; Get = { $c.Dhcp.NoOverride }; Expected = $true; Shown = 'NoOverride\s+: True' }
        @{ Option = 'read-ethers'; Section = 'Dhcp'; Property = 'ReadEthers'; Get = { $c.Dhcp.ReadEthers }; Expected = $true; Shown = 'ReadEthers\s+: True' }
        @{ Option = 'dhcp-option=encap:'; Section = 'Dhcp'; Property = 'Options'; Get = { $o = $c.Dhcp.Options | Where-Object Encapsulation -eq 175; "$($o.Number) $($o.Values)" }; Expected = '190 iscsi-client'; Shown = 'encap:175,190,iscsi-client' }
        @{ Option = 'dhcp-option=vendor:'; Section = 'Dhcp'; Property = 'Options'; Get = { $o = $c.Dhcp.Options | Where-Object VendorClass -eq MSFT; "$($o.Number) $($o.Values)" }; Expected = '2 1i'; Shown = 'vendor:MSFT,2,1i' }
        @{ Option = 'dhcp-option=vi-encap:'; Section = 'Dhcp'; Property = 'Options'; Get = { $o = $c.Dhcp.Options | Where-Object VendorEncapsulation -eq 3561; "$($o.Number) $($o.Values)" }; Expected = '1 hello'; Shown = 'vi-encap:3561,1,hello' }
        @{ Option = 'tftp-no-fail'; Section = 'Tftp'; Property = 'NoFail'; Get = { $c.Tftp.NoFail }; Expected = $true; Shown = 'NoFail\s+: True' }
    ) {
        & $Get | Should -Be $Expected
        $views[$Section] | Should -Match $Shown
    }

    It 'shows dnsmasq''s defaults for what a config does not set' {
        $empty = Join-Path $dir 'empty.conf'
        Set-Content $empty 'port=0'
        $d = Get-PintConfig -ConfigPath $empty
        $d.Dns.EdnsPacketMax | Should -Be 1232
        $d.Dns.FilterWin2k | Should -BeFalse
        $d.Dns.BogusNxDomains | Should -BeNullOrEmpty
        $d.Dhcp.Script | Should -BeNullOrEmpty
        $d.Tftp.NoFail | Should -BeFalse
        ($d | Out-String) | Should -Match 'Dhcp\s+: off \(no dhcp-range\)'
    }
    It 'Get-PintDhcpOption names the encap:, vendor: and vi-encap: qualifier of a line' {
        $text = Get-PintDhcpOption -ConfigPath $conf | Out-String -Width 300
        $text | Should -Match '190 encap:175\s+iscsi-client'
        $text | Should -Match '2 vendor:MSFT\s+1i'
        $text | Should -Match '1 vi-encap:3561\s+hello'
        # A sub-option's number is not a top-level option: encap:175 sub-option 1 is not "netmask".
        (Get-PintDhcpOption -ConfigPath $conf | Where-Object VendorClass -eq 'vi-encap:3561').Name | Should -BeNullOrEmpty
    }
    It 'reports a bad line as an error naming file and line, and still returns the rest' {
        $bad = Join-Path $dir 'bad.conf'
        Set-Content $bad @('filterwin2k', 'edns-packet-max=lots')
        $d = Get-PintConfig -ConfigPath $bad -ErrorVariable e -ErrorAction SilentlyContinue
        "$e" | Should -Match 'bad\.conf:2'
        $d.ErrorCount | Should -Be 1
        $d.Dns.FilterWin2k | Should -BeTrue
    }
    It 'is an error for a config that does not exist' {
        { Get-PintConfig -ConfigPath (Join-Path $dir 'missing.conf') -ErrorAction Stop } | Should -Throw -ExpectedMessage '*missing.conf*does not exist*'
    }
}

# The config loader takes only /-rooted dhcp-script paths, as dnsmasq does; a Windows drive path is refused there.
Describe 'Set-PintDhcpScript and Remove-PintDhcpScript' -Skip:$IsWindows {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("pint-pester-script-" + [guid]::NewGuid())
        New-Item -ItemType Directory $dir | Out-Null
        $script:conf = Join-Path $dir 'pint.conf'
        $script:hook = Join-Path $dir 'lease-hook.sh'
        Set-Content $hook '#!/bin/sh'
        # CRLF, an indented line with an inline comment, a blank line and no newline at the end: all kept.
        $script:original = "# lab`r`n  domain = lab.test   # inline`r`n`r`ndhcp-range=10.9.0.10,10.9.0.20,1h`r`n"
        [IO.File]::WriteAllText($conf, $original)
        $env:PINT_CONFIG = $conf
    }
    AfterEach {
        Remove-Item Env:PINT_CONFIG -ErrorAction SilentlyContinue
        Remove-Item $dir -Recurse -Force
    }

    It 'appends dhcp-script=PATH in the file''s newline style and keeps every other byte' {
        Set-PintDhcpScript -Path $hook
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "dhcp-script=$hook`r`n")
        (Get-PintConfig).Dhcp.Script | Should -Be $hook
    }
    It '-User writes dhcp-scriptuser too; -PassThru shows the setting and its line' {
        $s = Set-PintDhcpScript -Path $hook -User nobody -PassThru
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "dhcp-script=$hook`r`ndhcp-scriptuser=nobody`r`n")
        $s.Path | Should -Be $hook
        $s.User | Should -Be 'nobody'
        "$($s.Source):$($s.Line)" | Should -Be "$($conf):5"
        $s.ConfigPath | Should -Be $conf
        ($s | Out-String -Width 300) | Should -Match 'nobody\s+.*pint\.conf:5'
        (Get-PintConfig).Dhcp.ScriptUser | Should -Be 'nobody'
    }
    It 'rewrites the line dnsmasq obeys in place, keeping its indentation and comment' {
        [IO.File]::WriteAllText($conf, "# lab`r`n  dhcp-script=/old/hook.sh   # the hook`r`nserver=1.1.1.1")
        Set-PintDhcpScript -Path $hook
        [IO.File]::ReadAllText($conf) | Should -BeExactly "# lab`r`n  dhcp-script=$hook   # the hook`r`nserver=1.1.1.1"
        (Get-PintConfig).Dhcp.Script | Should -Be $hook
    }
    It 'rewrites a line in an included file there, and -User adds dhcp-scriptuser to the main file' {
        $inc = Join-Path $dir 'dhcp.conf'
        [IO.File]::WriteAllText($inc, "log-dhcp`ndhcp-script=/old/hook.sh`n")
        [IO.File]::WriteAllText($conf, $original + "conf-file=$inc`r`n")
        Set-PintDhcpScript -Path $hook -User nobody
        [IO.File]::ReadAllText($inc) | Should -BeExactly "log-dhcp`ndhcp-script=$hook`n"
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`ndhcp-scriptuser=nobody`r`n")
        (Get-PintConfig).Dhcp.Script | Should -Be $hook
    }
    It 'takes the path from Get-Item down the pipeline' {
        Get-Item $hook | Set-PintDhcpScript -ConfigPath $conf
        (Get-PintConfig -ConfigPath $conf).Dhcp.Script | Should -Be $hook
    }
    It '-WhatIf writes nothing' {
        Set-PintDhcpScript -Path $hook -User nobody -WhatIf
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'a relative -Path is an error naming -Path, and nothing is written' {
        Set-PintDhcpScript -Path hooks/lease.sh -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Match '^DhcpScriptPathNotAbsolute'
        "$e" | Should -Match '-Path must be an absolute path'
        "$e" | Should -Match 'hooks/lease\.sh'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
    It 'writes a script that is not there yet, with a warning' {
        $missing = Join-Path $dir 'not-yet.sh'
        Set-PintDhcpScript -Path $missing -WarningVariable w -WarningAction SilentlyContinue
        "$w" | Should -Match 'does not exist'
        (Get-PintConfig).Dhcp.Script | Should -Be $missing
    }
    It 'Remove-PintDhcpScript removes every dhcp-script and dhcp-scriptuser line, here and in includes, and nothing else' {
        $inc = Join-Path $dir 'dhcp.conf'
        [IO.File]::WriteAllText($inc, "dhcp-scriptuser=nobody`nlog-dhcp`n")
        [IO.File]::WriteAllText($conf, $original + "conf-file=$inc`r`n")
        Set-PintDhcpScript -Path $hook
        (Get-PintConfig).Dhcp.ScriptUser | Should -Be 'nobody'
        Remove-PintDhcpScript -WhatIf
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`ndhcp-script=$hook`r`n")
        [IO.File]::ReadAllText($inc) | Should -BeExactly "dhcp-scriptuser=nobody`nlog-dhcp`n"
        Get-PintConfig | Remove-PintDhcpScript
        [IO.File]::ReadAllText($conf) | Should -BeExactly ($original + "conf-file=$inc`r`n")
        [IO.File]::ReadAllText($inc) | Should -BeExactly "log-dhcp`n"
        $d = (Get-PintConfig).Dhcp
        $d.Script | Should -BeNullOrEmpty
        $d.ScriptUser | Should -BeNullOrEmpty
    }
    It 'Remove-PintDhcpScript is an error when the config has no script, and changes nothing' {
        Remove-PintDhcpScript -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        "$e" | Should -Match 'No dhcp-script= or dhcp-scriptuser= line'
        [IO.File]::ReadAllText($conf) | Should -BeExactly $original
    }
}
