using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// address=/domain/ip for the domain and all its subdomains (the most specific domain wins). An IPv4 rule answers A
/// (0.0.0.0 blocks ads), an IPv6 rule AAAA; other types pass on. A rule without address answers NXDOMAIN for everything.
/// </summary>
public sealed class AddressRulesHandler : IDnsQueryHandler
{
    private sealed class RuleSet(string domain)
    {
        public readonly byte[] Owner = DnsName.FromText(domain);
        public readonly List<byte[]> A = [];
        public readonly List<byte[]> Aaaa = [];
        public bool NxDomain;
    }

    private readonly DomainTable<RuleSet> _rules = new();
    private readonly uint _ttl;

    public AddressRulesHandler(IReadOnlyList<AddressRule> rules, int localTtl)
    {
        _ttl = (uint)Math.Max(0, localTtl);
        foreach (var rule in rules)
        {
            if (!_rules.TryGetExisting(rule.Domain, out var set)) _rules.Set(rule.Domain, set = new RuleSet(rule.Domain));
            if (rule.Address is null) set.NxDomain = true;
            else (rule.Address.AddressFamily == AddressFamily.InterNetwork ? set.A : set.Aaaa).Add(rule.Address.GetAddressBytes());
        }
    }

    public bool IsEmpty => _rules.Count == 0;

    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        if (!_rules.TryMatch(context.Query.Name, out var set)) return DnsVerdict.Continue;
        if (set.NxDomain) return DnsVerdict.Answer(DnsRcode.NxDomain, false);
        var list = context.Query.Type switch { DnsType.A => set.A, DnsType.AAAA => set.Aaaa, _ => null };
        if (list is null || list.Count == 0) return DnsVerdict.Continue;
        foreach (var address in list)
            context.Response.AddRecord(DnsSection.Answer, context.Response.QuestionName, context.Query.Type, _ttl, address);
        return DnsVerdict.Answer(DnsRcode.NoError, true);
    }
}
