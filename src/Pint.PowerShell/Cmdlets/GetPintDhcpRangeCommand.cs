using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Lists the dhcp-range= lines as scopes, with the property names of Windows' Get-DhcpServerv4Scope: the IPv4 ranges,
/// then the IPv6 ones (AddressFamily InterNetworkV6, ScopeId the prefix's network, PrefixLength), as Get-DhcpServerv6Scope lists them.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintDhcpRange")]
[OutputType(typeof(PintDhcpRange))]
public sealed class GetPintDhcpRangeCommand : PintConfigCmdlet
{
    /// <summary>Range tags to list; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RangeNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only ranges of these networks (Windows' scope id: the network address, or an IPv6 range's prefix).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? ScopeId { get; set; }

    /// <summary>Only ranges of this family: InterNetwork (DHCPv4) or InterNetworkV6 (DHCPv6). Both when not given.</summary>
    [Parameter]
    [ValidateSet("InterNetwork", "InterNetworkV6")]
    public System.Net.Sockets.AddressFamily[]? AddressFamily { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var r in DhcpRangeCatalog.List(loaded.Config, ConfigFile))
        {
            if (patterns is not null && (r.Name is null || !patterns.Any(p => p.IsMatch(r.Name)))) continue;
            if (ScopeId is not null && !ScopeId.Any(s => s.ToString() == r.ScopeId)) continue;
            if (AddressFamily is not null && !AddressFamily.Contains(r.AddressFamily)) continue;
            // An IPv6 range as Set-PintDhcpRange -PassThru shows it (Prefix and Mode added).
            if (r.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                && loaded.Config.Dhcp.Ranges6.FirstOrDefault(x => x.Source.Is(r.Source, r.Line)) is { } range6)
                WriteObject(SetPintDhcpRangeCommand.View(range6, ConfigFile));
            else WriteObject(r);
        }
    }
}
