using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>Turns a stored upstream message (from the cache or just received) into the reply for one client.</summary>
public static class UpstreamAnswerWriter
{
    /// <summary>
    /// <paramref name="output"/>[..<paramref name="length"/>] holds the upstream message. Sets the client's ID, the
    /// question in the client's case, our flags, and OPT when the client sent EDNS. Returns the final length.
    /// Like dnsmasq, a reply just received keeps the upstream's AA and one from the cache (<paramref name="fromCache"/>) never has it.
    /// </summary>
    public static int Finish(in DnsQuery query, Span<byte> output, int length, ushort ednsPacketMax, bool fromCache)
    {
        var upstream = DnsHeader.Read(output);
        // AD only to a client that sets AD or DO (RFC 6840 5.7, 5.8), as dnsmasq 2.90 gives it (observed).
        bool wantsAd = query.EdnsDo || (query.Header.Flags & DnsFlags.AuthenticData) != 0;
        ushort passed = (ushort)(DnsFlags.RcodeMask | (wantsAd ? DnsFlags.AuthenticData : 0) | DnsFlags.Truncated | (fromCache ? 0 : DnsFlags.Authoritative));
        ushort flags = (ushort)(DnsFlags.Response | DnsFlags.RecursionAvailable
            | (upstream.Flags & passed)
            | (query.Header.Flags & (DnsFlags.OpcodeMask | DnsFlags.RecursionDesired | DnsFlags.CheckingDisabled)));
        BinaryPrimitives.WriteUInt16BigEndian(output, query.Header.Id);
        BinaryPrimitives.WriteUInt16BigEndian(output[2..], flags);
        query.Name.CopyTo(output[DnsFlags.HeaderLength..]);
        if (query.HasEdns)
        {
            var writer = new DnsMessageWriter(output[length..]);
            if (writer.TryWriteOpt(ednsPacketMax))
            {
                BinaryPrimitives.WriteUInt16BigEndian(output[10..], 1);
                length += writer.Position;
            }
        }
        return length;
    }
}
