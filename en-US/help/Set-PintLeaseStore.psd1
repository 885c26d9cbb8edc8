@{
    Synopsis    = 'Sets where the DHCP server keeps its leases: the lease file (-File) or a PostgreSQL database several Pint servers share (-PostgreSql).'
    Description = @'
Set-PintLeaseStore writes pint-lease-store=file or pint-lease-store=postgresql,CONNECTION-STRING and, with -ServerId, pint-server-id=NAME. These are Pint options that dnsmasq does not know (dnsmasq --test stops at them with "bad option"), so they are not written into the config itself: they go into pint-leasestore.conf in the config's folder, and the config gets one conf-file=<that file> line at its end when it has none yet. No other byte of the config changes. A pint-lease-store= or pint-server-id= line found in another file is moved into pint-leasestore.conf; one already there is rewritten in place.

-ConnectionString is an Npgsql connection string (Host=db1;Port=5432;Database=pint;Username=pint;Password=...). It is checked as Npgsql reads it before anything is written: an unknown keyword, a value Npgsql cannot read or a missing Host is an error that names the keyword, never a value. A password written here sits in plain text in pint-leasestore.conf; the file is created with the config's permissions. Npgsql's Passfile= keyword or the PGPASSWORD variable of the service keep it out of the config. The string shown by Get-PintLeaseStore, with its password masked, is refused.

-ServerId names this server in the database: its heartbeat row and the owner of the leases it hands out. Without it a pint-server-id= line already there stays; with none, the host name is the id. Two servers sharing one database need different ids.

-File goes back to the lease file (dhcp-leasefile=). It is refused while failover relationships exist, as they need the database: remove them first with Get-PintDhcpFailover | Remove-PintDhcpFailover.

The cmdlet supports -WhatIf and -Confirm; -WhatIf shows each line that would be added or changed, with the password masked in the target. A running server takes the change within two seconds, as it does any edit of its config. For Windows admins: Windows DHCP servers keep their leases in their own database; a shared PostgreSQL database is what lets two Pint servers work as a failover pair (Add-PintDhcpFailover).
'@
    Parameters  = @{
        File             = 'Keeps the leases in dnsmasq''s lease file (dhcp-leasefile=, else the default path): writes pint-lease-store=file.'
        PostgreSql       = 'Keeps the leases in the PostgreSQL database named by -ConnectionString: writes pint-lease-store=postgresql,CONNECTION-STRING.'
        ConnectionString = 'The Npgsql connection string, for example Host=db1;Database=pint;Username=pint;Passfile=/etc/pint/pgpass. Commas are allowed (the string is the rest of the line). Checked as Npgsql reads it; errors name the keyword, never a value.'
        ServerId         = 'This server''s id in the shared database (pint-server-id=): letters, digits, ''-'', ''.'' and ''_'', at most 63 characters. Without it a line already there stays, else the host name is the id.'
        PassThru         = 'Writes the setting to the pipeline as a PintLeaseStore object (as Get-PintLeaseStore shows it, password masked).'
        ConfigPath       = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. The lines are written to pint-leasestore.conf in the same folder, which the config includes by one conf-file= line.'
    }
    Inputs      = @('System.Management.Automation.PSObject')
    Notes       = 'ServerId and ConfigPath bind by property name. The config is read again under its edit lock, so edits from several sessions do not overwrite each other.'
    Links       = @('Get-PintLeaseStore', 'Add-PintDhcpFailover', 'Get-PintDhcpFailover', 'Remove-PintDhcpFailover', 'Test-PintConfig')
    Examples    = @(
        @{
            Title   = 'Share the leases of two servers in PostgreSQL'
            Code    = 'PS> Set-PintLeaseStore -PostgreSql -ConnectionString ''Host=db1;Database=pint;Username=pint;Passfile=/etc/pint/pgpass'' -ServerId dhcp1'
            Remarks = 'Writes pint-lease-store=postgresql,Host=db1;... and pint-server-id=dhcp1 to pint-leasestore.conf beside the config, and adds conf-file=<that file> to the config.'
        }
        @{
            Title   = 'See the lines first'
            Code    = 'PS> Set-PintLeaseStore -PostgreSql -ConnectionString ''Host=db1;Database=pint;Username=pint'' -WhatIf'
            Remarks = 'Shows the lines that would be added, and writes nothing.'
        }
        @{
            Title   = 'Go back to the lease file'
            Code    = 'PS> Get-PintDhcpFailover | Remove-PintDhcpFailover -Confirm:$false; Set-PintLeaseStore -File -PassThru'
            Remarks = 'Removes the failover relationships, then writes pint-lease-store=file and shows the setting.'
        }
    )
}
