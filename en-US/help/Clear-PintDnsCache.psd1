@{
    Synopsis    = 'Empties the DNS cache of the Pint servers running in this PowerShell session.'
    Description = @'
Clear-PintDnsCache drops every cached upstream answer of the DNS service of a server started with Start-PintServer in this session, so the next query for each name goes upstream again. Local data (hosts files, host-record= and the other record lines) is not cached and is not affected. Without -ConfigPath it clears the cache of every running server; with it, only that server's. When no such server runs, it writes a non-terminating error.

It does not reach a pint service running as a separate process. For Windows admins it corresponds to Clear-DnsServerCache.
'@
    Parameters  = @{
        ControlSocket = 'The control socket of the local service (Install-PintService). Defaults to $env:PINT_CONTROL, then /run/pint/pint.sock (Linux) or %ProgramData%\Pint\pint.sock (Windows). Without -ConfigPath the local service''s cache is cleared too.'
        ConfigPath = 'Only the server of this config file; Get-PintServer output binds here by property name. Relative paths are resolved against the current PowerShell location.'
    }
    Notes       = 'The cmdlet writes nothing to the pipeline. It supports -WhatIf and -Confirm.'
    Links       = @('Start-PintServer', 'Get-PintServer')
    Examples    = @(
        @{
            Title   = 'Clear the cache of every running server'
            Code    = 'PS> Clear-PintDnsCache'
            Remarks = 'Forgets all cached upstream answers; the cacheHits counter of Get-PintServer stops growing until names are cached again.'
        }
        @{
            Title   = 'Clear one server''s cache'
            Code    = 'PS> Get-PintServer | Where-Object ConfigPath -like *lab.conf | Clear-PintDnsCache'
            Remarks = 'Clears only the cache of the server started with lab.conf.'
        }
    )
}
