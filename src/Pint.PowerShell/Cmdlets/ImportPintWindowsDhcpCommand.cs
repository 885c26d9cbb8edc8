using System.Management.Automation;
using Pint.Engine.Import;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Moves a Windows DHCP server to Pint: reads the XML of Export-DhcpServer -Leases and writes the scopes,
/// exclusions, reservations and options as dnsmasq lines, and the active leases into the lease file.
/// </summary>
[Cmdlet(VerbsData.Import, "PintWindowsDhcp", SupportsShouldProcess = true)]
[OutputType(typeof(PintImportResult))]
public sealed class ImportPintWindowsDhcpCommand : PintImportCmdlet
{
    /// <summary>The lease file to write; default: the config's dhcp-leasefile=.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LeaseFile { get; set; }

    protected override void ProcessRecord() =>
        RunImport("Import Windows DHCP export", (source, config) => WindowsDhcpImport.Plan(WindowsDhcpExportReader.Read(source), config), LeaseFile);
}
