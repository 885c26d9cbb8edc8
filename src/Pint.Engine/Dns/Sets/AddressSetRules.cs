using Pint.Engine.Config;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// Which sets a question name's answers go to. ipset= and nftset= are matched apart, each like server=: the most
/// specific domain that is the name or a parent of it wins, and "" (<c>/#/</c>, <c>//</c>) catches every other
/// name. As dnsmasq 2.90 (observed): only the first line for a domain counts, so two <c>ipset=/example.com/</c>
/// lines fill only the first one's sets, and a name under a more specific domain gets only that domain's sets.
/// </summary>
public sealed class AddressSetRules
{
    private readonly DomainTable<AddressSetTarget[]> _ipsets = new();
    private readonly DomainTable<AddressSetTarget[]> _nftsets = new();

    public AddressSetRules(IEnumerable<AddressSetRule> rules)
    {
        foreach (var rule in rules)
        {
            var table = rule.Kind == AddressSetKind.Ipset ? _ipsets : _nftsets;
            foreach (var domain in rule.Domains)
                if (!table.TryGetExisting(domain, out _)) table.Set(domain, [.. rule.Sets]);
        }
    }

    public bool IsEmpty => _ipsets.Count == 0 && _nftsets.Count == 0;

    /// <summary>The ipsets and nftables sets for answers to <paramref name="name"/> (wire format); false when none. Allocates nothing.</summary>
    public bool TryMatch(ReadOnlySpan<byte> name, out AddressSetTarget[] ipsets, out AddressSetTarget[] nftsets)
    {
        if (!_ipsets.TryMatch(name, out ipsets)) ipsets = [];
        if (!_nftsets.TryMatch(name, out nftsets)) nftsets = [];
        return ipsets.Length > 0 || nftsets.Length > 0;
    }
}
