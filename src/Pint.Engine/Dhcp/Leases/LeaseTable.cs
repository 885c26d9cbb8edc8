using System.Net;
using System.Net.Sockets;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The in-memory lease table with lookups by address, hardware address and client identifier. Addresses are keyed as
/// 32-bit numbers: the allocator probes one candidate after another in a filling range, and a number needs no
/// IPAddress made per probe and hashes in one step. Not thread-safe: <see cref="LeaseStore"/> guards it.
/// </summary>
internal sealed class LeaseTable
{
    private readonly Dictionary<uint, DhcpLease> _byAddress = new();
    private readonly Dictionary<string, HashSet<uint>> _byHardwareAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, uint> _byClientId = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byAddress.Count;

    /// <summary>Every address in the table, expired leases included, as bits: the allocator's fast walk reads it.</summary>
    public AddressBitmap Addresses { get; } = new();

    public IEnumerable<DhcpLease> All => _byAddress.Values;

    /// <summary>The lease on <paramref name="address"/>; null when none (or not an IPv4 address: no DHCPv4 lease has one).</summary>
    public DhcpLease? ByAddress(IPAddress address) => TryKey(address, out var key) ? ByAddress(key) : null;

    public DhcpLease? ByAddress(uint address) => _byAddress.GetValueOrDefault(address);

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
        var key = Ipv4.ToValue(lease.Address);
        var previous = Remove(key);
        retired = lease.ClientId is { } id && _byClientId.TryGetValue(id, out var oldAddress) ? Remove(oldAddress) : null;
        _byAddress[key] = lease;
        Addresses.Add(key);
        if (!_byHardwareAddress.TryGetValue(lease.HardwareAddress, out var set))
            _byHardwareAddress[lease.HardwareAddress] = set = [];
        set.Add(key);
        if (lease.ClientId is not null) _byClientId[lease.ClientId] = key;
        return previous;
    }

    public DhcpLease? Remove(IPAddress address) => TryKey(address, out var key) ? Remove(key) : null;

    private DhcpLease? Remove(uint address)
    {
        if (!_byAddress.Remove(address, out var lease)) return null;
        Addresses.Remove(address);
        if (_byHardwareAddress.TryGetValue(lease.HardwareAddress, out var set) && set.Remove(address) && set.Count == 0)
            _byHardwareAddress.Remove(lease.HardwareAddress);
        if (lease.ClientId is not null && _byClientId.TryGetValue(lease.ClientId, out var a) && a == address)
            _byClientId.Remove(lease.ClientId);
        return lease;
    }

    private static bool TryKey(IPAddress address, out uint key)
    {
        var isV4 = address.AddressFamily == AddressFamily.InterNetwork;
        key = isV4 ? Ipv4.ToValue(address) : 0;
        return isV4;
    }
}
