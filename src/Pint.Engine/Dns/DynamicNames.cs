using System.Net;

namespace Pint.Engine.Dns;

/// <summary>
/// Names handed out by DHCP while the server runs. They answer like local names, forward and reverse; with a domain
/// set, a bare name also answers as name.domain. Writers rebuild a small zone and publish it; readers never lock.
/// </summary>
public sealed class DynamicNames
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IPAddress> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? _domain;
    private readonly uint _ttl;
    private LocalZone _zone = LocalZone.Empty;

    public DynamicNames(string? domain, int ttl)
    {
        _domain = domain;
        _ttl = (uint)Math.Max(0, ttl);
    }

    /// <summary>The current snapshot (replaced, never mutated, on each change).</summary>
    public LocalZone Zone => Volatile.Read(ref _zone);

    public void AddOrUpdate(string name, IPAddress address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(address);
        DnsName.FromText(name); // validate now: a bad DHCP hostname must fail here, not at query time
        lock (_gate)
        {
            // A renewal hands over the same name and address again: rebuilding the zone for it would cost a copy of
            // every DHCP name per ACK.
            if (_names.TryGetValue(name.TrimEnd('.'), out var current) && current.Equals(address)) return;
            _names[name.TrimEnd('.')] = address;
            Publish();
        }
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            if (!_names.Remove(name.TrimEnd('.'))) return false;
            Publish();
            return true;
        }
    }

    private void Publish()
    {
        var zone = new LocalZone();
        foreach (var (name, address) in _names) zone.AddAddress(name, address, _ttl, _domain);
        Volatile.Write(ref _zone, zone);
    }
}
