using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes upstream DNS servers (server= lines) by address, or those Get-PintDnsForwarder sends down the pipeline.</summary>
[Cmdlet(VerbsCommon.Remove, "PintDnsForwarder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByAddress)]
[OutputType(typeof(void))]
public sealed class RemovePintDnsForwarderCommand : PintConfigCmdlet
{
    private const string ByAddress = "ByAddress", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByAddress)]
    public string[] IPAddress { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintDnsForwarder[] InputObject { get; set; } = [];

    private readonly List<PintDnsForwarder> _targets = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
        {
            _targets.AddRange(InputObject);
            return;
        }
        var all = DnsForwarderCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).ToList();
        foreach (var address in IPAddress)
        {
            var matches = all.Where(f => f.IPAddress == address).ToList();
            if (matches.Count == 0)
                WriteNonTerminating(new ItemNotFoundException($"No forwarder {address} in {ConfigFile}."), "DnsForwarderNotFound", ErrorCategory.ObjectNotFound, address);
            _targets.AddRange(matches);
        }
    }

    protected override void EndProcessing() =>
        RemoveBottomUp(_targets.DistinctBy(f => (f.Source, f.Line)), "Remove DNS forwarder", (session, _, f) => DnsForwarderCatalog.Remove(session, f));
}
