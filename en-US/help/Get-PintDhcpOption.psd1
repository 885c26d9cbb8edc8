@{
    Synopsis    = 'Lists the DHCP options a config sets (dhcp-option= and dhcp-option-force= lines), as Windows Get-DhcpServerv4OptionValue lists option values.'
    Description = @'
Get-PintDhcpOption reads the config and the files it includes and writes one PintDhcpOption object per dhcp-option= or dhcp-option-force= line, in the order dnsmasq reads them.

Each object has the properties OptionId (the option number), Name (dnsmasq's name for it, such as router or dns-server; empty for a number dnsmasq does not name), Value (the values as written, one element per comma-separated field), Tag (the tags a client must carry; empty means every client), Force (true for dhcp-option-force: sent even when the client did not ask), VendorClass (a vendor:, encap: or vi-encap: qualifier), and Source, Line and ConfigPath (where the line is).

Options the server adds by itself (netmask, broadcast, router and DNS server defaulting to its own address, domain from domain=) are not lines of the config and are not listed. Invalid lines in the config are reported as non-terminating errors with file and line. The output pipes to Remove-PintDhcpOption.
'@
    Parameters  = @{
        OptionId   = 'Lists only these option numbers.'
        Tag        = 'Lists only options limited to at least one of these tags.'
        ConfigPath = 'The dnsmasq-format config file to read. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Int32', 'System.String')
    Notes       = 'Get-PintDhcpOption never changes a file.'
    Links       = @('Set-PintDhcpOption', 'Remove-PintDhcpOption')
    Examples    = @(
        @{
            Title   = 'List every option'
            Code    = 'PS> Get-PintDhcpOption'
            Remarks = 'For dhcp-option=option:router,10.0.0.1 it shows OptionId 3, Name router, Value 10.0.0.1, no tag, and the file and line.'
        }
        @{
            Title   = 'What do the clients of the lab range get?'
            Code    = 'PS> Get-PintDhcpOption -Tag lab'
            Remarks = 'Lists the options limited to the lab tag, such as dhcp-option=tag:lab,option:router,10.1.0.1.'
        }
    )
}
