using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes DNS records by name and type, or the records Get-PintDnsRecord sends down the pipeline.</summary>
[Cmdlet(VerbsCommon.Remove, "PintDnsRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemovePintDnsRecordCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
    [Alias("HostName")]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByName)]
    [Alias("RecordType")]
    public PintDnsRecordType Type { get; set; }

    /// <summary>Only the record with this data (as Get-PintDnsRecord shows it); all records of the name and type otherwise.</summary>
    [Parameter(ParameterSetName = ByName)]
    public string? RecordData { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintDnsRecord[] InputObject { get; set; } = [];

    private readonly List<PintDnsRecord> _targets = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
        {
            _targets.AddRange(InputObject);
            return;
        }
        var loaded = LoadConfigForRead(ConfigFile);
        var matches = DnsRecordCatalog.List(loaded.Config, ConfigFile)
            .Where(r => r.RecordType == Type && HostCatalog.NameEquals(r.HostName, Name))
            .Where(r => RecordData is null || string.Equals(r.RecordData, RecordData, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count == 0)
        {
            WriteNonTerminating(new ItemNotFoundException($"No {Type} record for '{Name}' in {ConfigFile}."), "DnsRecordNotFound", ErrorCategory.ObjectNotFound, Name);
            return;
        }
        _targets.AddRange(matches);
    }

    protected override void EndProcessing() =>
        RemoveBottomUp(_targets.DistinctBy(r => (r.Source, r.Line, r.RecordType, r.HostName.ToLowerInvariant())), "Remove DNS record", DnsRecordCatalog.Remove);
}
