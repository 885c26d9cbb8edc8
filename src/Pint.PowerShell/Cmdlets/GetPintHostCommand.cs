using System.Management.Automation;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Lists named hosts: host-record= lines, dhcp-host= reservations (DHCPv4 by MAC, DHCPv6 by DUID, one object per
/// address) and the hosts files named by addn-hosts=. Each object carries AddressFamily, and ClientDuid for DHCPv6.
/// </summary>
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

    /// <summary>Only DHCPv6 reservations of these DUIDs, in any hex spelling.</summary>
    [Parameter]
    public string[]? ClientDuid { get; set; }

    /// <summary>Only hosts of these address families (InterNetwork, InterNetworkV6).</summary>
    [Parameter]
    public AddressFamily[]? AddressFamily { get; set; }

    [Parameter]
    public PintHostKind[]? Kind { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
        var duids = ClientDuid?.Select(d => Dhcp6Editing.NormalizeDuid(d) ?? d).ToArray();
        var found = false;
        foreach (var view in Dhcp6Editing.Hosts(loaded.Config, ConfigFile))
        {
            var h = view.Host;
            if (patterns is not null && !patterns.Any(p => p.IsMatch(h.Name) || p.IsMatch(h.Name.TrimEnd('.')))) continue;
            if (IPAddress is not null && !IPAddress.Any(a => a == h.IPAddress || Dhcp6Editing.SameAddress(a, h.IPAddress))) continue;
            if (MacAddress is not null && (h.MacAddress is null || !MacAddress.Any(m => MacAddressText.SameAddress(m, h.MacAddress)))) continue;
            if (duids is not null && (view.ClientDuid is null || !duids.Contains(Dhcp6Editing.NormalizeDuid(view.ClientDuid) ?? view.ClientDuid, StringComparer.OrdinalIgnoreCase))) continue;
            if (AddressFamily is not null && !AddressFamily.Contains(view.AddressFamily)) continue;
            if (Kind is not null && !Kind.Contains(h.Kind)) continue;
            found = true;
            WriteObject(View(view));
        }
        // As Get-Item does: asking for a specific (non-wildcard) name that is not there is an error.
        if (!found && Name is { Length: > 0 } && !Name.Any(WildcardPattern.ContainsWildcardCharacters))
            WriteNonTerminating(new ItemNotFoundException($"No host named '{string.Join("', '", Name)}' in {ConfigFile}."), "HostNotFound", ErrorCategory.ObjectNotFound, Name);
    }

    /// <summary>The host with AddressFamily and ClientDuid added (as Get-PintLease's AddressFamily and Duid), so both bind and export.</summary>
    internal static PSObject View(Dhcp6Editing.HostView view)
    {
        var o = PSObject.AsPSObject(view.Host);
        if (o.Properties["AddressFamily"] is null) o.Properties.Add(new PSNoteProperty("AddressFamily", view.AddressFamily));
        if (o.Properties["ClientDuid"] is null) o.Properties.Add(new PSNoteProperty("ClientDuid", view.ClientDuid));
        return o;
    }
}
