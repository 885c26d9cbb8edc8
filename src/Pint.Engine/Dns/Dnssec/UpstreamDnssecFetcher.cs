namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// How the validator asks for the DS and DNSKEY sets it needs: through the same forwarder and upstream servers as the
/// query being validated (never the client), over UDP and again over TCP when the reply is truncated (DNSKEY sets are big).
/// </summary>
public static class UpstreamDnssecFetcher
{
    public static DnssecFetch For(UpstreamForwarder forwarder, UpstreamGroup group, ushort ednsPacketMax) => async (name, type, cancellationToken) =>
    {
        var bytes = DnssecQueryBits.Query(name, type, ednsPacketMax);
        foreach (bool overTcp in new[] { false, true })
        {
            if (ForwardedQuery.Parse(bytes, group, ednsPacketMax) is not { } query) return null;
            var reply = await forwarder.ExchangeAsync(query, overTcp, cancellationToken).ConfigureAwait(false);
            if (reply is not { } r) return null;
            if ((DnsHeader.Read(r.Message).Flags & DnsFlags.Truncated) == 0) return r.Message;
        }
        return null;
    };
}
