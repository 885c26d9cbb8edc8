@{
    Synopsis    = 'Stops and removes the service that Install-PintService registered; the config and lease files stay.'
    Description = @'
Uninstall-PintService undoes Install-PintService. On Linux it runs systemctl disable --now NAME.service, deletes the unit file and reloads systemd; it refuses to delete a unit that Install-PintService did not write (the unit's first line says who wrote it). On Windows it stops and deletes the service with sc.exe.

Nothing else is touched: the config file, its hosts files and the lease file stay where they are, so a later Install-PintService or Start-PintServer carries on with the same leases. The cmdlet asks for confirmation (ConfirmImpact High); use -Confirm:$false in scripts.
'@
    Parameters  = @{
        ConfigPath    = 'Accepted for symmetry with Install-PintService and pipeline binding; the service is found by -Name, not by its config.'
        Name          = 'The service name given to Install-PintService. Default pint.'
        UnitDirectory = 'Linux: the folder the unit was written to. Default /etc/systemd/system; for any other folder only the file is removed.'
    }
    Inputs      = @('System.String')
    Links       = @('Install-PintService')
    Examples    = @(
        @{ Title = 'Remove the service'; Code = 'PS> Uninstall-PintService -Confirm:$false'; Remarks = 'Stops pint.service, disables it and deletes /etc/systemd/system/pint.service.' }
        @{ Title = 'Remove a named service'; Code = 'PS> Uninstall-PintService -Name pint-lab -WhatIf'; Remarks = 'Shows which unit would be stopped and removed.' }
    )
}
