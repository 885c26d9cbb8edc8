@{
    Synopsis    = 'Starts serving a config (DNS, DHCP and TFTP, as the config asks) in this PowerShell process, in the background or, with -Wait, in the foreground.'
    Description = @'
Start-PintServer loads the config file, with its includes and the hosts files it names, checks it as Test-PintConfig does, and starts the services the config asks for in the current PowerShell process. Get-PintServer shows which services run and on which endpoints. One server runs per config file: starting a second server for the same file in a session is an error until Stop-PintServer stops the first.

A config with errors is not started: the cmdlet throws a terminating error that names the file, the line and the option of the first bad line (Test-PintConfig lists them all). Options that dnsmasq knows but Pint does not implement yet are errors too, unless you add -AllowUnsupported, which starts the server and ignores those options with a warning. If a service cannot start (for example because its port is in use or needs privileges), the error says why and the services already started are stopped again, so nothing is left running.

Without -Wait the cmdlet returns as soon as the services listen, and the server keeps running in the background of the session until Stop-PintServer or until the session ends. With -Wait it serves in the foreground and writes the server log (errors and warnings to the warning stream, the rest to the verbose stream; use -Verbose to see it, including debug detail) until Ctrl+C or SIGTERM, then stops cleanly, closing sockets and the lease file. That is the mode for running Pint as a service: a systemd unit with ExecStart=/usr/bin/pwsh -NoProfile -Command "Import-Module Pint; Start-PintServer -Wait" (and AmbientCapabilities=CAP_NET_BIND_SERVICE to bind ports 53, 67 and 69 without running as root), or on Windows a scheduled task or service wrapper that runs the same command. See about_Pint.

The server reads the files it was started with; after editing the config with the Pint cmdlets, restart the server (Stop-PintServer, then Start-PintServer) to serve the changes. For Windows admins, Start-PintServer takes the place of Start-Service DHCPServer and Start-Service DNS.
'@
    Parameters  = @{
        Wait             = 'Serves in the foreground until Ctrl+C or SIGTERM, writing the server log, then stops the server cleanly. Use it when a service manager (systemd, a scheduled task, a service wrapper) runs Pint.'
        PassThru         = 'Writes the started server (a PintServerInfo object with ConfigPath, State, Services, Endpoints, Counters and Warnings) to the pipeline. By default the cmdlet writes nothing.'
        AllowUnsupported = 'Starts even if the config uses dnsmasq options that Pint does not implement yet; those options are ignored with a warning that names the file and line. Unknown options and bad values still stop the start.'
        MetricsEndpoint  = 'Serves the meters (Pint.Dns, Pint.Dhcp, Pint.Tftp) at http://ADDRESS:PORT/metrics in the Prometheus text format while the server runs. A port alone (9153) means 127.0.0.1; every address is served only when written out (0.0.0.0:9153), so nothing is exposed by accident. Off by default. A port that cannot be opened is a warning: the server still serves.'
        ConfigPath       = 'The dnsmasq-format config file to serve. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('None')
    Notes       = 'Servers live in the PowerShell process that started them: Get-PintServer and Stop-PintServer see only the servers of their own session, not one running as a service. Ports below 1024 need root or CAP_NET_BIND_SERVICE on Linux and an elevated session on Windows. Start-PintServer starts one server per call; call it once per config file to serve several.'
    Links       = @('Get-PintServer', 'Stop-PintServer', 'Test-PintConfig')
    Examples    = @(
        @{
            Title   = 'Serve the demo config in the background'
            Code    = @'
PS> Start-PintServer -ConfigPath ./examples/demo/pint.conf -PassThru
PS> dig "@127.0.0.1" -p 5353 nas.lab.test
PS> Stop-PintServer
'@
            Remarks = 'Starts DNS on 127.0.0.1:5353 (from port=5353 and listen-address=127.0.0.1), shows the server, and stops it again. The prompt stays free while the server runs.'
        }
        @{
            Title   = 'Serve in the foreground until Ctrl+C'
            Code    = 'PS> Start-PintServer -ConfigPath /etc/dnsmasq.conf -Wait -Verbose'
            Remarks = 'Serves an existing dnsmasq config and shows the server log as it happens; Ctrl+C stops the server cleanly and returns the prompt.'
        }
        @{
            Title   = 'Run as a systemd service'
            Code    = @'
# /etc/systemd/system/pint.service
[Service]
Environment=PINT_CONFIG=/etc/pint/pint.conf
ExecStart=/usr/bin/pwsh -NoProfile -Command "Import-Module Pint; Start-PintServer -Wait"
AmbientCapabilities=CAP_NET_BIND_SERVICE
'@
            Remarks = 'systemd stops the service with SIGTERM, which Start-PintServer -Wait treats like Ctrl+C. about_Pint has a complete unit file. On Windows, register a scheduled task that runs at startup with pwsh.exe -NoProfile -Command "Import-Module Pint; Start-PintServer -Wait".'
        }
        @{
            Title   = 'Start a dnsmasq config that uses options Pint does not implement yet'
            Code    = 'PS> Start-PintServer -ConfigPath ./dnsmasq.conf -AllowUnsupported -WarningVariable skipped'
            Remarks = 'Starts the server and ignores the unsupported options, with one warning per line; $skipped keeps the warnings for review.'
        }
    )
}
