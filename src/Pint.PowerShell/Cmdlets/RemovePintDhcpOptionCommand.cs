using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Removes dhcp-option= lines: by option number (the line for exactly the given -Tag set; without -Tag the line for
/// every client), or the options Get-PintDhcpOption sends down the pipeline.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PintDhcpOption", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ById)]
[OutputType(typeof(void))]
public sealed class RemovePintDhcpOptionCommand : PintConfigCmdlet
{
    private const string ById = "ById", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById)]
    [ValidateRange(1, 254)]
    public int[] OptionId { get; set; } = Array.Empty<int>();

    [Parameter(ParameterSetName = ById)]
    public string[] Tag { get; set; } = Array.Empty<string>();

    /// <summary>Options from Get-PintDhcpOption.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintDhcpOption[] InputObject { get; set; } = Array.Empty<PintDhcpOption>();

    private readonly List<PintDhcpOption> _piped = new();

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
        {
            // Removing a line shifts those below it: collect everything, then remove from the bottom up.
            _piped.AddRange(InputObject);
            return;
        }
        var all = DhcpOptionCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).ToList();
        foreach (var id in OptionId)
        {
            if (DhcpOptionCatalog.Find(all, id, Tag) is { } option) _piped.Add(option);
            else
            {
                var scope = Tag.Length == 0 ? "for every client" : $"for tag {string.Join(',', Tag)}";
                WriteNonTerminating(new ItemNotFoundException($"No dhcp-option line sets option {id} {scope} in {ConfigFile}."), "OptionNotFound", ErrorCategory.ObjectNotFound, id);
            }
        }
    }

    protected override void EndProcessing() =>
        RemoveBottomUp(_piped.DistinctBy(o => (o.Source, o.Line)), "Remove DHCP option", DhcpOptionCatalog.Remove, o => $"{o} ({o.Source}:{o.Line})");
}
