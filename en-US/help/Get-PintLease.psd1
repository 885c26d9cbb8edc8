@{
    Synopsis    = 'Lists the DHCP leases in the lease file the config names (dhcp-leasefile=), with the property names of Windows Get-DhcpServerv4Lease.'
    Description = @'
Get-PintLease reads the lease file of a config: the file named by dhcp-leasefile= (a relative path is taken relative to the folder of the config file), or, when the config names none, the platform default: /var/lib/pint/pint.leases on Linux and macOS, %ProgramData%\Pint\pint.leases on Windows. The file has the dnsmasq lease format, one lease a line: <expiry> <mac> <ip> <hostname|*> <client-id|*>, where expiry is in seconds since 1970 and 0 means infinite. A dnsmasq.leases file can be read as it is. A lease file that does not exist yet reads as empty.

Each lease is written as a PintLease object with the properties IPAddress, ClientId (the MAC address, as Windows names it; also as MacAddress), HostName (empty when the client sent none), LeaseExpiryTime (local time; empty for an infinite lease), AddressState (Active, ActiveReservation when a dhcp-host= line reserves the address for that MAC, or Expired), ScopeId (the network of the dhcp-range= the address belongs to, when the range has a netmask) and ClientIdentifier (the DHCP client identifier, option 61, when the client sent one). When the file lists an address more than once, the later line wins, as in dnsmasq.

Bad lines in the lease file are reported as warnings that name the file and line, and are skipped; a last line cut off without its newline (a torn write) is ignored with a warning. Invalid lines in the config are reported as non-terminating errors with file and line.

Get-PintLease never changes a file. Its output pipes to Export-Csv with the column names of a Windows lease export, and to Add-PintHost to turn a lease into a reservation. For Windows admins it corresponds to Get-DhcpServerv4Lease.
'@
    Parameters  = @{
        IPAddress  = 'Lists only the leases of these addresses.'
        ClientId   = 'Lists only the leases of these MAC addresses, given in any common spelling (52-54-00-AA-BB-01, 52:54:00:aa:bb:01). Alias: MacAddress.'
        HostName   = 'Lists only the leases whose client sent one of these host names. Wildcards are allowed; matching ignores case. Leases without a host name never match.'
        ScopeId    = 'Lists only the leases in the ranges of these networks, given by network address (10.0.0.0), as Windows names a scope.'
        ConfigPath = 'The dnsmasq-format config file whose lease file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Net.IPAddress', 'System.String', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'Expired leases stay in the file until the server rewrites it; they are listed with AddressState Expired. Filter them out with Where-Object AddressState -ne Expired.'
    Links       = @('Add-PintHost', 'Get-PintDhcpRange', 'Get-PintHost')
    Examples    = @(
        @{
            Title   = 'Export the leases to CSV'
            Code    = 'PS> Get-PintLease | Export-Csv leases.csv'
            Remarks = 'Writes IPAddress, ClientId, HostName, LeaseExpiryTime, AddressState, ScopeId and the other properties, the columns a Windows Get-DhcpServerv4Lease export has, so existing reports keep working.'
        }
        @{
            Title   = 'Turn a lease into a reservation'
            Code    = 'PS> Get-PintLease -HostName laptop | Add-PintHost'
            Remarks = 'The lease line 1893456000 52:54:00:aa:bb:cc 192.0.2.101 laptop * becomes the reservation dhcp-host=52:54:00:aa:bb:cc,laptop,192.0.2.101, so the laptop keeps its address.'
        }
        @{
            Title   = 'Find who has an address, or where a MAC is'
            Code    = @'
PS> Get-PintLease 192.0.2.101
PS> Get-PintLease -MacAddress 52-54-00-AA-BB-CC
'@
            Remarks = 'The first command looks up the lease of an address (-IPAddress is the first positional parameter); the second finds the lease of a MAC given in Windows spelling.'
        }
        @{
            Title   = 'List the active leases of one range'
            Code    = 'PS> Get-PintDhcpRange -Name lab | Get-PintLease | Where-Object AddressState -ne Expired'
            Remarks = 'The range binds its ScopeId and ConfigPath, so only leases in the lab range of the same config are listed.'
        }
    )
}
