using System.Buffers;
using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// Takes the DNSSEC records (RRSIG, NSEC, NSEC3) out of a reply for a client that did not set DO (RFC 3225 3), as
/// dnsmasq 2.90's rrfilter(RRFILTER_DNSSEC) does: from all three sections, except answer records of the type asked
/// (a query for RRSIG or NSEC still gets them). The message shrinks in place; compression pointers behind a removed
/// record are moved down with it. A kept name pointing into a removed record (named does that: a name compressed
/// against an RRSIG's signer name) makes dnsmasq give up and pass the reply on whole, which a fresh reply here does as
/// well (observed: dnsmasq 2.90 hands the RRSIGs of a fresh positive answer to a client without DO); with
/// <c>rebuild</c> (the cache, whose answers dnsmasq builds from its own records, without RRSIGs) the message is then
/// written again, its names decompressed and compressed anew.
/// </summary>
public static class DnssecRecordFilter
{
    private const int MaxRecords = 256;

    /// <summary>Filters <paramref name="message"/>[..<paramref name="length"/>]; returns the new length (the old one when nothing goes).</summary>
    public static int Strip(Span<byte> message, int length, DnsType queryType, bool rebuild = false)
    {
        var reader = new DnsMessageReader(message[..length]);
        if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount != 1) return length;
        if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return length;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        if (records > MaxRecords) return length;
        // Removed ranges as [start, end) pairs, in message order.
        Span<int> removed = stackalloc int[2 * MaxRecords];
        Span<bool> keep = stackalloc bool[MaxRecords];
        Span<int> starts = stackalloc int[MaxRecords];
        Span<int> dataStarts = stackalloc int[MaxRecords];
        int ranges = 0;
        ushort chopAnswer = 0, chopAuthority = 0, chopAdditional = 0;
        for (int i = 0; i < records; i++)
        {
            starts[i] = reader.Position;
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) return length;
            dataStarts[i] = record.DataOffset;
            bool dnssec = record.Type is DnsType.RRSIG or DnsType.NSEC or DnsType.NSEC3;
            bool asked = i < header.AnswerCount && record.Type == queryType && record.Class == DnsFlags.ClassIn;
            keep[i] = !dnssec || asked;
            if (keep[i]) continue;
            removed[2 * ranges] = starts[i];
            removed[2 * ranges + 1] = reader.Position;
            ranges++;
            if (i < header.AnswerCount) chopAnswer++;
            else if (i < header.AnswerCount + header.AuthorityCount) chopAuthority++;
            else chopAdditional++;
        }
        if (ranges == 0) return length;
        var ranged = removed[..(2 * ranges)];

        // Check every pointer of the kept names first, then move them: all or nothing.
        for (int pass = 0; pass < 2; pass++)
        {
            bool fix = pass == 1;
            for (int i = 0; i < records; i++)
            {
                if (!keep[i]) continue;
                var type = (DnsType)BinaryPrimitives.ReadUInt16BigEndian(message[(dataStarts[i] - 10)..]);
                ushort cls = BinaryPrimitives.ReadUInt16BigEndian(message[(dataStarts[i] - 8)..]);
                if (!FixName(message, starts[i], ranged, fix) || (cls == DnsFlags.ClassIn && !FixData(message, type, dataStarts[i], ranged, fix)))
                    return rebuild ? Rebuild(message, length, keep[..records]) : length;
            }
        }

        // Close the gaps, then the counts.
        int write = ranged[0];
        for (int r = 0; r < ranges; r++)
        {
            int from = ranged[2 * r + 1];
            int to = r + 1 < ranges ? ranged[2 * r + 2] : length;
            message[from..to].CopyTo(message[write..]);
            write += to - from;
        }
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], (ushort)(header.AnswerCount - chopAnswer));
        BinaryPrimitives.WriteUInt16BigEndian(message[8..], (ushort)(header.AuthorityCount - chopAuthority));
        BinaryPrimitives.WriteUInt16BigEndian(message[10..], (ushort)(header.AdditionalCount - chopAdditional));
        return write;
    }

    /// <summary>
    /// Writes the message again without the records <paramref name="keep"/> leaves out: header, question, then each kept
    /// record with its names decompressed (owner, and those inside the RDATA of the types RFC 1035 compresses) and
    /// compressed against what is written. Returns the new length, or <paramref name="length"/> (unchanged) when it does not fit.
    /// </summary>
    private static int Rebuild(Span<byte> message, int length, ReadOnlySpan<bool> keep)
    {
        // Pooled: the cache rebuilds on every hit of a client without DO.
        var sourceBuffer = ArrayPool<byte>.Shared.Rent(length);
        var outputBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, DnsFlags.ClassicUdpLimit));
        try
        {
            message[..length].CopyTo(sourceBuffer);
            return Rebuild(message, sourceBuffer.AsSpan(0, length), keep, outputBuffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sourceBuffer);
            ArrayPool<byte>.Shared.Return(outputBuffer);
        }
    }

    private static int Rebuild(Span<byte> message, ReadOnlySpan<byte> source, ReadOnlySpan<bool> keep, Span<byte> output)
    {
        int length = source.Length;
        var reader = new DnsMessageReader(source);
        reader.ReadHeader(out var header);
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        if (reader.ReadName(name, out int nameLength) != DnsRejection.None || !reader.TryReadUInt16(out ushort qtype) || !reader.TryReadUInt16(out ushort qclass)) return length;
        var writer = new DnsMessageWriter(output);
        if (!writer.TryWriteHeader(header) || !writer.TryWriteQuestion(name[..nameLength], (DnsType)qtype, qclass)) return length;
        Span<ushort> counts = stackalloc ushort[3];
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records; i++)
        {
            if (reader.ReadRecord(name, out nameLength, out var record) != DnsRejection.None) return length;
            if (!keep[i]) continue;
            if (!writer.TryWriteName(name[..nameLength]) || !writer.TryWriteRaw(source.Slice(record.DataOffset - 10, 8))) return length; // type, class, TTL
            int rdLengthAt = writer.Position;
            if (!writer.TryWriteUInt16(0) || !WriteData(ref writer, source, record)) return length;
            if (!writer.TryEndRecord(rdLengthAt)) return length;
            counts[i < header.AnswerCount ? 0 : i < header.AnswerCount + header.AuthorityCount ? 1 : 2]++;
        }
        if (writer.Position > message.Length) return length;
        writer.Written.CopyTo(message);
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], counts[0]);
        BinaryPrimitives.WriteUInt16BigEndian(message[8..], counts[1]);
        BinaryPrimitives.WriteUInt16BigEndian(message[10..], counts[2]);
        return writer.Position;
    }

    /// <summary>One record's RDATA, its names (for the types that compress them) decompressed and written anew.</summary>
    private static bool WriteData(ref DnsMessageWriter writer, ReadOnlySpan<byte> source, in DnsRecordInfo record)
    {
        var data = source.Slice(record.DataOffset, record.DataLength);
        // (plain bytes before a name, names, plain bytes after) per type; others are copied as they are.
        (int Fixed, int Names) layout = record.Class != DnsFlags.ClassIn ? (0, 0) : record.Type switch
        {
            DnsType.NS or DnsType.CNAME or DnsType.PTR or DnsType.DNAME => (0, 1),
            DnsType.SOA => (0, 2),
            DnsType.MX => (2, 1),
            _ => (0, 0),
        };
        if (layout.Names == 0) return writer.TryWriteRaw(data);
        if (!writer.TryWriteRaw(data[..layout.Fixed])) return false;
        int at = record.DataOffset + layout.Fixed;
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        for (int n = 0; n < layout.Names; n++)
        {
            if (DnsMessageReader.DecompressName(source, at, name, out int length, out int consumed) != DnsRejection.None) return false;
            if (!writer.TryWriteName(name[..length])) return false;
            at += consumed;
        }
        int end = record.DataOffset + record.DataLength;
        return at <= end && writer.TryWriteRaw(source[at..end]);
    }

    /// <summary>True when the message has a DNSSEC record that <see cref="Strip"/> would take out (a cheap look first).</summary>
    public static bool HasDnssecRecords(ReadOnlySpan<byte> message, DnsType queryType)
    {
        var reader = new DnsMessageReader(message);
        if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount != 1) return false;
        if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return false;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) return false;
            if (record.Type is DnsType.RRSIG or DnsType.NSEC or DnsType.NSEC3 && !(i < header.AnswerCount && record.Type == queryType)) return true;
        }
        return false;
    }

    /// <summary>The names inside RDATA that may be compressed (RFC 1035 and those dnsmasq's rrfilter_desc lists): where each starts.</summary>
    private static bool FixData(Span<byte> message, DnsType type, int data, ReadOnlySpan<int> removed, bool fix)
    {
        int at = data;
        switch (type)
        {
            case DnsType.NS or DnsType.CNAME or DnsType.PTR or DnsType.DNAME or (DnsType)3 /* MD */ or (DnsType)4 /* MF */
                or (DnsType)7 /* MB */ or (DnsType)8 /* MG */ or (DnsType)9 /* MR */ or (DnsType)30 /* NXT */:
                return FixName(message, at, removed, fix);
            case DnsType.SOA or (DnsType)14 /* MINFO */ or (DnsType)17 /* RP */:
                return FixName(message, at, removed, fix, out at) && FixName(message, at, removed, fix);
            case DnsType.MX or (DnsType)18 /* AFSDB */ or (DnsType)21 /* RT */ or (DnsType)36 /* KX */:
                return FixName(message, data + 2, removed, fix);
            case (DnsType)26 /* PX */:
                return FixName(message, data + 2, removed, fix, out at) && FixName(message, at, removed, fix);
            case DnsType.SRV:
                return FixName(message, data + 6, removed, fix);
            default:
                return true;
        }
    }

    private static bool FixName(Span<byte> message, int at, ReadOnlySpan<int> removed, bool fix) => FixName(message, at, removed, fix, out _);

    /// <summary>Walks one name; its pointer (if any) must not land in a removed record, and moves down by what was removed before its target.</summary>
    private static bool FixName(Span<byte> message, int at, ReadOnlySpan<int> removed, bool fix, out int next)
    {
        next = at;
        while (true)
        {
            if (at >= message.Length) return false;
            byte len = message[at];
            if ((len & 0xC0) == 0xC0)
            {
                if (at + 1 >= message.Length) return false;
                int target = ((len & 0x3F) << 8) | message[at + 1];
                int shift = 0;
                for (int r = 0; r < removed.Length; r += 2)
                {
                    if (target < removed[r]) break;
                    if (target < removed[r + 1]) return false; // into a removed record
                    shift += removed[r + 1] - removed[r];
                }
                if (fix && shift > 0) BinaryPrimitives.WriteUInt16BigEndian(message[at..], (ushort)(0xC000 | (target - shift)));
                next = at + 2;
                return true;
            }
            if ((len & 0xC0) != 0) return false;
            at += 1 + len;
            if (len == 0)
            {
                next = at;
                return true;
            }
        }
    }
}
