namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// The dnssec options as the server runs them: the trust anchors, dnssec-check-unsigned (on unless =no, as in
/// dnsmasq 2.80 and later), dnssec-no-timecheck and dnssec-debug (validate, set CD upstream, never SERVFAIL).
/// </summary>
public sealed record DnssecSettings(IReadOnlyList<TrustAnchor> TrustAnchors, bool CheckUnsigned = true, bool NoTimeCheck = false, bool Debug = false)
{
    /// <summary>dnsmasq's default dnssec-limits: sub-queries for DS and DNSKEY per validated reply.</summary>
    public int MaxSubQueries { get; init; } = 40;

    /// <summary>The settings as text, to tell whether a reload changed them.</summary>
    public string Describe() => $"{CheckUnsigned}|{NoTimeCheck}|{Debug}|{MaxSubQueries}|" +
        string.Join(';', TrustAnchors.Select(a => $"{a.Domain},{a.KeyTag},{a.Algorithm},{a.DigestType},{Convert.ToHexString(a.Digest)}"));
}
