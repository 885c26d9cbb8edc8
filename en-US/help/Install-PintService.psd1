@{
    Synopsis    = 'Registers Pint as a system service (a systemd unit on Linux, a Windows service on Windows) that serves a config.'
    Description = @'
Install-PintService registers the service host that ships in the module (service/pint.dll, run by the same dotnet as this PowerShell) so the operating system starts Pint at boot and restarts it when it fails. The service reads the config named by -ConfigPath (default $env:PINT_CONFIG, then the platform default) with --conf-file, as dnsmasq's -C does.

On Linux it writes NAME.service into -UnitDirectory (default /etc/systemd/system): Type=notify (the service reports ready once every socket is bound), Restart=on-failure, and only the capabilities a DNS/DHCP/TFTP server needs (CAP_NET_BIND_SERVICE for ports 53, 67 and 69, CAP_NET_RAW and CAP_NET_ADMIN for DHCP's replies to clients without an address), so it can run as an unprivileged -User. Then it runs systemctl daemon-reload and systemctl enable --now, unless -NoStart is given or the unit is written somewhere other than /etc/systemd/system.

On Windows it creates an automatic service with sc.exe and starts it.

The config must exist: a service that cannot read its config would only fail at boot. Check it first with Test-PintConfig. -WhatIf shows the unit text that would be written.
'@
    Parameters  = @{
        ConfigPath    = 'The dnsmasq-format config file the service serves. Defaults to $env:PINT_CONFIG, then /etc/pint/pint.conf (Linux, macOS) or %ProgramData%\Pint\pint.conf (Windows). The path is written into the unit as given, resolved to a full path.'
        Name          = 'The service name: the systemd unit NAME.service, or the Windows service name. Default pint. Letters, digits, -, _ and . only.'
        User          = 'Linux: run the service as this user (User= in the unit) instead of root. The unit grants the network capabilities the server needs, so an unprivileged user can still bind ports 53, 67 and 69. The user must be able to read the config and write the lease file.'
        UnitDirectory = 'Linux: the folder the unit is written to. Default /etc/systemd/system; any other folder only receives the file (useful to stage or review a unit), and systemctl is not run.'
        NoStart       = 'Write (and on Windows create) the service but do not enable or start it.'
        PassThru      = 'Linux: write the unit file (a FileInfo) to the pipeline.'
    }
    Inputs      = @('System.String')
    Links       = @('Uninstall-PintService', 'Start-PintServer', 'Test-PintConfig')
    Examples    = @(
        @{ Title = 'Run a config as a service'; Code = 'PS> Test-PintConfig -ConfigPath /etc/pint/pint.conf; Install-PintService -ConfigPath /etc/pint/pint.conf'; Remarks = 'Checks the config, then writes /etc/systemd/system/pint.service, enables and starts it. journalctl -u pint shows its log.' }
        @{ Title = 'See the unit first'; Code = 'PS> Install-PintService -ConfigPath /etc/dnsmasq.conf -User pint -WhatIf'; Remarks = 'Prints the unit that would be written (ExecStart, capabilities, User=pint) and changes nothing.' }
        @{ Title = 'Stage a unit for review'; Code = 'PS> Install-PintService -UnitDirectory ./staging -NoStart -PassThru'; Remarks = 'Writes staging/pint.service and returns the file; nothing is registered with systemd.' }
    )
}
