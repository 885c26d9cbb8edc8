using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes hosts by name, address or MAC, or the hosts that Get-PintHost sends down the pipeline.</summary>
[Cmdlet(VerbsCommon.Remove, "PintHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemovePintHostCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ByAddress = "ByAddress", ByMac = "ByMac", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByAddress, ValueFromPipelineByPropertyName = true)]
    public string[] IPAddress { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByMac, ValueFromPipelineByPropertyName = true)]
    [Alias("ClientId")]
    public string[] MacAddress { get; set; } = Array.Empty<string>();

    /// <summary>Hosts from Get-PintHost.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintHost[] InputObject { get; set; } = Array.Empty<PintHost>();

    private readonly List<PintHost> _piped = new();

    protected override void EndProcessing() =>
        RemoveBottomUp(_piped.DistinctBy(h => (h.Source, h.Line, h.Name.ToLowerInvariant())), "Remove host", HostCatalog.Remove);

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
        {
            // Hosts arrive one by one; removing one shifts the lines of those after it, so collect them all
            // and remove from the bottom of each file up in EndProcessing.
            _piped.AddRange(InputObject);
            return;
        }
        var loaded = LoadConfigForRead(ConfigFile);
        var all = HostCatalog.List(loaded.Config, ConfigFile).ToList();
        var (keys, match) = ParameterSetName switch
        {
            ByAddress => (IPAddress, (Func<PintHost, string, bool>)((h, k) => h.IPAddress == k)),
            ByMac => (MacAddress, (h, k) => h.MacAddress is not null && MacAddressText.SameAddress(h.MacAddress, k)),
            _ => (Name, (h, k) => HostCatalog.NameEquals(h.Name, k)),
        };
        foreach (var key in keys)
        {
            var targets = all.Where(h => match(h, key)).DistinctBy(h => (h.Source, h.Line, h.Name.ToLowerInvariant())).ToList();
            if (targets.Count == 0)
            {
                WriteNonTerminating(new ItemNotFoundException($"No host matches '{key}' in {ConfigFile}."), "HostNotFound", ErrorCategory.ObjectNotFound, key);
                continue;
            }
            // Later lines first, so removing one never moves the next target's line number.
            foreach (var h in targets.OrderByDescending(h => h.Line))
                EditConfig("Remove host", h.ToString(), (session, config) => HostCatalog.Remove(session, config, h));
        }
    }
}
