namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// The dnssec options as the server runs them: the trust anchors, dnssec-check-unsigned (on unless =no, as in
/// dnsmasq 2.80 and later), dnssec-no-timecheck and dnssec-debug (validate, set CD upstream, never SERVFAIL),
/// dnssec-limits, dnssec-timestamp, and which server=/domain/ lines are left unvalidated.
/// </summary>
public sealed record DnssecSettings(IReadOnlyList<TrustAnchor> TrustAnchors, bool CheckUnsigned = true, bool NoTimeCheck = false, bool Debug = false)
{
    private DomainTable<bool>? _serverDomains;

    /// <summary>dnssec-limits: the work one validation may cost (dnsmasq's defaults unless set).</summary>
    public DnssecLimits Limits { get; init; } = DnssecLimits.Default;

    /// <summary>Sub-queries for DS and DNSKEY per validated reply (the third dnssec-limits value).</summary>
    public int MaxSubQueries => Limits.SubQueries;

    /// <summary>dnssec-timestamp=PATH: no validity-window checks while the clock reads earlier than this file's time.</summary>
    public string? TimestampPath { get; init; }

    /// <summary>
    /// Domains of server=/domain/ lines, each with whether queries routed there are validated: as dnsmasq 2.90 (man
    /// page, observed), "DNSSEC validation is turned off for such private nameservers, UNLESS a --trust-anchor is
    /// specified for the domain in question" (the anchor's name equal to the domain); server=/domain/# sends the
    /// domain to the default servers, validated as they are.
    /// </summary>
    public IReadOnlyList<(string Domain, bool Validated)> ServerDomains { get; init; } = [];

    /// <summary>These settings with <see cref="ServerDomains"/> taken from the server lines.</summary>
    public DnssecSettings WithServers(IEnumerable<ForwardServer> servers)
    {
        var anchored = new HashSet<string>(TrustAnchors.Select(a => a.Domain.Trim('.')), StringComparer.OrdinalIgnoreCase);
        var domains = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in servers)
        {
            if (server.Domains is null) continue;
            foreach (var raw in server.Domains)
            {
                var domain = raw.Trim('.');
                if (domain.Length == 0) continue; // server=//: names without a dot, never validated by dnsmasq; not routed as a domain here
                domains[domain] = server.UseStandardServers || anchored.Contains(domain);
            }
        }
        return this with { ServerDomains = domains.Select(d => (d.Key, d.Value)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList(), _serverDomains = null };
    }

    /// <summary>False when the most specific server=/domain/ over <paramref name="name"/> (wire format) is a private, unanchored one.</summary>
    public bool Validates(ReadOnlySpan<byte> name)
    {
        if (ServerDomains.Count == 0) return true;
        var table = _serverDomains;
        if (table is null)
        {
            table = new DomainTable<bool>();
            foreach (var (domain, validated) in ServerDomains) table.Set(domain, validated);
            _serverDomains = table;
        }
        return !table.TryMatch(name, out bool v) || v;
    }

    /// <summary>The settings as text, to tell whether a reload changed them.</summary>
    public string Describe() => $"{CheckUnsigned}|{NoTimeCheck}|{Debug}|{Limits}|{TimestampPath}|" +
        string.Join(',', ServerDomains.Select(d => $"{d.Domain}={d.Validated}")) + "|" +
        string.Join(';', TrustAnchors.Select(a => $"{a.Domain},{a.KeyTag},{a.Algorithm},{a.DigestType},{Convert.ToHexString(a.Digest)}"));
}
