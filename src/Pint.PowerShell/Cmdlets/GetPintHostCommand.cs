using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists named hosts: host-record= lines, dhcp-host= reservations and the hosts files named by addn-hosts=.</summary>
[Cmdlet(VerbsCommon.Get, "PintHost")]
[OutputType(typeof(PintHost))]
public sealed class GetPintHostCommand : PintConfigCmdlet
{
    /// <summary>Names to list; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? IPAddress { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ClientId")]
    public string[]? MacAddress { get; set; }

    [Parameter]
    public PintHostKind[]? Kind { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var found = false;
        foreach (var h in HostCatalog.List(loaded.Config, ConfigFile))
        {
            if (patterns is not null && !patterns.Any(p => p.IsMatch(h.Name) || p.IsMatch(h.Name.TrimEnd('.')))) continue;
            if (IPAddress is not null && !IPAddress.Contains(h.IPAddress)) continue;
            if (MacAddress is not null && (h.MacAddress is null || !MacAddress.Any(m => MacAddressText.SameAddress(m, h.MacAddress)))) continue;
            if (Kind is not null && !Kind.Contains(h.Kind)) continue;
            found = true;
            WriteObject(h);
        }
        // As Get-Item does: asking for a specific (non-wildcard) name that is not there is an error.
        if (!found && Name is { Length: > 0 } && !Name.Any(WildcardPattern.ContainsWildcardCharacters))
            WriteNonTerminating(new ItemNotFoundException($"No host named '{string.Join("', '", Name)}' in {ConfigFile}."), "HostNotFound", ErrorCategory.ObjectNotFound, Name);
    }
}
