using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes dhcp-range= lines: by tag, by start address, or the ranges Get-PintDhcpRange sends.</summary>
[Cmdlet(VerbsCommon.Remove, "PintDhcpRange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemovePintDhcpRangeCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ByStart = "ByStart", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
    [ArgumentCompleter(typeof(RangeNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByStart, ValueFromPipelineByPropertyName = true)]
    public IPAddress[] StartRange { get; set; } = Array.Empty<IPAddress>();

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintDhcpRange[] InputObject { get; set; } = Array.Empty<PintDhcpRange>();

    protected override void ProcessRecord()
    {
        IEnumerable<PintDhcpRange> targets;
        if (ParameterSetName == ByObject)
        {
            targets = InputObject;
        }
        else
        {
            var all = DhcpRangeCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).ToList();
            var chosen = new List<PintDhcpRange>();
            foreach (var key in ParameterSetName == ByName ? Name : StartRange.Select(s => s.ToString()).ToArray())
            {
                var hits = all.Where(r => ParameterSetName == ByName ? string.Equals(r.Name, key, StringComparison.Ordinal) : r.StartRange == key).ToList();
                if (hits.Count == 0) WriteNonTerminating(new ItemNotFoundException($"No DHCP range '{key}' in {ConfigFile}."), "RangeNotFound", ErrorCategory.ObjectNotFound, key);
                chosen.AddRange(hits);
            }
            targets = chosen;
        }
        foreach (var r in targets.OrderByDescending(r => r.Line))
        {
            ConfigPath = r.ConfigPath;
            EditConfig("Remove DHCP range", r.ToString(), (session, config) => DhcpRangeCatalog.Remove(session, config, r));
        }
    }
}
