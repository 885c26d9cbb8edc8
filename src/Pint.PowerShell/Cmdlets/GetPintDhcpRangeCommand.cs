using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the dhcp-range= lines as scopes, with the property names of Windows' Get-DhcpServerv4Scope.</summary>
[Cmdlet(VerbsCommon.Get, "PintDhcpRange")]
[OutputType(typeof(PintDhcpRange))]
public sealed class GetPintDhcpRangeCommand : PintConfigCmdlet
{
    /// <summary>Range tags to list; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RangeNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only ranges of these networks (Windows' scope id: the network address).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? ScopeId { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var r in DhcpRangeCatalog.List(loaded.Config, ConfigFile))
        {
            if (patterns is not null && (r.Name is null || !patterns.Any(p => p.IsMatch(r.Name)))) continue;
            if (ScopeId is not null && !ScopeId.Any(s => s.ToString() == r.ScopeId)) continue;
            WriteObject(r);
        }
    }
}
