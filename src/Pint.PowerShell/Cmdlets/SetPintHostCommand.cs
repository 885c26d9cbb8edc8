using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Changes a host's name, address or MAC in place; the rest of its line and the file stay as they are.</summary>
[Cmdlet(VerbsCommon.Set, "PintHost", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(PintHost))]
public sealed class SetPintHostCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ByObject = "InputObject";

    /// <summary>The host to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintHost? InputObject { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    [Parameter(Position = 1)]
    public IPAddress? IPAddress { get; set; }

    [Parameter]
    [Alias("ClientId")]
    [ValidateNotNullOrEmpty]
    public string? MacAddress { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (NewName is null && IPAddress is null && MacAddress is null)
        {
            WriteNonTerminating(new ArgumentException("Say what to change: -NewName, -IPAddress or -MacAddress."), "NothingToChange", ErrorCategory.InvalidArgument, Name);
            return;
        }
        List<PintHost> targets;
        if (InputObject is not null)
        {
            ConfigPath = InputObject.ConfigPath;
            targets = new() { InputObject };
        }
        else
        {
            var loaded = LoadConfigForRead(ConfigFile);
            targets = HostCatalog.List(loaded.Config, ConfigFile).Where(h => HostCatalog.NameEquals(h.Name, Name)).DistinctBy(h => (h.Source, h.Line)).ToList();
            if (targets.Count == 0)
            {
                WriteNonTerminating(new ItemNotFoundException($"No host named '{Name}' in {ConfigFile}."), "HostNotFound", ErrorCategory.ObjectNotFound, Name);
                return;
            }
        }
        foreach (var h in targets)
        {
            if (EditConfig("Change host", h.ToString(), (session, config) => HostCatalog.Set(session, config, h, NewName, IPAddress, MacAddress)) && PassThru)
            {
                var name = NewName ?? h.Name;
                WriteObject(HostCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).Where(x => HostCatalog.NameEquals(x.Name, name)), enumerateCollection: true);
            }
        }
    }
}
