using System.Buffers.Binary;
using System.Diagnostics;

namespace Pint.Engine.Dns;

/// <summary>
/// localise-queries: a local name with several IPv4 addresses answers a query with only those on the subnet of
/// the interface address the query was sent to, when it has any there (all of them otherwise), so a server named
/// once per interface in /etc/hosts is reached on each network at its address there. As dnsmasq, IPv4 only. The
/// interfaces' subnets are read at most once a second.
/// </summary>
public sealed class LocalisedAnswers(Func<LocalNetworks> networks)
{
    private static readonly long RefreshTicks = Stopwatch.Frequency;
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(LocalNetworks Networks, long ReadAt);

    /// <summary>The subnet mask of the interface holding <paramref name="localIPv4"/>; 0 when it is unknown.</summary>
    public uint MaskOf(uint localIPv4)
    {
        if (localIPv4 == 0) return 0;
        long now = Stopwatch.GetTimestamp();
        var snapshot = _snapshot;
        if (snapshot is null || now - snapshot.ReadAt > RefreshTicks) _snapshot = snapshot = new Snapshot(networks(), now);
        return snapshot.Networks.MaskOf(localIPv4);
    }

    /// <summary>Whether <paramref name="address"/> (4 bytes) is on <paramref name="localIPv4"/>'s subnet under <paramref name="mask"/>.</summary>
    public static bool OnSubnet(ReadOnlySpan<byte> address, uint localIPv4, uint mask) =>
        (BinaryPrimitives.ReadUInt32BigEndian(address) & mask) == (localIPv4 & mask);
}
