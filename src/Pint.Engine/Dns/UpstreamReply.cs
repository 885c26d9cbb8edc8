using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// An upstream server's reply, checked against the query we sent and cut down to header, question, answer and
/// authority (the OPT and glue of the additional section are dropped: we add our own OPT per client).
/// </summary>
public readonly struct UpstreamReply
{
    public byte[] Message { get; }
    public int[] TtlOffsets { get; }
    public uint[] Ttls { get; }
    /// <summary>How long the reply may be cached; null when it must not be.</summary>
    public uint? CacheSeconds { get; }

    private UpstreamReply(byte[] message, int[] ttlOffsets, uint[] ttls, uint? cacheSeconds)
    {
        Message = message;
        TtlOffsets = ttlOffsets;
        Ttls = ttls;
        CacheSeconds = cacheSeconds;
    }

    /// <summary>
    /// Checks that <paramref name="reply"/> answers <paramref name="query"/> (ID, QR, same question) and normalises it.
    /// <paramref name="negativeTtl"/> is neg-ttl, used for NXDOMAIN/NODATA replies without SOA.
    /// </summary>
    public static DnsRejection TryParse(ReadOnlySpan<byte> reply, ushort expectedId, ReadOnlySpan<byte> queryName, DnsType queryType,
        int? negativeTtl, out UpstreamReply result) =>
        TryParse(reply, expectedId, queryName, queryType, DnsFlags.ClassIn, negativeTtl, out result);

    /// <summary>As above for a question of any class: a reply to the same name and type in another class answers something else.</summary>
    public static DnsRejection TryParse(ReadOnlySpan<byte> reply, ushort expectedId, ReadOnlySpan<byte> queryName, DnsType queryType, ushort queryClass,
        int? negativeTtl, out UpstreamReply result)
    {
        result = default;
        var reader = new DnsMessageReader(reply);
        var rejection = reader.ReadHeader(out var header);
        if (rejection != DnsRejection.None) return rejection;
        if (!header.IsResponse || header.Id != expectedId) return DnsRejection.NotAQuery;
        if (header.QuestionCount != 1) return DnsRejection.QuestionCount;
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        rejection = reader.ReadName(name, out int nameLength);
        if (rejection != DnsRejection.None) return rejection;
        if (!reader.TryReadUInt16(out ushort type) || !reader.TryReadUInt16(out ushort cls)) return DnsRejection.Truncated;
        if (type != (ushort)queryType || cls != queryClass || !DnsName.EqualsIgnoreCase(name[..nameLength], queryName)) return DnsRejection.NotAQuery;

        int records = header.AnswerCount + header.AuthorityCount;
        // Every record takes at least 11 bytes (root name + fixed fields): counts claiming more are lies, and must not size the arrays below.
        if (records > reader.Remaining / 11) return DnsRejection.Truncated;
        var offsets = new int[records];
        var ttls = new uint[records];
        uint minTtl = uint.MaxValue;
        uint? soaNegative = null;
        for (int i = 0; i < records; i++)
        {
            rejection = reader.ReadRecord(default, out _, out var record);
            if (rejection != DnsRejection.None) return rejection;
            offsets[i] = record.TtlOffset;
            ttls[i] = record.Ttl;
            if (i < header.AnswerCount) minTtl = Math.Min(minTtl, record.Ttl);
            else if (record.Type == DnsType.SOA && record.DataLength >= 22)
                soaNegative = Math.Min(record.Ttl, BinaryPrimitives.ReadUInt32BigEndian(reply.Slice(record.DataOffset + record.DataLength - 4)));
        }
        var message = reply[..reader.Position].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(10), 0);

        uint? cacheSeconds = null;
        bool truncated = header.HasFlag(DnsFlags.Truncated);
        if (!truncated && header.Rcode == DnsRcode.NoError && header.AnswerCount > 0) cacheSeconds = minTtl;
        else if (!truncated && (header.Rcode == DnsRcode.NxDomain || (header.Rcode == DnsRcode.NoError && header.AnswerCount == 0)))
            cacheSeconds = soaNegative ?? (negativeTtl is int n && n > 0 ? (uint)n : null);
        result = new UpstreamReply(message, offsets, ttls, cacheSeconds);
        return DnsRejection.None;
    }

    /// <summary>
    /// The NXDOMAIN that stands for <paramref name="bogus"/> (bogus-nxdomain): its header and question only, kept as
    /// long as its answers would have been, as dnsmasq 2.90 caches it.
    /// </summary>
    public static UpstreamReply NxDomainFor(in UpstreamReply bogus)
    {
        var reader = new DnsMessageReader(bogus.Message);
        reader.ReadHeader(out var header);
        reader.ReadName(default, out _);
        reader.TrySkip(4);
        var message = bogus.Message.AsSpan(0, reader.Position).ToArray();
        ushort flags = (ushort)((header.Flags & ~(DnsFlags.RcodeMask | DnsFlags.Authoritative)) | (ushort)DnsRcode.NxDomain);
        new DnsHeader(header.Id, flags, 1, 0, 0, 0).Write(message);
        return new UpstreamReply(message, [], [], bogus.CacheSeconds);
    }
}
