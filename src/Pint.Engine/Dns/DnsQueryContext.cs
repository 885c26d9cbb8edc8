namespace Pint.Engine.Dns;

/// <summary>What a handler decided about a query.</summary>
public enum DnsVerdictKind
{
    /// <summary>Not mine: ask the next handler.</summary>
    Continue,
    /// <summary>Reply with what was added to the builder and the given rcode/AA.</summary>
    Reply,
    /// <summary>A complete reply was written straight into the output buffer (cache hit).</summary>
    RawReply,
    /// <summary>Send upstream to the given group.</summary>
    Forward,
}

public readonly record struct DnsVerdict(DnsVerdictKind Kind, DnsRcode Rcode = DnsRcode.NoError, bool Authoritative = false,
    int Length = 0, UpstreamGroup? Upstream = null, ushort? ExtendedError = null)
{
    public static DnsVerdict Continue => default;
    public static DnsVerdict Answer(DnsRcode rcode, bool authoritative) => new(DnsVerdictKind.Reply, rcode, authoritative);
}

/// <summary>One query on its way through the handlers.</summary>
public ref struct DnsQueryContext
{
    public DnsQuery Query;
    public DnsResponseBuilder Response;
    /// <summary>The whole reply buffer, already limited to what the client accepts.</summary>
    public Span<byte> Output;
    /// <summary>The IPv4 address the query was sent to, as a big-endian number; 0 when unknown or IPv6 (localise-queries).</summary>
    public uint LocalIPv4;
}

/// <summary>
/// One step of answering, like a CoreDNS plugin. Handlers run in a fixed order; the first that does not answer
/// <see cref="DnsVerdict.Continue"/> decides. A handler that continues must not have added records.
/// </summary>
public interface IDnsQueryHandler
{
    DnsVerdict Handle(ref DnsQueryContext context);
}
