namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// bogus-priv: reverse lookups of private IPv4 ranges that local data did not answer get NXDOMAIN here instead of
/// leaking upstream, unless a server=/…in-addr.arpa/ line routes them somewhere on purpose.
/// </summary>
public sealed class BogusPrivHandler(UpstreamRoutes routes) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (context.Query.Type != DnsType.PTR || !DnsName.TryParseIPv4Reverse(context.Query.Name, out uint address)) return DnsVerdict.Continue;
        if (!IsPrivate(address) || routes.HasSpecificRoute(context.Query.Name)) return DnsVerdict.Continue;
        return DnsVerdict.Answer(DnsRcode.NxDomain, true);
    }

    /// <summary>RFC 1918, loopback, link-local, shared (CGNAT) and "this network" ranges.</summary>
    public static bool IsPrivate(uint a) =>
        (a >> 24) == 10 || (a >> 24) == 127 || (a >> 24) == 0
        || (a >> 20) == (172u << 4 | 1) || (a >> 16) == (192u << 8 | 168) || (a >> 16) == (169u << 8 | 254)
        || (a >> 22) == (100u << 2 | 1);
}
