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
    // Reservations by address, so a probe of a filling range asks a table instead of walking every dhcp-host.
    private readonly ILookup<uint, DhcpHostReservation> _reserved =
        options.Hosts.Where(h => h.Address is not null).ToLookup(h => Ipv4.ToValue(h.Address!));

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

    private bool IsReservedForAnother(DhcpClient client, uint address)
    {
        if (!_reserved.Contains(address)) return false;
        foreach (var host in _reserved[address])
            if (!ReferenceEquals(host, client.Host)) return true;
        return false;
    }

    /// <summary>The client's reserved address if it is on the client's network.</summary>
    public uint? Reserved(DhcpClient client) =>
        client.Host?.Address is { } a && client.RangeFor(Ipv4.ToValue(a)) is not null ? Ipv4.ToValue(a) : null;

    /// <summary>A free address for a client without one, or null when every range is full.</summary>
    public uint? PickFree(DhcpClient client, DateTimeOffset now)
    {
        var hash = Sdbm(client.Request.ClientHardwareAddress);
        foreach (var range in client.Ranges)
        {
            if (range.Static) continue;
            var size = (ulong)range.EndValue - range.StartValue + 1;
            var offset = hash % size;
            for (ulong step = 0; step < size; step++)
            {
                // The walk stays inside this range: only the per-address checks remain for each candidate.
                var candidate = (uint)(range.StartValue + (offset + step) % size);
                if (IsNetworkOrBroadcast(client, range, candidate) || !IsFree(client, candidate, now)) continue;
                if (client.Host?.Address is { } reserved && Ipv4.ToValue(reserved) == candidate) return candidate;
                if (!IsReservedForAnother(client, candidate)) return candidate;
            }
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
