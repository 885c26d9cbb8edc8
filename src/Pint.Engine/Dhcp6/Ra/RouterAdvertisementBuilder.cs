using System.Buffers.Binary;
using System.Net;
using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Protocol;

namespace Pint.Engine.Dhcp6.Ra;

/// <summary>What the RA builder needs to know of one interface: its name, MAC (empty when it has none), MTU, link-local address and other addresses.</summary>
public sealed record RaInterface(string Name, byte[] LinkLayerAddress, int Mtu, IPAddress? LinkLocal, IReadOnlyList<(IPAddress Address, int PrefixLength)> Addresses);

/// <summary>One Prefix Information option: <see cref="Prefix"/> holds the router's own address instead of the prefix when <see cref="RouterAddress"/> (ra-advrouter, RFC 6275's R flag).</summary>
public sealed record RaPrefix(IPAddress Prefix, int Length, bool OnLink, bool Autonomous, bool RouterAddress, uint ValidLifetime, uint PreferredLifetime);

/// <summary>One router advertisement, decided; <see cref="Write"/> lays it out.</summary>
public sealed record RouterAdvertisement(
    bool Managed,
    bool Other,
    RaPreference Preference,
    ushort RouterLifetime,
    IReadOnlyList<RaPrefix> Prefixes,
    uint? AdvertisementIntervalMs,
    int? Mtu,
    byte[] SourceLinkLayerAddress,
    IReadOnlyList<IPAddress> DnsServers,
    IReadOnlyList<string> DnsSearch,
    uint DnsLifetime)
{
    public const byte CurHopLimit = 64;

    public int Length => 16 + 32 * Prefixes.Count + (AdvertisementIntervalMs is null ? 0 : 8) + (Mtu is null ? 0 : 8)
        + (SourceLinkLayerAddress.Length == 0 ? 0 : Pad8(2 + SourceLinkLayerAddress.Length))
        + (DnsServers.Count == 0 ? 0 : 8 + 16 * DnsServers.Count)
        + (DnsSearch.Count == 0 ? 0 : Pad8(8 + DnsSearch.Sum(NameLength)));

    /// <summary>
    /// Writes the ICMPv6 message (checksum zero: the kernel fills it in for raw ICMPv6 sockets) into
    /// <paramref name="buffer"/>; returns its length, or -1 when it does not fit. Options in dnsmasq 2.90's order:
    /// prefixes, advertisement interval, MTU, source link-layer address, RDNSS, DNSSL.
    /// </summary>
    public int Write(Span<byte> buffer)
    {
        var length = Length;
        if (buffer.Length < length) return -1;
        var b = buffer[..length];
        b.Clear();
        b[0] = 134;
        b[4] = CurHopLimit;
        b[5] = (byte)((Managed ? 0x80 : 0) | (Other ? 0x40 : 0) | Preference switch { RaPreference.High => 0x08, RaPreference.Low => 0x18, _ => 0 });
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], RouterLifetime);
        var at = 16;
        foreach (var p in Prefixes)
        {
            b[at] = 3;
            b[at + 1] = 4;
            b[at + 2] = (byte)p.Length;
            b[at + 3] = (byte)((p.OnLink ? 0x80 : 0) | (p.Autonomous ? 0x40 : 0) | (p.RouterAddress ? 0x20 : 0));
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 4)..], p.ValidLifetime);
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 8)..], p.PreferredLifetime);
            p.Prefix.TryWriteBytes(b[(at + 16)..], out _);
            at += 32;
        }
        if (AdvertisementIntervalMs is { } ms)
        {
            b[at] = 7;
            b[at + 1] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 4)..], ms);
            at += 8;
        }
        if (Mtu is { } mtu)
        {
            b[at] = 5;
            b[at + 1] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 4)..], (uint)mtu);
            at += 8;
        }
        if (SourceLinkLayerAddress.Length > 0)
        {
            var size = Pad8(2 + SourceLinkLayerAddress.Length);
            b[at] = 1;
            b[at + 1] = (byte)(size / 8);
            SourceLinkLayerAddress.CopyTo(b[(at + 2)..]);
            at += size;
        }
        if (DnsServers.Count > 0)
        {
            b[at] = 25;
            b[at + 1] = (byte)(1 + 2 * DnsServers.Count);
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 4)..], DnsLifetime);
            at += 8;
            foreach (var server in DnsServers)
            {
                server.TryWriteBytes(b[at..], out _);
                at += 16;
            }
        }
        if (DnsSearch.Count > 0)
        {
            var size = Pad8(8 + DnsSearch.Sum(NameLength));
            b[at] = 31;
            b[at + 1] = (byte)(size / 8);
            BinaryPrimitives.WriteUInt32BigEndian(b[(at + 4)..], DnsLifetime);
            var n = at + 8;
            foreach (var name in DnsSearch)
            {
                foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
                {
                    var bytes = Encoding.ASCII.GetBytes(label);
                    b[n++] = (byte)bytes.Length;
                    bytes.CopyTo(b[n..]);
                    n += bytes.Length;
                }
                b[n++] = 0;
            }
            at += size;
        }
        return at;
    }

    private static int Pad8(int n) => (n + 7) & ~7;

    /// <summary>A name's uncompressed wire length: each label with its length byte, and the root's zero.</summary>
    private static int NameLength(string name) =>
        name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries).Sum(l => 1 + Encoding.ASCII.GetByteCount(l)) + 1;
}

/// <summary>
/// The config's part in router advertisements, and the pure decision of what an interface's RA holds. Mirrors what
/// dnsmasq 2.90 sends, as observed with rdisc6 and a raw socket on a veth pair (fd00:77::1/64 on the server end):
///
/// <code>
/// range (with enable-ra)                    M  O  prefix L A   notes
/// START,END[,64,12h]  (stateful)            1  1         1 0
/// START,static                              1  1         1 0
/// START,END,slaac / START,END,ra-names      1  1         1 1
/// START,ra-only / START,slaac / START,ra-names (no end)
///                                           0  0         1 1
/// START,ra-stateless (also with ra-names)   0  1         1 1
/// ...,off-link                                           0 .
/// ...,ra-advrouter                                       . .   R flag, the router's address in the prefix field,
///                                                              and an Advertisement Interval option (interval in ms)
/// two ranges on one prefix: one option, flags OR-ed, the shortest lifetime; header M/O OR-ed over the link's ranges.
/// </code>
/// ra-only, slaac, ra-names and ra-stateless turn RAs on without enable-ra; a plain range needs enable-ra. Header:
/// hop limit 64, router lifetime 3 x interval (interval: ra-param's, default 600, at most 1800; an explicit lifetime is
/// capped at 9000), preference from ra-param. Prefix valid = preferred lifetime = the range's lease time but at least
/// 3 x interval, infinite when the range gives none (preferred 0 for deprecated). MTU option: the interface's MTU
/// (ra-param mtu:N, mtu:IFACE, mtu:off; an unknown IFACE leaves it out). Source link-layer address: the MAC. RDNSS:
/// option6:dns-server's addresses ([::] left out; none left: no RDNSS), else this server's link-local address when DNS
/// runs on port 53 (not for port=0 nor another port), else none. DNSSL: only option6:domain-search (domain= is not sent). Both carry the smallest
/// prefix valid lifetime. Unsolicited RAs go to ff02::1, answers to a solicitation to the soliciting address.
/// </summary>
public sealed record RaOptions
{
    public const int DefaultInterval = 600;
    public const int MaxInterval = 1800;
    public const int MaxRouterLifetime = 9000;

    public IReadOnlyList<DhcpRange6> Ranges { get; init; } = [];
    public IReadOnlyList<RaParam> Params { get; init; } = [];
    /// <summary>DNS is served on port 53 (dnsmasq sends none for another port: clients cannot be told it): the link-local address is the RDNSS when no option6:dns-server is set.</summary>
    public bool DnsEnabled { get; init; }
    /// <summary>option6:dns-server addresses, or null when the config has none.</summary>
    public IReadOnlyList<IPAddress>? DnsServers { get; init; }
    /// <summary>option6:domain-search names, or null when the config has none.</summary>
    public IReadOnlyList<string>? DomainSearch { get; init; }

    /// <summary>True when the config asks for RAs: enable-ra with an IPv6 range, or a range with an RA mode.</summary>
    public static bool IsEnabled(PintConfig config) =>
        config.Dhcp.Ranges6.Count > 0 && (config.Dhcp.EnableRa || config.Dhcp.Ranges6.Any(r =>
            (r.Modes & (DhcpRange6Modes.RaOnly | DhcpRange6Modes.Slaac | DhcpRange6Modes.RaNames | DhcpRange6Modes.RaStateless)) != 0));

    public static RaOptions FromConfig(PintConfig config)
    {
        // Only untagged lines: an RA goes to the whole link, so a line meant for some clients cannot apply.
        var dns = config.Dhcp.Options6.FirstOrDefault(o => o.Number == 23 && o.Tags.Count == 0);
        var search = config.Dhcp.Options6.FirstOrDefault(o => o.Number == 24 && o.Tags.Count == 0);
        return new RaOptions
        {
            Ranges = config.Dhcp.Ranges6,
            Params = config.Dhcp.RaParams,
            DnsEnabled = config.Dns.Port == 53,
            DnsServers = dns?.Values.Select(v => IPAddress.TryParse(v.Trim('[', ']'), out var a) ? a : null).OfType<IPAddress>().ToList(),
            DomainSearch = search?.Values.Where(v => v.Length > 0).ToList(),
        };
    }

    /// <summary>The first ra-param line whose interface pattern matches, or null.</summary>
    public RaParam? ParamFor(string interfaceName) => Params.FirstOrDefault(p => Glob(p.Interface, interfaceName));

    /// <summary>The seconds between unsolicited RAs on an interface: ra-param's (0: the default), at most 1800.</summary>
    public int IntervalFor(string interfaceName)
    {
        var interval = ParamFor(interfaceName)?.Interval ?? 0;
        return interval == 0 ? DefaultInterval : Math.Min(interval, MaxInterval);
    }

    /// <summary>
    /// The RA for <paramref name="iface"/>, or null when no range is served there. <paramref name="mtuOf"/> gives
    /// another interface's MTU for ra-param's mtu:IFACE (null: no such interface).
    /// </summary>
    public RouterAdvertisement? Plan(RaInterface iface, Func<string, int?>? mtuOf = null)
    {
        var param = ParamFor(iface.Name);
        var interval = IntervalFor(iface.Name);
        var prefixes = new List<RaPrefix>();
        bool managed = false, other = false, advRouter = false;
        foreach (var range in Ranges)
        {
            var modes = range.Modes;
            var autonomous = (modes & (DhcpRange6Modes.RaOnly | DhcpRange6Modes.Slaac | DhcpRange6Modes.RaNames | DhcpRange6Modes.RaStateless)) != 0;
            var m = range.IsStateful || range.IsStatic;
            var o = m || (modes & DhcpRange6Modes.RaStateless) != 0;
            var router = (modes & DhcpRange6Modes.RaAdvRouter) != 0;
            var (valid, preferred) = Lifetimes(range, interval);
            foreach (var pool in Dhcp6Pool.ForLink(range, iface.Name, iface.Addresses))
            {
                managed |= m;
                other |= o;
                advRouter |= router;
                var network = pool.Start & pool.PrefixMask;
                var field = router
                    ? iface.Addresses.Select(a => a.Address).FirstOrDefault(a => !a.IsIPv6LinkLocal && pool.OnPrefix(Dhcp6Pool.ToValue(a))) ?? Dhcp6Pool.ToAddress(network)
                    : Dhcp6Pool.ToAddress(network);
                var prefix = new RaPrefix(field, pool.PrefixLength, (modes & DhcpRange6Modes.OffLink) == 0, autonomous, router, valid, preferred);
                var same = prefixes.FindIndex(p => p.Length == prefix.Length && (Dhcp6Pool.ToValue(p.Prefix) & pool.PrefixMask) == network);
                if (same < 0) { prefixes.Add(prefix); continue; }
                var was = prefixes[same];
                prefixes[same] = was with
                {
                    OnLink = was.OnLink || prefix.OnLink,
                    Autonomous = was.Autonomous || prefix.Autonomous,
                    RouterAddress = was.RouterAddress || prefix.RouterAddress,
                    Prefix = prefix.RouterAddress && !was.RouterAddress ? prefix.Prefix : was.Prefix,
                    ValidLifetime = Math.Min(was.ValidLifetime, prefix.ValidLifetime),
                    PreferredLifetime = Math.Min(was.PreferredLifetime, prefix.PreferredLifetime),
                };
            }
        }
        if (prefixes.Count == 0) return null;

        var routerLifetime = param?.RouterLifetime is { } l ? Math.Min(l, MaxRouterLifetime) : Math.Min(3 * interval, MaxRouterLifetime);
        int? mtu = param switch
        {
            { MtuOff: true } => null,
            { Mtu: { } n } => n,
            { MtuInterface: { } name } => mtuOf?.Invoke(name),
            _ => iface.Mtu > 0 ? iface.Mtu : null,
        };
        IReadOnlyList<IPAddress> dns = DnsServers is { } configured
            ? configured.Where(a => !a.Equals(IPAddress.IPv6Any)).ToList()
            : DnsEnabled && iface.LinkLocal is { } ll ? [new IPAddress(ll.GetAddressBytes())] : [];
        return new RouterAdvertisement(managed, other, param?.Preference ?? RaPreference.Medium, (ushort)routerLifetime, prefixes,
            advRouter ? (uint)interval * 1000 : null, mtu, iface.LinkLayerAddress, dns, DomainSearch ?? [],
            prefixes.Min(p => p.ValidLifetime));
    }

    /// <summary>Valid and preferred lifetime of a range's prefix: its lease time, at least three intervals; infinite when it gives none.</summary>
    public static (uint Valid, uint Preferred) Lifetimes(DhcpRange6 range, int interval)
    {
        uint valid = range.LeaseTime is not { } lease || lease == Timeout.InfiniteTimeSpan
            ? uint.MaxValue
            : (uint)Math.Min(uint.MaxValue, Math.Max((long)lease.TotalSeconds, 3L * interval));
        return (valid, range.Deprecated ? 0u : valid);
    }

    private static bool Glob(string pattern, string name)
    {
        if (!pattern.Contains('*')) return pattern == name;
        var parts = pattern.Split('*');
        if (!name.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = name.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return name.Length - at >= parts[^1].Length && name.EndsWith(parts[^1], StringComparison.Ordinal);
    }
}

/// <summary>Options and interface facts to RA bytes, in the caller's buffer.</summary>
public static class RouterAdvertisementBuilder
{
    /// <summary>The RA for <paramref name="iface"/> written into <paramref name="buffer"/>: its length; 0 when nothing is advertised there; -1 when it does not fit.</summary>
    public static int Build(RaOptions options, RaInterface iface, Span<byte> buffer, Func<string, int?>? mtuOf = null) =>
        options.Plan(iface, mtuOf) is { } ra ? ra.Write(buffer) : 0;
}
