namespace Pint.Engine.Dns.Handlers;

/// <summary>Answers from cached upstream replies, aged TTLs, in the client's ID and case, without AA (as dnsmasq).</summary>
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
