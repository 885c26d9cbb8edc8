namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// filterwin2k: the periodic SOA, SRV and LDAP-style ANY queries of Windows machines get no answer from the
/// public DNS and wake dial-on-demand links, so they are not forwarded. As dnsmasq 2.90 (observed): SOA and SRV
/// queries, and ANY queries for names holding an underscore, get an empty authoritative NOERROR. Local records
/// answer first (a srv-host line still answers), and the filter comes before address=, local domains, bogus-priv
/// and domain-needed.
/// </summary>
public sealed class FilterWin2kHandler : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        var type = context.Query.Type;
        bool filtered = type is DnsType.SOA or DnsType.SRV || (type == DnsType.ANY && HasUnderscore(context.Query.Name));
        return filtered ? DnsVerdict.Answer(DnsRcode.NoError, true) : DnsVerdict.Continue;
    }

    /// <summary>Whether a label of the wire-format name holds '_' (walked label by label: a length byte may be 95 too).</summary>
    private static bool HasUnderscore(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < name.Length && name[i] != 0; i += name[i] + 1)
            if (name.Slice(i + 1, Math.Min(name[i], name.Length - i - 1)).Contains((byte)'_')) return true;
        return false;
    }
}
