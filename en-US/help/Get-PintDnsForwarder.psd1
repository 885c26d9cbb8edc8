@{
    Synopsis    = 'Lists the upstream DNS servers of the config (server= lines with an address).'
    Description = @'
Get-PintDnsForwarder writes one PintDnsForwarder per server= line that names an upstream address: IPAddress, Port, Domain (empty for a default upstream), and the Source file, Line and ConfigPath, so the objects can be piped to Remove-PintDnsForwarder. local=/domain/ lines and server=/domain/ lines without an address (local-only domains) are not forwarders and are not listed. Upstreams read from resolv-file= are not listed either.
'@
    Parameters  = @{
        IPAddress  = 'Only forwarders with these addresses, compared as text.'
        Domain     = 'Only forwarders for these domains; wildcards allowed.'
        ConfigPath = 'The dnsmasq-format config file. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Links       = @('Add-PintDnsForwarder', 'Remove-PintDnsForwarder')
    Examples    = @(
        @{
            Title   = 'List the upstream servers'
            Code    = 'PS> Get-PintDnsForwarder'
            Remarks = 'Lists every server= line with an address, with its domains and where it is written.'
        }
    )
}
