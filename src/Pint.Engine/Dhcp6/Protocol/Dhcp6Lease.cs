using System.Net;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>One IA_NA address binding. <see cref="Expires"/> null = infinite.</summary>
public sealed record Dhcp6Lease(byte[] ClientId, uint Iaid, IPAddress Address, DateTimeOffset? Expires, string? HostName)
{
    public string ClientIdText => Dhcp6Duid.Format(ClientId);
    public bool IsExpiredAt(DateTimeOffset now) => Expires is { } e && e <= now;
}

public enum Dhcp6LeaseChangeKind { Bind, Release, Decline }

/// <summary>What an exchange does to the lease table; the server applies (and persists) it before the reply leaves.</summary>
public sealed record Dhcp6LeaseChange(Dhcp6LeaseChangeKind Kind, Dhcp6Lease Lease);

/// <summary>
/// The in-memory DHCPv6 lease table: bindings by (client DUID, IAID) and by address, plus declined addresses held
/// for a lease time. Not thread-safe: the server loop owns it.
/// </summary>
public sealed class Dhcp6LeaseTable
{
    private readonly Dictionary<(string Client, uint Iaid), Dhcp6Lease> _byClient = [];
    private readonly Dictionary<IPAddress, Dhcp6Lease> _byAddress = [];
    private readonly Dictionary<IPAddress, DateTimeOffset> _declined = [];
    // Nothing in the table (lease or decline hold) ends before this; may be early, never late. It keeps
    // RemoveExpired, called for every message, from walking the whole table (bench/RESULTS.md, DHCPv6).
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;

    private void Due(DateTimeOffset? end)
    {
        if (end is { } e && e < _nextExpiry) _nextExpiry = e;
    }

    public int Count => _byAddress.Count;

    public Dhcp6Lease? Find(byte[] clientId, uint iaid) =>
        _byClient.TryGetValue((Dhcp6Duid.Format(clientId), iaid), out var lease) ? lease : null;

    public Dhcp6Lease? ByAddress(IPAddress address) => _byAddress.TryGetValue(address, out var lease) ? lease : null;

    /// <summary>The leases named <paramref name="hostName"/> (case-insensitive), in address order.</summary>
    public List<Dhcp6Lease> WithName(string hostName) =>
        _byAddress.Values.Where(l => string.Equals(l.HostName, hostName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(l => l.Address.ToString(), StringComparer.Ordinal).ToList();

    /// <summary>True when another client holds <paramref name="address"/> (or it was declined) at <paramref name="now"/>.</summary>
    public bool IsTakenByOther(IPAddress address, byte[] clientId, uint iaid, DateTimeOffset now)
    {
        if (_declined.TryGetValue(address, out var until) && until > now) return true;
        if (!_byAddress.TryGetValue(address, out var lease) || lease.IsExpiredAt(now)) return false;
        return !(lease.Iaid == iaid && lease.ClientId.AsSpan().SequenceEqual(clientId));
    }

    public void Apply(Dhcp6LeaseChange change, TimeSpan declineHold)
    {
        var lease = change.Lease;
        var key = (lease.ClientIdText, lease.Iaid);
        switch (change.Kind)
        {
            case Dhcp6LeaseChangeKind.Bind:
                if (_byClient.TryGetValue(key, out var old)) _byAddress.Remove(old.Address);
                if (_byAddress.TryGetValue(lease.Address, out var other)) _byClient.Remove((other.ClientIdText, other.Iaid));
                _byClient[key] = lease;
                _byAddress[lease.Address] = lease;
                Due(lease.Expires);
                break;
            case Dhcp6LeaseChangeKind.Release:
            case Dhcp6LeaseChangeKind.Decline:
                if (_byAddress.TryGetValue(lease.Address, out var held) && held.ClientIdText == lease.ClientIdText && held.Iaid == lease.Iaid)
                {
                    _byAddress.Remove(lease.Address);
                    _byClient.Remove(key);
                }
                if (change.Kind == Dhcp6LeaseChangeKind.Decline)
                {
                    _declined[lease.Address] = DateTimeOffset.UtcNow + declineHold;
                    Due(_declined[lease.Address]);
                }
                break;
        }
    }

    /// <summary>Drops leases that ran out; returns them.</summary>
    public List<Dhcp6Lease> RemoveExpired(DateTimeOffset now)
    {
        if (now < _nextExpiry) return [];
        var gone = _byAddress.Values.Where(l => l.IsExpiredAt(now)).ToList();
        foreach (var l in gone)
        {
            _byAddress.Remove(l.Address);
            _byClient.Remove((l.ClientIdText, l.Iaid));
        }
        foreach (var d in _declined.Where(d => d.Value <= now).Select(d => d.Key).ToList()) _declined.Remove(d);
        _nextExpiry = DateTimeOffset.MaxValue;
        foreach (var lease in _byAddress.Values) Due(lease.Expires);
        foreach (var until in _declined.Values) Due(until);
        return gone;
    }

    public IReadOnlyList<Dhcp6Lease> Snapshot() => _byAddress.Values.OrderBy(l => l.Address.ToString(), StringComparer.Ordinal).ToList();
}
