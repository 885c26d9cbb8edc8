using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the upstream DNS servers of the config (server= lines with an address).</summary>
[Cmdlet(VerbsCommon.Get, "PintDnsForwarder")]
[OutputType(typeof(PintDnsForwarder))]
public sealed class GetPintDnsForwarderCommand : PintConfigCmdlet
{
    [Parameter(Position = 0)]
    public string[]? IPAddress { get; set; }

    /// <summary>Only forwarders for these domains; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Domain { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = Domain?.Select(d => WildcardPattern.Get(d.TrimEnd('.'), WildcardOptions.IgnoreCase)).ToArray();
        foreach (var f in DnsForwarderCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile))
        {
            if (IPAddress is not null && !IPAddress.Contains(f.IPAddress)) continue;
            if (patterns is not null && !f.Domain.Any(d => patterns.Any(p => p.IsMatch(d)))) continue;
            WriteObject(f);
        }
    }
}
