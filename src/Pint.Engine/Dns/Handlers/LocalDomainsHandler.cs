namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// local=/domain/ (and server=/domain/ with no address): names there are never forwarded. What local data did not
/// answer gets NODATA when the name exists locally, NXDOMAIN otherwise (dnsmasq sets no AA on these).
/// </summary>
public sealed class LocalDomainsHandler(UpstreamRoutes routes, LocalNames names) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (routes.Route(context.Query.Name) is not { IsLocalOnly: true }) return DnsVerdict.Continue;
        return DnsVerdict.Answer(names.Exists(context.Query.Name) ? DnsRcode.NoError : DnsRcode.NxDomain, false);
    }
}
