@{
    Synopsis    = 'Makes a running Pint server re-read its config, includes and hosts files now, and shows whether the change was applied.'
    Description = @'
A running server watches its config file, every file it includes and every hosts file it reads, and applies a change within about two seconds by itself; Update-PintServer asks for that at once and reports the outcome. It is the equivalent of sending dnsmasq SIGHUP, except that Pint re-reads the whole config, not only the hosts files.

A change is applied without a restart where the service allows it: new names answer and removed names stop answering, a changed range, reservation or option takes effect for the next DHCP exchange; leases are kept. A service whose listen addresses or ports change is restarted. A config with an error is not applied at all: the server keeps serving the last good config, and the error (file, line, message) is written as an error here and shown in Get-PintServer's LastReloadError.

Without -ConfigPath it reloads every server started in this session with Start-PintServer and the local service (Install-PintService) reached through its control socket.
'@
    Parameters  = @{
        ConfigPath    = 'Reload only the server of this config file. Relative paths are resolved against the current location.'
        ControlSocket = 'The control socket of the local service. Defaults to $env:PINT_CONTROL, then /run/pint/pint.sock (Linux) or %ProgramData%\Pint\pint.sock (Windows).'
        PassThru      = 'Write the server (a PintServerInfo, with LastReload and LastReloadError) to the pipeline after the reload.'
    }
    Inputs      = @('System.String', 'Pint.PowerShell.Model.PintServerInfo')
    Links       = @('Get-PintServer', 'Start-PintServer', 'Test-PintConfig')
    Examples    = @(
        @{ Title = 'Apply an edit now'; Code = 'PS> Add-PintHost -Name nas -IPAddress 10.0.0.5; Update-PintServer -PassThru | Select-Object LastReload, LastReloadError'; Remarks = 'Adds a host record and has the running server answer for it at once.' }
        @{ Title = 'Reload the local service'; Code = 'PS> Update-PintServer -ControlSocket /run/pint/pint.sock'; Remarks = 'Reloads the service installed with Install-PintService; an error names the bad line and nothing changes.' }
    )
}
