@{
    RootModule           = 'Pint.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0c7f1e-2d8a-4c1e-9a57-3f6e2a9d4b10'
    Author               = 'Pint contributors'
    CompanyName          = 'Pint'
    Copyright            = '(c) Pint contributors. MIT License.'
    Description          = 'dnsmasq for PowerShell: one engine serving DNS (forwarder, cache, local names), DHCPv4 (ranges, reservations, options, PXE) and TFTP, configured by dnsmasq-format files and managed with cmdlets.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Pint.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'Test-PintConfig', 'Get-PintConfig'
        'Add-PintHost', 'Get-PintHost', 'Set-PintHost', 'Remove-PintHost'
        'Set-PintDhcpRange', 'Get-PintDhcpRange', 'Remove-PintDhcpRange'
        'Get-PintLease', 'Remove-PintLease', 'Get-PintDhcpStatistics'
        'Set-PintDhcpOption', 'Get-PintDhcpOption', 'Remove-PintDhcpOption'
        'Set-PintDhcpScript', 'Remove-PintDhcpScript'
        'Set-PintLeaseStore', 'Get-PintLeaseStore', 'Add-PintDhcpFailover', 'Get-PintDhcpFailover', 'Remove-PintDhcpFailover'
        'Start-PintServer', 'Get-PintServer', 'Stop-PintServer', 'Update-PintServer', 'Get-PintStatistics'
        'Install-PintService', 'Uninstall-PintService'
        'Import-PintWindowsDhcp', 'Import-PintDnsZone'
        'Add-PintDnsRecord', 'Get-PintDnsRecord', 'Remove-PintDnsRecord'
        'Add-PintDnsForwarder', 'Get-PintDnsForwarder', 'Remove-PintDnsForwarder', 'Clear-PintDnsCache'
        'New-PintPxeBoot', 'Get-PintPxeBoot', 'Remove-PintPxeBoot', 'Copy-PintBootFile'
    )
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('dns', 'dhcp', 'tftp', 'pxe', 'dnsmasq', 'network', 'Linux', 'Windows', 'PSEdition_Core')
            ReleaseNotes = 'First release: dnsmasq config engine, lossless config editing, lease file reading, engine host.'
        }
    }
}
