namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>
/// Picks a new address in a pool the way dnsmasq 2.90 was observed to: a 64-bit hash seeded with the IAID and fed each
/// DUID byte (h = b + (h &lt;&lt; 6) + (h &lt;&lt; 16) - h, an sdbm-style hash), taken modulo the pool size, is the first
/// candidate; then upwards, wrapping at the end, to the first free one. So a client gets the same address each time
/// from an empty table, and the same as dnsmasq gives it for the same range.
/// </summary>
public static class Dhcp6AddressAllocator
{
    public static ulong Hash(ReadOnlySpan<byte> clientId, uint iaid)
    {
        ulong h = iaid;
        foreach (var b in clientId) h = b + (h << 6) + (h << 16) - h;
        return h;
    }

    /// <summary>The first free address from the hashed start, or null when <paramref name="isFree"/> refuses all of them.</summary>
    /// <param name="maxProbes">How many candidates to try at most (the walk stops at the pool size anyway).</param>
    public static UInt128? Pick(Dhcp6Pool pool, ReadOnlySpan<byte> clientId, uint iaid, Func<UInt128, bool> isFree, long maxProbes)
    {
        // dnsmasq works on the low 64 bits of the range (its prefixes are /64 or longer).
        var start = (ulong)pool.Start;
        var size = (UInt128)((ulong)pool.End - start) + 1;
        if (pool.End < pool.Start) return null;
        var offset = (UInt128)Hash(clientId, iaid) % size;
        var high = pool.Start & ~(UInt128)ulong.MaxValue;
        var probes = (UInt128)Math.Max(1, maxProbes) < size ? (UInt128)Math.Max(1, maxProbes) : size;
        for (UInt128 i = 0; i < probes; i++)
        {
            var candidate = high | (UInt128)(start + (ulong)((offset + i) % size));
            if (isFree(candidate)) return candidate;
        }
        return null;
    }
}
