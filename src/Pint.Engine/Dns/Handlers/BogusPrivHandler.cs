using System.Buffers.Binary;

namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// bogus-priv: reverse lookups of private ranges that local data did not answer get NXDOMAIN here instead of
/// leaking upstream, unless a server=/…arpa/ line routes them somewhere on purpose.
/// </summary>
public sealed class BogusPrivHandler(UpstreamRoutes routes) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (context.Query.Type != DnsType.PTR) return DnsVerdict.Continue;
        var name = context.Query.Name;
        Span<byte> v6 = stackalloc byte[16];
        bool isPrivate = DnsName.TryParseIPv4Reverse(name, out uint v4) ? IsPrivate(v4)
            : DnsName.TryParseIPv6Reverse(name, v6) && IsPrivate(v6);
        if (!isPrivate || routes.HasSpecificRoute(name)) return DnsVerdict.Continue;
        return DnsVerdict.Answer(DnsRcode.NxDomain, true);
    }

    /// <summary>
    /// The IPv4 ranges dnsmasq 2.90 treats as private (observed): this network, RFC 1918, loopback, link-local,
    /// the three documentation nets and broadcast. Not 100.64/10 (shared address space).
    /// </summary>
    public static bool IsPrivate(uint a) =>
        (a >> 24) == 10 || (a >> 24) == 127 || (a >> 24) == 0
        || (a >> 20) == (172u << 4 | 1) || (a >> 16) == (192u << 8 | 168) || (a >> 16) == (169u << 8 | 254)
        || (a >> 8) == (192u << 16 | 0 << 8 | 2) || (a >> 8) == (198u << 16 | 51 << 8 | 100) || (a >> 8) == (203u << 16 | 0 << 8 | 113)
        || a == uint.MaxValue;

    /// <summary>
    /// IPv6 as dnsmasq 2.90 (observed): unspecified, loopback, fe80::/9 (link- and site-local), fd00::/8 (but not
    /// fc00::/8), 2001:db8::/32 and IPv4-mapped private addresses.
    /// </summary>
    public static bool IsPrivate(ReadOnlySpan<byte> a)
    {
        ulong high = BinaryPrimitives.ReadUInt64BigEndian(a), low = BinaryPrimitives.ReadUInt64BigEndian(a[8..]);
        if (high == 0 && low <= 1) return true;
        if (high == 0 && (low >> 32) == 0xFFFF) return IsPrivate((uint)low);
        return a[0] == 0xFE && (a[1] & 0x80) != 0 || a[0] == 0xFD || (high >> 32) == 0x20010DB8;
    }
}
