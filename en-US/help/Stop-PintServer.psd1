@{
    Synopsis    = 'Stops Pint servers running in this PowerShell process: all of them, or the one of a config file.'
    Description = @'
Stop-PintServer stops servers that Start-PintServer started in the background of the current PowerShell process. Each server stops cleanly: its services stop listening and the lease file is closed. Without -ConfigPath it stops every server of the session; with -ConfigPath it stops the server of that config file, and a config file without a running server is a non-terminating error. -ConfigPath has no default here: $env:PINT_CONFIG is not consulted.

Servers belong to the process that started them. A server running in the foreground with Start-PintServer -Wait is stopped with Ctrl+C, or with SIGTERM from a service manager (systemctl stop pint); a server in another session cannot be stopped from this one.

The cmdlet supports -WhatIf and -Confirm and writes nothing to the pipeline. For Windows admins it takes the place of Stop-Service DHCPServer and Stop-Service DNS.
'@
    Parameters  = @{
        ConfigPath = 'Stops only the server of this config file. Relative paths are resolved against the current PowerShell location. Binds by property name, so Get-PintServer output can be piped in. When omitted, every server of the session is stopped.'
    }
    Inputs      = @('System.String', 'Pint.PowerShell.Model.PintServerInfo')
    Notes       = 'To serve changes made to the config, stop the server and start it again: the server reads its files when it starts.'
    Links       = @('Start-PintServer', 'Get-PintServer')
    Examples    = @(
        @{
            Title   = 'Stop every server of the session'
            Code    = 'PS> Stop-PintServer'
            Remarks = 'Stops all servers that Start-PintServer started in this session.'
        }
        @{
            Title   = 'Stop the server of one config'
            Code    = 'PS> Stop-PintServer -ConfigPath ./examples/demo/pint.conf -WhatIf'
            Remarks = 'Shows which server would be stopped; run it without -WhatIf to stop it.'
        }
        @{
            Title   = 'Restart a server after editing its config'
            Code    = 'PS> Add-PintHost -Name nas.lab.test -IPAddress 10.0.0.5; Get-PintServer | Stop-PintServer; Start-PintServer'
            Remarks = 'Adds a host record, stops the running servers (each binds its ConfigPath from the pipeline) and starts the default config again so the new name is served.'
        }
    )
}
