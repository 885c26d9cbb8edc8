@{
    Synopsis    = 'Frees DHCP leases by address or MAC address, or the leases Get-PintLease sends down the pipeline: on the running server when one runs, else in the lease file.'
    Description = @'
Remove-PintLease ends DHCP leases so their addresses can be handed out again, as Windows' Remove-DhcpServerv4Lease does.

When a server serves the config, the server itself ends the lease, exactly as if the client had sent a DHCPRELEASE: the lease leaves the live table, a release record is appended to the lease file and flushed to disk (fsync) before the cmdlet returns, and the host name the lease carried stops answering in DNS. A server started in this session with Start-PintServer is used directly; the local service (Install-PintService, or pint --control-socket) is reached through its control socket when -ControlSocket names it or when it serves the same config file.

When no server runs, the lease file named by dhcp-leasefile= is changed in place: the cmdlet takes the file's lock (the file <leasefile>.lock, which a running server holds for as long as it serves the file), reads the file, and replaces it atomically (a temporary file written and flushed to disk, renamed over the original, then the folder flushed), so a crash leaves either the old or the new file. Other records, expired ones included, and the DHCPv6 section stay as they were. If a server owns the file after all (for example one run with another config that names the same lease file), the file is not touched and the error says to remove the lease through that server.

Choose the leases with -IPAddress, with -ClientId (every lease of that MAC address, in any spelling), or by piping PintLease objects from Get-PintLease. A key that matches no lease is a non-terminating error and the other keys are still processed.

The confirm impact is High, so PowerShell asks before each lease unless -Confirm:$false is given; -WhatIf shows which leases would be removed and where.
'@
    Parameters  = @{
        IPAddress     = 'Addresses whose leases to remove. Binds the IPAddress property of piped PintLease objects.'
        ClientId      = 'MAC addresses whose leases to remove, in any common spelling (52-54-00-AA-BB-01, 52:54:00:aa:bb:01). Every lease of the MAC is removed. Alias: MacAddress.'
        ControlSocket = 'The control socket of the Pint service whose leases to remove. When omitted, $env:PINT_CONTROL, then /run/pint/pint.sock (%ProgramData%\Pint\pint.sock on Windows) is tried, and a service found there is used when it serves the same config file.'
        ConfigPath    = 'The dnsmasq-format config file whose leases to remove: the server of this config when one runs, else its lease file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('Pint.Engine.Management.PintLease', 'System.Net.IPAddress')
    Notes       = 'The cmdlet writes nothing to the pipeline. A client whose lease was removed keeps using its address until it renews; the server then NAKs or re-grants it as the config says. Removing a lease does not stop a reserved client (dhcp-host=) from getting its address again.'
    Links       = @('Get-PintLease', 'Get-PintDhcpStatistics', 'Add-PintHost')
    Examples    = @(
        @{
            Title   = 'Free one address on the running server'
            Code    = 'PS> Remove-PintLease 10.0.0.101 -Confirm:$false'
            Remarks = 'The server that serves the config releases 10.0.0.101 durably and withdraws the name the lease carried from DNS.'
        }
        @{
            Title   = 'Remove every expired lease from the file of a stopped server'
            Code    = 'PS> Get-PintLease -ConfigPath ./lab.conf | Where-Object AddressState -eq Expired | Remove-PintLease -ConfigPath ./lab.conf -Confirm:$false'
            Remarks = 'With no server running, the lease file is rewritten once per lease, atomically and under the lease file lock.'
        }
        @{
            Title   = 'Preview removing the leases of a MAC on the local service'
            Code    = 'PS> Remove-PintLease -MacAddress 52-54-00-AA-BB-01 -ControlSocket /run/pint/pint.sock -WhatIf'
            Remarks = 'Lists the leases of that MAC that would be removed on the service, without removing them.'
        }
    )
}
