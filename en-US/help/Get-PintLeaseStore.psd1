@{
    Synopsis    = 'Shows where the DHCP server keeps its leases: the lease file, or a shared PostgreSQL database (password masked), and this server''s id.'
    Description = @'
Get-PintLeaseStore reads the config and the files it includes and writes one PintLeaseStore object: Kind (File or PostgreSql, from pint-lease-store=; File when the config has no such line), ConnectionString (the Npgsql connection string with the value of Password, PWD or PSW shown as ********; empty for File), ServerId (from pint-server-id=, else the host name), ServerIdIsHostName (true when no pint-server-id= line names it), LeaseFile (dhcp-leasefile= for the File store; empty: the default path), Source and Line (the file and line of pint-lease-store=; empty for the default) and ConfigPath.

Lines of the config that are not valid are reported as non-terminating errors that name the file and line. Get-PintLeaseStore never changes a file. Test-PintConfig reports what the DHCP setup checks beyond each line, such as a failover relationship without the PostgreSQL store. For Windows admins there is no counterpart: a Windows DHCP server keeps its leases in its own database.
'@
    Parameters  = @{
        ConfigPath = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. The ConfigPath of an object piped in (from Get-PintConfig) binds to it.'
    }
    Inputs      = @('Pint.PowerShell.Model.PintConfigInfo', 'System.Management.Automation.PSObject')
    Notes       = 'The password of a connection string is never shown; read pint-leasestore.conf itself to see it.'
    Links       = @('Set-PintLeaseStore', 'Get-PintDhcpFailover', 'Get-PintConfig')
    Examples    = @(
        @{
            Title   = 'Where are the leases?'
            Code    = 'PS> Get-PintLeaseStore'
            Remarks = 'Kind PostgreSql, ConnectionString Host=db1;Database=pint;Username=pint;Password=********, ServerId dhcp1, Source /etc/pint/pint-leasestore.conf:1.'
        }
        @{
            Title   = 'For a config given by path'
            Code    = 'PS> Get-PintLeaseStore -ConfigPath /etc/dnsmasq.conf | Format-List *'
            Remarks = 'Shows every property; Kind File and an empty Source mean the config has no pint-lease-store= line.'
        }
    )
}
