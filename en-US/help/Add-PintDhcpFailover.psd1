@{
    Synopsis    = 'Adds a DHCP failover relationship with another Pint server (pint-dhcp-failover=), with the parameters of Windows Add-DhcpServerv4Failover.'
    Description = @'
Add-PintDhcpFailover writes one pint-dhcp-failover=NAME,PARTNER,load-balance|hot-standby,role=primary|secondary[,percent=N][,partner-down=SECONDS][,heartbeat=SECONDS],scope=NETWORK... line to pint-leasestore.conf in the config's folder, and adds conf-file=<that file> to the config when it has none yet (dnsmasq does not know the option, so the config itself stays readable by dnsmasq). No other byte of the config changes.

The two servers of a relationship share the leases of the PostgreSQL database set with Set-PintLeaseStore -PostgreSql, and each writes a heartbeat row there. In LoadBalance mode (the default) both answer, each the clients whose RFC 3074 hash falls in its share: -LoadBalancePercent (default 50) for the -ServerRole Primary server, and the partner should be configured with the rest. In HotStandby mode the Primary (active) server answers everyone and the Secondary (standby) answers only once the active one's heartbeat is older than -StateSwitchInterval (default 30 seconds). -HeartbeatInterval (default 5 seconds) must be shorter than -StateSwitchInterval. The partner runs the same command with its own view: the same -Name and -Mode, this server as -PartnerServer and the other -ServerRole.

Errors, each a non-terminating error that writes nothing: the config does not use the PostgreSQL lease store; a relationship of that name exists; a -ScopeId that is not the network address of one of the config's IPv4 dhcp-range lines (Get-PintDhcpRange shows them); -PartnerServer is this server's own pint-server-id; -LoadBalancePercent with -Mode HotStandby; an interval that is not a whole number of seconds from 1 second to 1 day.

The cmdlet supports -WhatIf and -Confirm; -WhatIf shows each line that would be added. A running server takes the change within two seconds, as it does any edit of its config. For Windows admins it is Add-DhcpServerv4Failover with the same parameter names (-ServerRole takes Primary and Secondary; there is no -SharedSecret, -MaxClientLeadTime or -ReservePercent: the servers share one database instead of replicating).
'@
    Parameters  = @{
        Name                = 'The relationship''s name, unique in the config: letters, digits, ''-'', ''.'' and ''_''.'
        PartnerServer       = 'The partner''s server id: its pint-server-id=, or its host name when it has none.'
        ScopeId             = 'The scopes the relationship covers, each the network address of a dhcp-range= line of the config (10.0.0.0 for 10.0.0.0/24), as Windows names a scope.'
        Mode                = 'LoadBalance (the default: both servers answer, each its share of the clients) or HotStandby (the standby answers once the active server is down).'
        ServerRole          = 'Primary (the default; load balance: the low hash buckets, hot standby: the active server) or Secondary (the high buckets, or the standby).'
        LoadBalancePercent  = 'LoadBalance only: this server''s share of the clients, 0 to 100 (default 50). The partner should have 100 minus it.'
        StateSwitchInterval = 'How long the partner''s heartbeat may be silent before the partner counts as down (partner-down=), a whole number of seconds; default 30 seconds.'
        HeartbeatInterval   = 'How often this server writes its heartbeat (heartbeat=), a whole number of seconds shorter than -StateSwitchInterval; default 5 seconds.'
        PassThru            = 'Writes the new relationship to the pipeline as a PintDhcpFailover object.'
        ConfigPath          = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. The lines are written to pint-leasestore.conf in the same folder, which the config includes by one conf-file= line.'
    }
    Inputs      = @('Pint.PowerShell.Model.PintDhcpFailover', 'System.Management.Automation.PSObject')
    Notes       = 'Every parameter binds by property name, so a relationship from Get-PintDhcpFailover of one config can be added to another. The config is read again under its edit lock.'
    Links       = @('Get-PintDhcpFailover', 'Remove-PintDhcpFailover', 'Set-PintLeaseStore', 'Get-PintDhcpRange')
    Examples    = @(
        @{
            Title   = 'Balance a scope between two servers'
            Code    = 'PS> Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp2 -ScopeId 10.0.0.0'
            Remarks = 'Writes pint-dhcp-failover=dhcp-ha,dhcp2,load-balance,role=primary,percent=50,scope=10.0.0.0. On dhcp2: Add-PintDhcpFailover -Name dhcp-ha -PartnerServer dhcp1 -ScopeId 10.0.0.0 -ServerRole Secondary.'
        }
        @{
            Title   = 'A hot standby that takes over after a minute'
            Code    = 'PS> Add-PintDhcpFailover -Name standby -PartnerServer dhcp2 -ScopeId 10.0.0.0, 10.0.1.0 -Mode HotStandby -StateSwitchInterval 00:01:00 -WhatIf'
            Remarks = 'Shows the line pint-dhcp-failover=standby,dhcp2,hot-standby,role=primary,partner-down=60,scope=10.0.0.0,scope=10.0.1.0, and writes nothing.'
        }
    )
}
