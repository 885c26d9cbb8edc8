using System.Net;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The in-memory lease table with lookups by address, hardware address and client identifier.
/// Not thread-safe: <see cref="LeaseStore"/> guards it.
/// </summary>
internal sealed class LeaseTable
{
    private readonly Dictionary<IPAddress, DhcpLease> _byAddress = new();
    private readonly Dictionary<string, HashSet<IPAddress>> _byHardwareAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IPAddress> _byClientId = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byAddress.Count;

    public IEnumerable<DhcpLease> All => _byAddress.Values;

    public DhcpLease? ByAddress(IPAddress address) => _byAddress.GetValueOrDefault(address);

    public IReadOnlyList<DhcpLease> ByHardwareAddress(string hardwareAddress) =>
        _byHardwareAddress.TryGetValue(hardwareAddress, out var set) ? set.Select(a => _byAddress[a]).ToArray() : [];

    public DhcpLease? ByClientId(string clientId) =>
        _byClientId.TryGetValue(clientId, out var address) ? _byAddress[address] : null;

    /// <summary>
    /// Puts a lease in, replacing the one at its address; returns the replaced lease. <paramref name="retired"/> is
    /// the lease the same client identifier held at another address, which ends (a client identifier names one client).
    /// </summary>
    public DhcpLease? Set(DhcpLease lease, out DhcpLease? retired)
    {
        var previous = Remove(lease.Address);
        retired = lease.ClientId is { } id && _byClientId.TryGetValue(id, out var oldAddress) ? Remove(oldAddress) : null;
        _byAddress[lease.Address] = lease;
        if (!_byHardwareAddress.TryGetValue(lease.HardwareAddress, out var set))
            _byHardwareAddress[lease.HardwareAddress] = set = [];
        set.Add(lease.Address);
        if (lease.ClientId is not null) _byClientId[lease.ClientId] = lease.Address;
        return previous;
    }

    public DhcpLease? Remove(IPAddress address)
    {
        if (!_byAddress.Remove(address, out var lease)) return null;
        if (_byHardwareAddress.TryGetValue(lease.HardwareAddress, out var set) && set.Remove(address) && set.Count == 0)
            _byHardwareAddress.Remove(lease.HardwareAddress);
        if (lease.ClientId is not null && _byClientId.TryGetValue(lease.ClientId, out var a) && a.Equals(address))
            _byClientId.Remove(lease.ClientId);
        return lease;
    }
}
