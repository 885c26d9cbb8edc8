using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Net;

namespace Pint.Engine.Management;

/// <summary>Per-range counts of free, leased and reserved addresses, from a lease table and the config's ranges.</summary>
public static class DhcpStatistics
{
    /// <summary>
    /// One entry per IPv4 dhcp-range. A dynamic range counts its addresses, less the network and broadcast address of
    /// its netmask when they fall inside; a <c>static</c> range hands out reserved addresses only, so its pool is the
    /// reservations on its network.
    /// </summary>
    public static IReadOnlyList<PintDhcpScopeStatistics> Compute(PintConfig config, IEnumerable<DhcpLease> leases, DateTimeOffset now)
    {
        var held = leases.Where(l => !l.IsExpiredAt(now)).Select(l => Ipv4.ToValue(l.Address)).ToHashSet();
        var reserved = config.Dhcp.Hosts
            .Where(h => !h.Ignore && h.Address is { AddressFamily: AddressFamily.InterNetwork })
            .Select(h => Ipv4.ToValue(h.Address!)).ToHashSet();
        var result = new List<PintDhcpScopeStatistics>();
        foreach (var range in config.Dhcp.Ranges.Where(r => r.Start.AddressFamily == AddressFamily.InterNetwork))
        {
            var contains = Membership(range);
            var pool = range.IsStatic ? (long)reserved.Count(contains) : PoolSize(range);
            var inUse = held.Count(contains);
            var reservedHere = reserved.Count(contains);
            var reservedIdle = reserved.Count(a => contains(a) && !held.Contains(a));
            var free = (int)Math.Max(0, range.IsStatic ? reservedIdle : pool - inUse - reservedIdle);
            result.Add(new PintDhcpScopeStatistics
            {
                ScopeId = range.Netmask is null ? null : DhcpRangeCatalog.Network(range.Start, range.Netmask).ToString(),
                StartRange = range.Start.ToString(),
                EndRange = range.End.ToString(),
                Name = range.SetTag,
                Free = free,
                InUse = inUse,
                Reserved = reservedHere,
                PercentageInUse = inUse + free == 0 ? 0 : Math.Round(100.0 * inUse / (inUse + free), 2),
            });
        }
        return result;
    }

    /// <summary>Which addresses a range covers: its span, or for a static range its whole network.</summary>
    private static Func<uint, bool> Membership(DhcpRange range)
    {
        var start = Ipv4.ToValue(range.Start);
        var end = Ipv4.ToValue(range.End);
        if (range.IsStatic && range.Netmask is { } mask)
        {
            var m = Ipv4.ToValue(mask);
            return a => (a & m) == (start & m);
        }
        return a => a >= start && a <= end;
    }

    private static long PoolSize(DhcpRange range)
    {
        var start = Ipv4.ToValue(range.Start);
        var end = Ipv4.ToValue(range.End);
        long size = (long)end - start + 1;
        if (range.Netmask is { } mask && Ipv4.ToValue(mask) is var m && m != uint.MaxValue)
        {
            // The network and broadcast addresses are never leased.
            var network = start & m;
            var broadcast = network | ~m;
            if (network >= start && network <= end) size--;
            if (broadcast >= start && broadcast <= end && broadcast != network) size--;
        }
        return Math.Max(0, size);
    }
}
