@{
    Synopsis    = 'Sets the script the DHCP server runs on each lease change (dhcp-script=) and, with -User, the user it runs as (dhcp-scriptuser=).'
    Description = @'
Set-PintDhcpScript writes dhcp-script=PATH into the config. When the config (or a file it includes) already has its dhcp-script= line (a config may give it only once, as with dnsmasq), that line is rewritten where it stands, keeping its position, indentation and comment; otherwise the line is appended to the main config file. -User does the same for dhcp-scriptuser=NAME; without -User a dhcp-scriptuser= line already there is left as it is. No other byte of the file changes.

The server runs the script as dnsmasq does: with add, old or del, the client's MAC address, its IP address and its name (when it has one) as arguments and the DNSMASQ_* variables in its environment, one call at a time in the order the leases changed, never delaying a reply. -Path must be absolute, because the script is run without a PATH search and from no particular directory: a relative path is an error that names -Path, and nothing is written. A path that does not exist on this machine is written with a warning (the config may be meant for another machine); the server logs an error at each lease change until the file is there. A running server takes the change within two seconds, as it does any edit of its config (Update-PintServer asks for it at once).

The cmdlet supports -WhatIf and -Confirm; -WhatIf shows each line that would be added or changed. For Windows admins there is no direct counterpart in the DhcpServer module; the script plays the part of a task bound to the DHCP server's lease events.
'@
    Parameters  = @{
        Path       = 'The script''s absolute path, for example /usr/local/bin/lease-hook.sh. The FullName of a file from Get-Item or Get-ChildItem binds to it down the pipeline.'
        User       = 'The user the script runs as (dhcp-scriptuser=); the server needs root to switch to it. Without -User the script runs as the server does, or as a dhcp-scriptuser= line already in the config says.'
        PassThru   = 'Writes the setting to the pipeline as a PintDhcpScript object: Path, User, and the Source file and Line of the dhcp-script= line.'
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.IO.FileInfo', 'System.Management.Automation.PSObject')
    Notes       = 'The config is read again under its edit lock, so edits from several sessions do not overwrite each other.'
    Links       = @('Remove-PintDhcpScript', 'Get-PintConfig', 'Update-PintServer')
    Examples    = @(
        @{
            Title   = 'Run a script on each lease change'
            Code    = 'PS> Set-PintDhcpScript -Path /usr/local/bin/lease-hook.sh'
            Remarks = 'Writes dhcp-script=/usr/local/bin/lease-hook.sh, or rewrites the dhcp-script= line already there.'
        }
        @{
            Title   = 'Run it as an unprivileged user'
            Code    = 'PS> Get-Item /usr/local/bin/lease-hook.sh | Set-PintDhcpScript -User nobody -PassThru'
            Remarks = 'Writes dhcp-script=/usr/local/bin/lease-hook.sh and dhcp-scriptuser=nobody, and shows the setting.'
        }
        @{
            Title   = 'See the change first'
            Code    = 'PS> Set-PintDhcpScript -Path /opt/hooks/lease.sh -WhatIf'
            Remarks = 'Shows the line that would be written or changed, and writes nothing.'
        }
    )
}
