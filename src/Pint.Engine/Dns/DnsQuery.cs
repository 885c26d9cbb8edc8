namespace Pint.Engine.Dns;

/// <summary>
/// A parsed query: header, the one question (name decompressed into the caller's buffer) and EDNS.
/// <see cref="QuestionBytes"/> is the question as the client sent it, so answers echo its exact case.
/// </summary>
public ref struct DnsQuery
{
    public DnsHeader Header;
    /// <summary>Uncompressed wire-format question name (original case).</summary>
    public ReadOnlySpan<byte> Name;
    public DnsType Type;
    public ushort Class;
    /// <summary>Header and question exactly as received (what a REFUSED reply echoes).</summary>
    public ReadOnlySpan<byte> QuestionBytes;
    public bool HasEdns;
    public ushort EdnsUdpSize;
    /// <summary>The OPT's DO bit (RFC 3225): the client wants DNSSEC records, and may be told AD.</summary>
    public bool EdnsDo;

    /// <summary>
    /// Parses a query. <paramref name="nameBuffer"/> must hold 255 bytes. On some rejections (loop, count) the header and
    /// <see cref="QuestionBytes"/> are still set so the caller can answer as dnsmasq does.
    /// </summary>
    public static DnsRejection Parse(ReadOnlySpan<byte> message, Span<byte> nameBuffer, out DnsQuery query)
    {
        query = default;
        var reader = new DnsMessageReader(message);
        var rejection = reader.ReadHeader(out query.Header);
        if (rejection != DnsRejection.None) return rejection;
        if (query.Header.IsResponse) return DnsRejection.NotAQuery;
        query.QuestionBytes = message[..DnsFlags.HeaderLength];
        if (query.Header.QuestionCount != 1)
        {
            // Echo whatever questions parse, so a refusal looks like dnsmasq's.
            for (int i = 0; i < query.Header.QuestionCount; i++)
            {
                if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return DnsRejection.Truncated;
            }
            query.QuestionBytes = message[..reader.Position];
            return DnsRejection.QuestionCount;
        }
        rejection = reader.ReadName(nameBuffer, out int nameLength);
        if (rejection == DnsRejection.CompressionLoop || rejection == DnsRejection.NameTooLong)
        {
            query.QuestionBytes = message;
            return rejection;
        }
        if (rejection != DnsRejection.None) return rejection;
        if (!reader.TryReadUInt16(out ushort type) || !reader.TryReadUInt16(out query.Class)) return DnsRejection.Truncated;
        query.Name = nameBuffer[..nameLength];
        query.Type = (DnsType)type;
        query.QuestionBytes = message[..reader.Position];

        // Answer and authority records in a query are unusual but legal: skip them to reach OPT.
        int others = query.Header.AnswerCount + query.Header.AuthorityCount;
        for (int i = 0; i < others + query.Header.AdditionalCount; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None)
                return DnsRejection.None; // a broken tail after a good question: dnsmasq still answers the question
            if (i >= others && record.Type == DnsType.OPT)
            {
                query.HasEdns = true;
                query.EdnsUdpSize = record.Class;
                query.EdnsDo = (record.Ttl & 0x8000) != 0;
            }
        }
        return DnsRejection.None;
    }

    /// <summary>The largest reply the client accepts over UDP, capped at our edns-packet-max.</summary>
    public readonly int UdpLimit(int ednsPacketMax) =>
        HasEdns ? Math.Clamp((int)EdnsUdpSize, DnsFlags.ClassicUdpLimit, Math.Max(ednsPacketMax, DnsFlags.ClassicUdpLimit)) : DnsFlags.ClassicUdpLimit;
}
