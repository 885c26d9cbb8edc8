using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// Addresses offered and not yet requested (RFC 2131 4.3.1: the server should reserve an offered address), so that a
/// second client whose hardware address hashes to the same place is offered the next address instead of the same one
/// and a NAK when it asks for it. A hold only steers offers: it never makes an address unavailable to a REQUEST, and
/// the allocator takes a held address when nothing else is free, so a flood of abandoned DISCOVERs cannot empty a pool.
/// Each hold is a lease-shaped record (hardware address, client id, end) so that ownership is decided as for leases.
/// Not thread-safe: <see cref="LeaseStore"/> guards it.
/// </summary>
internal sealed class OfferHolds
{
    private readonly Dictionary<uint, DhcpLease> _byAddress = new();
    private readonly Dictionary<string, DhcpLease> _byHardwareAddress = new(StringComparer.OrdinalIgnoreCase);
    // Holds in the order they were made; all last equally long, so the oldest ends first.
    private readonly Queue<DhcpLease> _order = new();

    public AddressBitmap Addresses { get; } = new();

    public int Count => _byAddress.Count;

    public void Hold(DhcpLease offer)
    {
        var address = Ipv4.ToValue(offer.Address);
        if (_byAddress.Remove(address, out var replaced)) Forget(replaced);
        if (_byHardwareAddress.Remove(offer.HardwareAddress, out var earlier) && !ReferenceEquals(earlier, replaced))
            Remove(Ipv4.ToValue(earlier.Address));
        _byAddress[address] = offer;
        _byHardwareAddress[offer.HardwareAddress] = offer;
        Addresses.Add(address);
        _order.Enqueue(offer);
    }

    /// <summary>The unexpired hold made for <paramref name="hardwareAddress"/>, or null.</summary>
    public DhcpLease? ForHardwareAddress(string hardwareAddress, DateTimeOffset now) =>
        _byHardwareAddress.TryGetValue(hardwareAddress, out var offer) && !offer.IsExpiredAt(now) ? offer : null;

    /// <summary>Ends the hold on <paramref name="address"/> (its lease was committed, released or declined).</summary>
    public void Remove(uint address)
    {
        if (_byAddress.Remove(address, out var offer)) Forget(offer);
    }

    /// <summary>Ends the holds that have run out at <paramref name="now"/>.</summary>
    public void Sweep(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.IsExpiredAt(now))
        {
            _order.Dequeue();
            var address = Ipv4.ToValue(oldest.Address);
            if (_byAddress.TryGetValue(address, out var current) && ReferenceEquals(current, oldest))
            {
                _byAddress.Remove(address);
                Forget(oldest);
            }
        }
        // Holds replaced or removed early leave stale entries behind; keep the queue from growing past the live ones.
        if (_order.Count > 2 * _byAddress.Count + 1024)
        {
            for (int i = _order.Count; i > 0; i--)
            {
                var offer = _order.Dequeue();
                if (_byAddress.TryGetValue(Ipv4.ToValue(offer.Address), out var current) && ReferenceEquals(current, offer)) _order.Enqueue(offer);
            }
        }
    }

    private void Forget(DhcpLease offer)
    {
        Addresses.Remove(Ipv4.ToValue(offer.Address));
        if (_byHardwareAddress.TryGetValue(offer.HardwareAddress, out var byMac) && ReferenceEquals(byMac, offer))
            _byHardwareAddress.Remove(offer.HardwareAddress);
    }
}
