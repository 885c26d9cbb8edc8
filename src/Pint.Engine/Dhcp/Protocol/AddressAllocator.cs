using Pint.Engine.Dhcp.Leases;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Chooses addresses. A new client's address is stable: like dnsmasq, the hardware address is hashed
/// (the sdbm string hash) to a starting point in each range, and the range is walked upward from there,
/// wrapping, to the first free address; so the same MAC gets the same address on every server with the same config.
/// </summary>
internal sealed class AddressAllocator(DhcpServerOptions options, LeaseStore leases)
{
    /// <summary>Whether <paramref name="address"/> may be leased to <paramref name="client"/> now.</summary>
    public bool IsAvailable(DhcpClient client, uint address, DateTimeOffset now)
    {
        if (address == client.Context.AddressValue) return false;
        var ip = Ipv4.ToAddress(address);
        if (leases.IsDeclined(ip, now)) return false;
        if (leases.FindByAddress(ip) is { } lease && !lease.IsExpiredAt(now) && !client.Owns(lease)) return false;
        if (client.Host?.Address is { } reserved && Ipv4.ToValue(reserved) == address) return true;
        // Reserved for someone else?
        if (options.Hosts.Any(h => h.Address is { } a && Ipv4.ToValue(a) == address && !ReferenceEquals(h, client.Host))) return false;
        return client.Ranges.Any(r => !r.Static && r.Contains(address) && !IsNetworkOrBroadcast(client, r, address));
    }

    /// <summary>The client's reserved address if it is on the client's network.</summary>
    public uint? Reserved(DhcpClient client) =>
        client.Host?.Address is { } a && client.RangeFor(Ipv4.ToValue(a)) is not null ? Ipv4.ToValue(a) : null;

    /// <summary>A free address for a client without one, or null when every range is full.</summary>
    public uint? PickFree(DhcpClient client, DateTimeOffset now)
    {
        var hash = Sdbm(client.Request.ClientHardwareAddress);
        foreach (var range in client.Ranges.Where(r => !r.Static))
        {
            var size = (ulong)range.EndValue - range.StartValue + 1;
            var offset = hash % size;
            for (ulong step = 0; step < size; step++)
            {
                var candidate = (uint)(range.StartValue + (offset + step) % size);
                if (IsAvailable(client, candidate, now)) return candidate;
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
