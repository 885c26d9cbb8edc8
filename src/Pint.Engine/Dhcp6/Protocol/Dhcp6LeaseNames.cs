using System.Net;
using Pint.Engine.Dhcp.Protocol;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>
/// Keeps DNS in step with the names of the DHCPv6 lease table, through the same <see cref="ILeaseNameSink"/> the
/// DHCPv4 server uses (names qualified with the domain, as <see cref="DhcpDecisionEffects.Qualify"/> makes them).
/// After each change the server hands over the names it touched; each is published with the address of a lease
/// still holding it, or withdrawn when none does (release, decline, expiry, or the name moved to another client).
/// The sink takes one address a name, so a client naming several IA_NA bindings alike is published with one of
/// them (the one already published while it lasts). Not thread-safe: the server calls it under its lock.
/// </summary>
public sealed class Dhcp6LeaseNames
{
    private readonly ILeaseNameSink _sink;
    private readonly Func<string?> _domain;
    private readonly Func<object?>? _target;
    private object? _lastTarget;
    // What the sink was told: lease name -> (address, the qualified name it was given).
    private readonly Dictionary<string, (IPAddress Address, string Fqdn)> _published = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="domain">The domain names are qualified with, read at each change (a reload may change it).</param>
    /// <param name="target">
    /// Identifies the registry behind the sink (the running DNS service's): when it changes (DNS restarted, empty)
    /// <see cref="Refresh"/> names every lease again. Null: the sink never changes.
    /// </param>
    public Dhcp6LeaseNames(ILeaseNameSink sink, Func<string?> domain, Func<object?>? target = null)
    {
        _sink = sink;
        _domain = domain;
        _target = target;
        _lastTarget = target?.Invoke();
    }

    /// <summary>The names published now (lease name to address), for tests and diagnostics.</summary>
    public IReadOnlyDictionary<string, IPAddress> Published => _published.ToDictionary(p => p.Key, p => p.Value.Address, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names a batch of changes touches: the ones the affected bindings had and the ones they get.</summary>
    public static IEnumerable<string?> Touched(Dhcp6LeaseTable before, IEnumerable<Dhcp6LeaseChange> changes)
    {
        foreach (var change in changes)
        {
            // Old names first, so a renamed binding's old name goes before its new one comes.
            yield return before.Find(change.Lease.ClientId, change.Lease.Iaid)?.HostName;
            yield return before.ByAddress(change.Lease.Address)?.HostName;
            yield return change.Lease.HostName;
        }
    }

    /// <summary>Brings the given names in line with <paramref name="table"/> (already changed).</summary>
    public void Update(Dhcp6LeaseTable table, IEnumerable<string?> names)
    {
        if (Retarget(table)) return;
        foreach (var name in names.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            var holders = table.WithName(name);
            var published = _published.TryGetValue(name, out var current);
            var fqdn = DhcpDecisionEffects.Qualify(name, _domain());
            if (holders.Count == 0)
            {
                if (published)
                {
                    _sink.Remove(current.Fqdn);
                    _published.Remove(name);
                }
                continue;
            }
            // Keep the address DNS has while a lease still holds it; a renewal then changes nothing.
            var address = published && holders.Any(l => l.Address.Equals(current.Address)) ? current.Address : holders[0].Address;
            if (published && current.Address.Equals(address) && current.Fqdn == fqdn) continue;
            if (published && current.Fqdn != fqdn) _sink.Remove(current.Fqdn);
            _sink.Add(fqdn, address);
            _published[name] = (address, fqdn);
        }
    }

    /// <summary>Names every lease of the table (at start, and when the registry behind the sink is new).</summary>
    public void PublishAll(Dhcp6LeaseTable table)
    {
        _lastTarget = _target?.Invoke();
        _published.Clear();
        var domain = _domain();
        // One pass (the snapshot is in address order, so the first holder of a name is the one Update would pick).
        foreach (var lease in table.Snapshot())
        {
            if (lease.HostName is not { } name || _published.ContainsKey(name)) continue;
            var fqdn = DhcpDecisionEffects.Qualify(name, domain);
            _sink.Add(fqdn, lease.Address);
            _published[name] = (lease.Address, fqdn);
        }
    }

    /// <summary>Names every lease again when the registry behind the sink was replaced since the last call.</summary>
    public void Refresh(Dhcp6LeaseTable table) => Retarget(table);

    private bool Retarget(Dhcp6LeaseTable table)
    {
        if (_target is null || ReferenceEquals(_target(), _lastTarget)) return false;
        PublishAll(table);
        return true;
    }
}
