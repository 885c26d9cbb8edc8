@{
    Synopsis    = 'Removes DHCP failover relationships (their pint-dhcp-failover= lines) by name, or those Get-PintDhcpFailover sends.'
    Description = @'
Remove-PintDhcpFailover removes the pint-dhcp-failover= line of each relationship named by -Name, from whichever file of the config holds it (pint-leasestore.conf when the cmdlets wrote it). The other lines keep every byte; the conf-file= line and the lease store setting stay. A name the config does not have is a non-terminating error.

Objects from Get-PintDhcpFailover bind by property name (Name and ConfigPath), so Get-PintDhcpFailover | Remove-PintDhcpFailover removes them all. The cmdlet supports -WhatIf and -Confirm; its confirm impact is High, so it asks unless -Confirm:$false. A running server stops the relationship within two seconds, as it takes any edit of its config. For Windows admins it corresponds to Remove-DhcpServerv4Failover.
'@
    Parameters  = @{
        Name       = 'The names of the relationships to remove. The Name of a PintDhcpFailover from Get-PintDhcpFailover binds to it.'
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows. The relationship''s line is looked for in the config and every file it includes (pint-leasestore.conf among them). The ConfigPath of an object piped in binds to it.'
    }
    Inputs      = @('Pint.PowerShell.Model.PintDhcpFailover', 'System.String')
    Notes       = 'The cmdlet writes nothing to the pipeline.'
    Links       = @('Get-PintDhcpFailover', 'Add-PintDhcpFailover', 'Set-PintLeaseStore')
    Examples    = @(
        @{
            Title   = 'Remove one relationship'
            Code    = 'PS> Remove-PintDhcpFailover -Name dhcp-ha -Confirm:$false'
            Remarks = 'Removes the pint-dhcp-failover=dhcp-ha,... line.'
        }
        @{
            Title   = 'Remove all of them, after a look'
            Code    = 'PS> Get-PintDhcpFailover | Remove-PintDhcpFailover -WhatIf'
            Remarks = 'Shows each line that would be removed, and removes nothing.'
        }
    )
}
