using System.Management.Automation;
using Pint.Engine.Import;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Moves a DNS zone to Pint: reads an RFC 1035 zone file (Export-DnsServerZone, BIND) and writes its A, AAAA,
/// CNAME, MX, SRV, TXT and PTR records as host-record=, cname=, mx-host=, srv-host=, txt-record= and ptr-record= lines.
/// </summary>
[Cmdlet(VerbsData.Import, "PintDnsZone", SupportsShouldProcess = true)]
[OutputType(typeof(PintImportResult))]
public sealed class ImportPintDnsZoneCommand : PintImportCmdlet
{
    /// <summary>The zone the file holds; default: its $ORIGIN or the zone named in Windows' header comment.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ZoneName { get; set; }

    protected override void ProcessRecord() =>
        RunImport("Import DNS zone", (source, _) => ZoneImport.Plan(ZoneFileReader.Read(source, ZoneName)));
}
