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
        bool isPrivate = DnsName.TryParseIPv4Reverse(name, out uint v4) ? PrivateAddresses.IsPrivate(v4)
            : DnsName.TryParseIPv6Reverse(name, v6) && PrivateAddresses.IsPrivate(v6);
        if (!isPrivate || routes.HasSpecificRoute(name)) return DnsVerdict.Continue;
        return DnsVerdict.Answer(DnsRcode.NxDomain, true);
    }
}
