@{
    Synopsis    = 'Reads a config (with its includes) and returns it typed: a Dns, a Dhcp and a Tftp section whose properties are the options.'
    Description = @'
Get-PintConfig loads the config file named by -ConfigPath (or $env:PINT_CONFIG, or the platform default) the way Start-PintServer does: it follows conf-file= and conf-dir= includes and reads the files the config names (addn-hosts=, dhcp-hostsfile=, dhcp-optsfile=). It writes one PintConfigInfo object: ConfigPath, Files (every file read), ErrorCount, and the sections Dns, Dhcp and Tftp. Each section has one typed property per option, with dnsmasq's default when the config does not set it, so a script can ask (Get-PintConfig).Dhcp.Script or (Get-PintConfig).Dns.FilterWin2k rather than search the text.

The default view of the object summarises each section; the sections have list views of their own, for example (Get-PintConfig).Dns or (Get-PintConfig).Dhcp | Format-List. Among the DNS settings are the upstream servers, bogus-nxdomain= networks (BogusNxDomains), alias= rewrites (Aliases), ipset= and nftset= lines (AddressSets), interface-name= (InterfaceNames), mx-target=, localmx and selfmx, filterwin2k, localise-queries, no-poll, no-negcache, clear-on-reload, edns-packet-max=, bind-dynamic, except-interface= and pid-file=. Among the DHCP settings are dhcp-script= and dhcp-scriptuser= (Script, ScriptUser), dhcp-hostsfile= and dhcp-optsfile= paths, dhcp-option= lines with their encap:, vendor: and vi-encap: forms, dhcp-vendorclass=, dhcp-userclass=, dhcp-mac=, dhcp-name-match=, dhcp-ignore=, dhcp-ignore-names, dhcp-broadcast, no-dhcp-interface=, dhcp-rapid-commit and read-ethers. The TFTP section shows enable-tftp, tftp-root= and tftp-no-fail (NoFail), among others.

Get-PintConfig never changes a file. Lines in error are written as non-terminating errors naming the file and line (Test-PintConfig lists every finding); the rest of the config is still returned. Options that dnsmasq knows but Pint does not implement are read as Test-PintConfig -AllowUnsupported reads them. Windows DhcpServer and DnsServer have no single equivalent; the nearest are Get-DhcpServerSetting and Get-DnsServerSetting.
'@
    Parameters  = @{
        ConfigPath = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject')
    Notes       = 'The sections are the objects the server itself is configured from, so every option the loader knows has a property there, including those added after this help was written.'
    Links       = @('Test-PintConfig', 'Set-PintDhcpScript', 'Start-PintServer')
    Examples    = @(
        @{
            Title   = 'See what a config sets'
            Code    = 'PS> Get-PintConfig -ConfigPath /etc/dnsmasq.conf'
            Remarks = 'Shows the files read and a summary of the DNS, DHCP and TFTP sections.'
        }
        @{
            Title   = 'All DNS settings'
            Code    = 'PS> (Get-PintConfig).Dns'
            Remarks = 'Lists every DNS setting: listen addresses and interfaces, upstream servers, bogus-nxdomain networks, aliases, cache and EDNS sizes, the filterwin2k and localise-queries flags, and the rest.'
        }
        @{
            Title   = 'Check a setting from a script'
            Code    = 'PS> if (-not (Get-PintConfig).Dhcp.Script) { Set-PintDhcpScript -Path /usr/local/bin/lease-hook.sh }'
            Remarks = 'Sets a lease script only when the config has none.'
        }
    )
}
