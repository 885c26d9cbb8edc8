namespace Pint.Engine.Dns.Handlers;

/// <summary>domain-needed: A/AAAA queries for bare names (no dot) are never forwarded: NODATA if known locally, else NXDOMAIN.</summary>
public sealed class DomainNeededHandler(LocalNames names) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (context.Query.Type is not (DnsType.A or DnsType.AAAA) || DnsName.LabelCount(context.Query.Name) > 1) return DnsVerdict.Continue;
        return DnsVerdict.Answer(names.Exists(context.Query.Name) ? DnsRcode.NoError : DnsRcode.NxDomain, false);
    }
}
