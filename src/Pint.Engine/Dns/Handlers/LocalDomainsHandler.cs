namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// local=/domain/ (and server=/domain/ with no address): names there are never forwarded. What local data did not
/// answer gets NODATA when the name exists locally (an interface-name counts, whatever its interface holds now),
/// NXDOMAIN otherwise (dnsmasq sets no AA on these).
/// </summary>
public sealed class LocalDomainsHandler(UpstreamRoutes routes, LocalNames names, InterfaceNamesHandler? interfaceNames = null) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (routes.Route(context.Query.Name) is not { IsLocalOnly: true }) return DnsVerdict.Continue;
        bool exists = names.Exists(context.Query.Name) || interfaceNames?.Knows(context.Query.Name) == true;
        return DnsVerdict.Answer(exists ? DnsRcode.NoError : DnsRcode.NxDomain, false);
    }
}
