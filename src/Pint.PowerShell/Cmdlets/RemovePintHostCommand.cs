using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Removes hosts by name, address, MAC or DUID, or the hosts that Get-PintHost sends down the pipeline. A DHCPv6
/// address of a reservation is taken out of its dhcp-host line; the line goes when nothing else is left of it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PintHost", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemovePintHostCommand : PintConfigCmdlet
{
    private const string ByName = "ByName", ByAddress = "ByAddress", ByMac = "ByMac", ByDuid = "ByDuid", ByObject = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("HostName")]
    [ArgumentCompleter(typeof(HostNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByAddress, ValueFromPipelineByPropertyName = true)]
    public string[] IPAddress { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = ByMac, ValueFromPipelineByPropertyName = true)]
    [Alias("ClientId")]
    public string[] MacAddress { get; set; } = Array.Empty<string>();

    /// <summary>DUIDs whose DHCPv6 reservations go (Windows' Remove-DhcpServerv6Reservation -ClientDuid).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByDuid, ValueFromPipelineByPropertyName = true)]
    public string[] ClientDuid { get; set; } = Array.Empty<string>();

    /// <summary>Hosts from Get-PintHost.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintHost[] InputObject { get; set; } = Array.Empty<PintHost>();

    private readonly List<PintHost> _piped = new();

    protected override void EndProcessing()
    {
        // Hosts arrive one by one; removing one shifts the lines of those after it, so they are all collected and
        // removed config by config, each file from the bottom up.
        foreach (var group in _piped.GroupBy(h => h.ConfigPath))
        {
            ConfigPath = group.Key;
            RemoveLines(group);
        }
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
        {
            _piped.AddRange(InputObject);
            return;
        }
        var loaded = LoadConfigForRead(ConfigFile);
        var all = Dhcp6Editing.Hosts(loaded.Config, ConfigFile).ToList();
        var (keys, match) = ParameterSetName switch
        {
            ByAddress => (IPAddress, (Func<Dhcp6Editing.HostView, string, bool>)((v, k) => v.Host.IPAddress == k || Dhcp6Editing.SameAddress(v.Host.IPAddress, k))),
            ByMac => (MacAddress, (v, k) => v.Host.MacAddress is not null && MacAddressText.SameAddress(v.Host.MacAddress, k)),
            ByDuid => (ClientDuid, (v, k) => v.ClientDuid is not null && string.Equals(Dhcp6Editing.NormalizeDuid(v.ClientDuid) ?? v.ClientDuid, Dhcp6Editing.NormalizeDuid(k) ?? k, StringComparison.OrdinalIgnoreCase)),
            _ => (Name, (v, k) => HostCatalog.NameEquals(v.Host.Name, k)),
        };
        foreach (var key in keys)
        {
            var targets = all.Where(v => match(v, key)).Select(v => v.Host).ToList();
            if (targets.Count == 0)
            {
                WriteNonTerminating(new ItemNotFoundException($"No host matches '{key}' in {ConfigFile}."), "HostNotFound", ErrorCategory.ObjectNotFound, key);
                continue;
            }
            RemoveLines(targets);
        }
    }

    /// <summary>
    /// Removes <paramref name="hosts"/> of one config, later lines first so that removing one never moves the line of
    /// the next. On a line, each name of a host record goes (the record when none is left), a DHCPv4 reservation takes
    /// its whole line, and DHCPv6 addresses alone are taken out of theirs.
    /// </summary>
    private void RemoveLines(IEnumerable<PintHost> hosts)
    {
        foreach (var line in hosts.GroupBy(h => (h.Source, h.Line)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenByDescending(g => g.Key.Line))
        {
            var v6 = line.Where(Dhcp6Editing.IsReservation6).ToList();
            var others = line.Where(h => !Dhcp6Editing.IsReservation6(h)).DistinctBy(h => h.Name.ToLowerInvariant()).ToList();
            foreach (var h in others)
                EditConfig("Remove host", h.ToString(), (session, config) => HostCatalog.Remove(session, config, h));
            if (v6.Count == 0 || others.Any(h => h.Kind == PintHostKind.Reservation)) continue;
            var addresses = v6.Select(h => System.Net.IPAddress.Parse(h.IPAddress!)).Distinct().ToList();
            var target = $"{v6[0].Name} ({string.Join(", ", addresses)})".TrimStart();
            EditConfig("Remove DHCPv6 reservation", target,
                (session, config) => Dhcp6Editing.RemoveReservationAddresses(session, config, line.Key.Source, line.Key.Line, addresses));
        }
    }
}
