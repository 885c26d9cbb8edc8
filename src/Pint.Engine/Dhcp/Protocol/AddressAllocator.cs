using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Chooses addresses. A new client's address is stable: like dnsmasq, the hardware address is hashed
/// (the sdbm string hash) to a starting point in each range, and the range is walked upward from there,
/// wrapping, to the first free address; so the same MAC gets the same address on every server with the same config.
/// </summary>
internal sealed class AddressAllocator(DhcpServerOptions options, LeaseStore leases)
{
    // Reserved addresses as bits: one probe per address, and the walk skips them in 64-address steps.
    private readonly AddressBitmap _reservedAddresses = BitmapOf(options.Hosts);

    private static AddressBitmap BitmapOf(IReadOnlyList<DhcpHostReservation> hosts)
    {
        var bitmap = new AddressBitmap();
        foreach (var host in hosts)
            if (host.Address is { } address) bitmap.Add(Ipv4.ToValue(address));
        return bitmap;
    }

    /// <summary>Whether <paramref name="address"/> may be leased to <paramref name="client"/> now.</summary>
    public bool IsAvailable(DhcpClient client, uint address, DateTimeOffset now)
    {
        if (!IsFree(client, address, now)) return false;
        if (client.Host?.Address is { } reserved && Ipv4.ToValue(reserved) == address) return true;
        if (IsReservedForAnother(client, address)) return false;
        foreach (var range in client.Ranges)
            if (!range.Static && range.Contains(address) && !IsNetworkOrBroadcast(client, range, address)) return true;
        return false;
    }

    /// <summary>Not the server's own address, not declined, and not leased to another client.</summary>
    private bool IsFree(DhcpClient client, uint address, DateTimeOffset now)
    {
        if (address == client.Context.AddressValue) return false;
        if (leases.IsDeclined(address, now, out var holder)) return false;
        return holder is null || client.Owns(holder);
    }

    private bool IsReservedForAnother(DhcpClient client, uint address) =>
        _reservedAddresses.Contains(address) && !(client.Host?.Address is { } own && Ipv4.ToValue(own) == address);

    /// <summary>The client's reserved address if it is on the client's network.</summary>
    public uint? Reserved(DhcpClient client) =>
        client.Host?.Address is { } a && client.RangeFor(Ipv4.ToValue(a)) is not null ? Ipv4.ToValue(a) : null;

    /// <summary>
    /// A free address for a client without one, or null when every range is full. Within a range the walk goes
    /// upward from the hash point; addresses held for other clients' offers come last (see <see cref="OfferHolds"/>).
    /// </summary>
    public uint? PickFree(DhcpClient client, DateTimeOffset now)
    {
        var hash = Sdbm(client.Request.ClientHardwareAddress);
        // The bitmaps count an expired lease not yet dropped as taken; until one can be, they answer exactly.
        var bitmapsExact = now < leases.NextExpiry;
        foreach (var range in client.Ranges)
        {
            if (range.Static) continue;
            var size = (ulong)range.EndValue - range.StartValue + 1;
            // dhcp-sequential-ip walks from the bottom of the range instead of the MAC's hash point.
            var offset = options.SequentialAddresses ? 0 : hash % size;
            var start = (uint)(range.StartValue + offset);
            if (bitmapsExact && !OwnsLeaseIn(client, range))
            {
                if ((Walk(client, range, start, now, includeHeld: false) ?? Walk(client, range, start, now, includeHeld: true)) is { } found)
                    return found;
                continue;
            }
            if (WalkEveryAddress(client, range, offset, size, now) is { } probed) return probed;
        }
        return null;
    }

    /// <summary>The walk through the lease table's bitmap: from the hash point to the range's end, then from its start.</summary>
    private uint? Walk(DhcpClient client, DhcpRange range, uint start, DateTimeOffset now, bool includeHeld) =>
        FirstFitting(client, range, start, range.EndValue, now, includeHeld)
        ?? (start > range.StartValue ? FirstFitting(client, range, range.StartValue, start - 1, now, includeHeld) : null);

    private uint? FirstFitting(DhcpClient client, DhcpRange range, uint from, uint to, DateTimeOffset now, bool includeHeld)
    {
        while (leases.FirstUntaken(from, to, now, includeHeld, _reservedAddresses) is { } candidate)
        {
            // The bitmap skips leased, held and reserved addresses; the per-address checks remain for what it lets through.
            if (!IsNetworkOrBroadcast(client, range, candidate) && IsFree(client, candidate, now))
                return candidate;
            if (candidate == to) break;
            from = candidate + 1;
        }
        return null;
    }

    /// <summary>Whether the client holds an unexpired lease inside <paramref name="range"/> (the walk must then probe each address: that lease is free to it).</summary>
    private bool OwnsLeaseIn(DhcpClient client, DhcpRange range)
    {
        foreach (var lease in leases.FindByHardwareAddress(client.Request.HardwareAddressText))
            if (client.Owns(lease) && range.Contains(Ipv4.ToValue(lease.Address))) return true;
        return client.Request.ClientId is { } id && leases.FindByClientId(id) is { } byId && range.Contains(Ipv4.ToValue(byId.Address));
    }

    /// <summary>The walk one address at a time, each asked of the lease table (used when the bitmaps may be stale).</summary>
    private uint? WalkEveryAddress(DhcpClient client, DhcpRange range, ulong offset, ulong size, DateTimeOffset now)
    {
        for (ulong step = 0; step < size; step++)
        {
            var candidate = (uint)(range.StartValue + (offset + step) % size);
            if (IsNetworkOrBroadcast(client, range, candidate) || !IsFree(client, candidate, now)) continue;
            if (client.Host?.Address is { } reserved && Ipv4.ToValue(reserved) == candidate) return candidate;
            if (!IsReservedForAnother(client, candidate)) return candidate;
        }
        return null;
    }

    private static bool IsNetworkOrBroadcast(DhcpClient client, DhcpRange range, uint address)
    {
        var mask = client.MaskOf(range);
        return mask != uint.MaxValue && ((address & ~mask) == 0 || (address | mask) == uint.MaxValue);
    }

    private static uint Sdbm(ReadOnlySpan<byte> bytes)
    {
        uint hash = 0;
        foreach (var b in bytes) hash = b + (hash << 6) + (hash << 16) - hash;
        return hash;
    }
}
