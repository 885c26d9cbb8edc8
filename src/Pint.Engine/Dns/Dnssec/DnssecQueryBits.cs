using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>Marks a query going upstream as a validator's: the OPT's DO bit (RFC 3225), and CD when asked (dnssec-debug).</summary>
public static class DnssecQueryBits
{
    /// <summary><paramref name="message"/> is a whole query with an OPT in its additional section; other messages are left alone.</summary>
    public static void Set(Span<byte> message, bool checkingDisabled)
    {
        var reader = new DnsMessageReader(message);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return;
        if (checkingDisabled) BinaryPrimitives.WriteUInt16BigEndian(message[2..], (ushort)(header.Flags | DnsFlags.CheckingDisabled));
        for (int i = 0; i < header.QuestionCount; i++)
            if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) return;
            // The OPT's TTL field is extended rcode, version, then the flags: DO is their top bit.
            if (i >= header.AnswerCount + header.AuthorityCount && record.Type == DnsType.OPT) message[record.TtlOffset + 2] |= 0x80;
        }
    }

    /// <summary>A query for (<paramref name="name"/>, <paramref name="type"/>) as the validator sends it: RD, EDNS with DO, as dnsmasq's own.</summary>
    public static byte[] Query(ReadOnlySpan<byte> name, DnsType type, ushort udpSize)
    {
        var buffer = new byte[DnsFlags.HeaderLength + name.Length + 4 + 11];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(0, DnsFlags.RecursionDesired, 1, 0, 0, 1));
        writer.TryWriteQuestion(name, type, DnsFlags.ClassIn);
        writer.TryWriteOpt(udpSize);
        var query = buffer[..writer.Position];
        Set(query, checkingDisabled: false);
        return query;
    }
}
