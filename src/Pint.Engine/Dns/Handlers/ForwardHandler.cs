namespace Pint.Engine.Dns.Handlers;

/// <summary>Last step: send the query to its upstream group; with no server to ask, REFUSED (EDE 14 "Not Ready", as dnsmasq).</summary>
public sealed class ForwardHandler(UpstreamRoutes routes) : IDnsQueryHandler
{
    public const ushort EdeNotReady = 14;

    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        var group = routes.Route(context.Query.Name);
        if (group is null || group.IsLocalOnly) return new DnsVerdict(DnsVerdictKind.Reply, DnsRcode.Refused, ExtendedError: EdeNotReady);
        return new DnsVerdict(DnsVerdictKind.Forward, Upstream: group);
    }
}
