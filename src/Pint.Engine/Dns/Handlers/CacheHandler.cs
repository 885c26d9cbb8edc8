namespace Pint.Engine.Dns.Handlers;

/// <summary>
/// Answers from cached upstream replies, aged TTLs, in the client's ID and case, without AA (as dnsmasq). A client
/// without DO gets the copy the cache keeps without RRSIG, NSEC and NSEC3 records (as dnsmasq 2.90's cache answers it,
/// observed); a client with DO gets them.
/// </summary>
public sealed class CacheHandler(DnsCache cache, ushort ednsPacketMax) : IDnsQueryHandler
{
    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        int length = cache.TryCopy(context.Query, context.Output);
        if (length == 0) return DnsVerdict.Continue;
        if (length < 0)
        {
            context.Response.MarkTruncated();
            return DnsVerdict.Answer(DnsRcode.NoError, false);
        }
        length = UpstreamAnswerWriter.Finish(context.Query, context.Output, length, ednsPacketMax, fromCache: true);
        return new DnsVerdict(DnsVerdictKind.RawReply, Length: length);
    }
}
