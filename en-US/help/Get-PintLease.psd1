@{
    Synopsis    = 'Lists DHCP leases: the live lease table of a running server, or the lease file the config names (dhcp-leasefile=), with the property names of Windows Get-DhcpServerv4Lease.'
    Description = @'
Get-PintLease shows the leases a running server holds when one serves the config: a server started in this PowerShell session with Start-PintServer is read directly, and the local service (Install-PintService, or pint --control-socket) is asked through its control socket when -ControlSocket names it or when it serves the same config file. Only when no server runs does it read the lease file of the config: the file named by dhcp-leasefile= (a relative path is taken relative to the current PowerShell location, as dnsmasq takes it relative to its working directory), or, when the config names none, the platform default: /var/lib/pint/pint.leases on Linux and macOS, %ProgramData%\Pint\pint.leases on Windows. The file has the dnsmasq lease format, one lease a line: <expiry> <mac> <ip> <hostname|*> <client-id|*>, where expiry is in seconds since 1970 and 0 means infinite. A dnsmasq.leases file can be read as it is. A lease file that does not exist yet reads as empty.

Each lease is written as a PintLease object with the properties IPAddress, ClientId (the MAC address, as Windows names it; also as MacAddress), HostName (empty when the client sent none), LeaseExpiryTime (local time; empty for an infinite lease), AddressState (Active, ActiveReservation when a dhcp-host= line reserves the address for that MAC, or Expired; Offered never appears, because Pint, like dnsmasq, keeps no record of an offer: the address is only held once the client's REQUEST is acknowledged, and a stable choice from the MAC makes the same address come back at the REQUEST), ScopeId (the network of the dhcp-range= the address belongs to, when the range has a netmask) and ClientIdentifier (the DHCP client identifier, option 61, when the client sent one). When the file lists an address more than once, the later line wins, as in dnsmasq.

DHCPv6 leases follow the IPv4 ones: the lines after the file's duid line (<expiry> <iaid> <ipv6-address> <hostname|*> <client-duid>, as dnsmasq writes them), or, when a server runs DHCPv6, its live DHCPv6 table. Every lease has AddressFamily: InterNetwork for DHCPv4, InterNetworkV6 for DHCPv6. A DHCPv6 lease has Duid (the client's DUID in colon hex, also in ClientId, since the DUID is what identifies a DHCPv6 client), Iaid (the identity association the address was given to), MacAddress (the MAC inside a DUID-LLT or DUID-LL, else empty), ScopeId (the prefix of the IPv6 dhcp-range= the address is on, such as 2001:db8:20::) and AddressState ActiveReservation when a dhcp-host= line reserves the address for that DUID. Duid and Iaid are empty for IPv4 leases. Temporary-address (IA_TA) lines are not listed: Pint does not serve them.

Bad lines in the lease file are reported as warnings that name the file and line, and are skipped; a last line cut off without its newline (a torn write) is ignored with a warning. Invalid lines in the config are reported as non-terminating errors with file and line.

Get-PintLease never changes a file. Its output pipes to Export-Csv with the column names of a Windows lease export, and to Add-PintHost to turn a lease into a reservation. For Windows admins it corresponds to Get-DhcpServerv4Lease and Get-DhcpServerv6Lease.
'@
    Parameters  = @{
        IPAddress  = 'Lists only the leases of these addresses.'
        ClientId   = 'Lists only the leases of these MAC addresses, given in any common spelling (52-54-00-AA-BB-01, 52:54:00:aa:bb:01). Alias: MacAddress.'
        HostName   = 'Lists only the leases whose client sent one of these host names. Wildcards are allowed; matching ignores case. Leases without a host name never match.'
        ScopeId    = 'Lists only the leases in the ranges of these networks, given by network address (10.0.0.0), as Windows names a scope; for DHCPv6 by prefix (2001:db8:20::).'
        AddressFamily = 'Lists only the leases of this address family: InterNetwork (DHCPv4) or InterNetworkV6 (DHCPv6). Both when omitted.'
        Duid       = 'Lists only the DHCPv6 leases of these client DUIDs, in colon or dash hex (00:01:00:01:... or 00-01-00-01-..., as Get-DhcpServerv6Lease shows them), any case. Alias: ClientDuid.'
        ControlSocket = 'The control socket of a Pint service on this machine whose live leases to show. When omitted, $env:PINT_CONTROL, then /run/pint/pint.sock (%ProgramData%\Pint\pint.sock on Windows) is tried, and a service found there is used when it serves the same config file; when none answers, the lease file is read.'
        ConfigPath = 'The dnsmasq-format config file whose leases to show: the server of this config when one runs, else its lease file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Net.IPAddress', 'System.String', 'Pint.Engine.Management.PintDhcpRange')
    Notes       = 'Expired leases stay in the file until the server rewrites it; they are listed with AddressState Expired. Filter them out with Where-Object AddressState -ne Expired.'
    Links       = @('Remove-PintLease', 'Get-PintDhcpStatistics', 'Add-PintHost', 'Get-PintDhcpRange', 'Get-PintHost')
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
            Title   = 'List the DHCPv6 leases, as Get-DhcpServerv6Lease does'
            Code    = 'PS> Get-PintLease -AddressFamily InterNetworkV6 | Select-Object IPAddress, Duid, Iaid, HostName, LeaseExpiryTime'
            Remarks = 'Shows the IPv6 leases only, with the client DUID and IAID of each; Export-Csv writes them with the IPv4 ones in one file, a column a property.'
        }
        @{
            Title   = 'See the live table of the local service'
            Code    = 'PS> Get-PintLease -ControlSocket /run/pint/pint.sock | Where-Object AddressState -eq Active'
            Remarks = 'Asks the running service for the leases it holds now, including those not yet compacted into the file.'
        }
    )
}
