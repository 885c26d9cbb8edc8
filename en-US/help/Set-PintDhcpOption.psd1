@{
    Synopsis    = 'Sets DHCP options (router, DNS servers, domain, NTP servers, or any option by number) as dhcp-option= lines, for every client or for tagged clients.'
    Description = @'
Set-PintDhcpOption writes dhcp-option= lines into the config, with the two parameter sets of Windows' Set-DhcpServerv4OptionValue: the common options by name, -Router (option 3), -DnsServer (option 6), -DnsDomain (option 15) and -NtpServer (option 42), any of them together; or any option by number with -OptionId and -Value.

Each option is written as dhcp-option=[tag:NAME,...]option:NAME,VALUE,... (by number when dnsmasq has no name for it). If the config already has a plain dhcp-option= line for the same option and exactly the same tags, that line is replaced in place, keeping its position, indentation and comment; otherwise a line is appended to the main config file. Lines with dhcp-option-force, vendor:, encap: or vi-encap: are never replaced.

Every value is encoded by the option's type, exactly as the server encodes it when it loads the config (addresses for address options, numbers in range for numeric options, names for domain-search, and so on). A value that would not encode is a non-terminating error that names the option and the value, and nothing is written: when several options are given, either all are set or none. A single value must not contain a comma; give several values as an array.

-Tag limits the value to clients carrying every given tag, as dnsmasq's tag:NAME does; a tag written !NAME means clients without it. Tags come from the set: of a dhcp-range= (the range's Name in Get-PintDhcpRange), a dhcp-host=, dhcp-match= or tag-if=. A running server takes the change live within two seconds, for the next exchange.

The cmdlet supports -WhatIf and -Confirm; -WhatIf shows each line that would be added or changed.
'@
    Parameters  = @{
        Router     = 'Default gateways (option 3, option:router), IPv4 addresses in order of preference.'
        DnsServer  = 'DNS servers (option 6, option:dns-server), IPv4 addresses. Without this option Pint hands out its own address when its DNS runs, as dnsmasq does.'
        DnsDomain  = 'The DNS domain name (option 15, option:domain-name). Without this option the domain= of the config is sent.'
        NtpServer  = 'Time servers (option 42, option:ntp-server), IPv4 addresses.'
        OptionId   = 'The option number, 1 to 254 (for example 26 for the interface MTU, 119 for domain-search, 121 for classless static routes).'
        Value      = 'The option''s values, one array element per comma-separated field of the dhcp-option= line: addresses, numbers, names or xx:xx hex as the option type needs. An empty array sets an option without data.'
        Tag        = 'Only clients carrying all these tags get the value (tag:NAME on the line); !NAME means clients without the tag. Without -Tag the value is for every client.'
        PassThru   = 'Writes the options that were set to the pipeline, as Get-PintDhcpOption shows them.'
        ConfigPath = 'The dnsmasq-format config file to change. Relative paths are resolved against the current PowerShell location. When omitted, Pint uses $env:PINT_CONFIG, then the platform default: /etc/pint/pint.conf on Linux and macOS, %ProgramData%\Pint\pint.conf on Windows.'
    }
    Inputs      = @('System.Management.Automation.PSObject')
    Notes       = 'The config is read again under its edit lock, so edits from several sessions do not overwrite each other.'
    Links       = @('Get-PintDhcpOption', 'Remove-PintDhcpOption', 'Get-PintDhcpRange')
    Examples    = @(
        @{
            Title   = 'Gateway, DNS servers and domain for every client'
            Code    = 'PS> Set-PintDhcpOption -Router 10.0.0.1 -DnsServer 10.0.0.2, 10.0.0.3 -DnsDomain lab.test'
            Remarks = 'Writes dhcp-option=option:router,10.0.0.1, dhcp-option=option:dns-server,10.0.0.2,10.0.0.3 and dhcp-option=option:domain-name,lab.test, or replaces the lines already there.'
        }
        @{
            Title   = 'A different gateway for the clients of one range'
            Code    = 'PS> Set-PintDhcpOption -Router 10.1.0.1 -Tag lab'
            Remarks = 'Writes dhcp-option=tag:lab,option:router,10.1.0.1: clients served from the range named lab (dhcp-range=set:lab,...) get 10.1.0.1, others keep the default.'
        }
        @{
            Title   = 'Any option by number'
            Code    = 'PS> Set-PintDhcpOption -OptionId 26 -Value 1400'
            Remarks = 'Sets the interface MTU. A value the option cannot carry, such as -Value 99999 for this 16-bit option, is refused with an error naming the option and nothing is written.'
        }
    )
}
