using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>An upstream reply decoded for validation: its header and every answer and authority record in canonical form.</summary>
public sealed class DnssecMessage
{
    private DnssecMessage(DnsHeader header, List<DnssecRecord> records)
    {
        Header = header;
        Records = records;
    }

    public DnsHeader Header { get; }
    public IReadOnlyList<DnssecRecord> Records { get; }
    public DnsRcode Rcode => Header.Rcode;

    public IEnumerable<DnssecRecord> In(DnsSection section) => Records.Where(r => r.Section == section);

    /// <summary>
    /// Decodes header, question (skipped) and the answer and authority sections; the additional section (glue, OPT)
    /// proves nothing and is skipped. Null when the message does not parse.
    /// </summary>
    public static DnssecMessage? Parse(ReadOnlySpan<byte> message)
    {
        var reader = new DnsMessageReader(message);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return null;
        for (int i = 0; i < header.QuestionCount; i++)
            if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return null;
        var records = new List<DnssecRecord>();
        Span<byte> owner = stackalloc byte[DnsFlags.MaxNameLength];
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount; i++)
        {
            if (reader.ReadRecord(owner, out int ownerLength, out var info) != DnsRejection.None) return null;
            var data = CanonicalRdata(message, info);
            if (data is null) return null;
            var section = i < header.AnswerCount ? DnsSection.Answer : DnsSection.Authority;
            records.Add(new DnssecRecord(CanonicalName.Lower(owner[..ownerLength]), info.Type, info.Class, info.Ttl, data, section));
        }
        return new DnssecMessage(header, records);
    }

    /// <summary>
    /// Where the names sit in the RDATA of the types that may carry compressed names, and which of them are lowered
    /// (RFC 4034 6.2 as RFC 6840 5.1 corrects it: NSEC and RRSIG keep their case and are never compressed).
    /// n: a name, 2: two bytes, s: a character-string. What follows the layout is copied as it is.
    /// </summary>
    private static string? Layout(DnsType type) => (ushort)type switch
    {
        2 or 3 or 4 or 5 or 7 or 8 or 9 or 12 or 39 => "n", // NS MD MF CNAME MB MG MR PTR DNAME
        6 or 14 or 17 => "nn", // SOA (then 20 bytes) MINFO RP
        15 or 18 or 21 or 36 => "2n", // MX AFSDB RT KX
        26 => "2nn", // PX
        33 => "222n", // SRV
        35 => "22sssn", // NAPTR
        _ => null,
    };

    private static byte[]? CanonicalRdata(ReadOnlySpan<byte> message, DnsRecordInfo info)
    {
        var rdata = message.Slice(info.DataOffset, info.DataLength);
        if (Layout(info.Type) is not { } layout) return rdata.ToArray();
        var output = new List<byte>(info.DataLength + 32);
        int pos = info.DataOffset, end = info.DataOffset + info.DataLength;
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        foreach (char field in layout)
        {
            switch (field)
            {
                case 'n':
                    if (DnsMessageReader.DecompressName(message, pos, name, out int length, out int consumed) != DnsRejection.None) return null;
                    for (int i = 0; i < length; i++) output.Add(DnsName.Lower(name[i]));
                    pos += consumed;
                    break;
                case '2':
                    if (pos + 2 > end) return null;
                    output.Add(message[pos]);
                    output.Add(message[pos + 1]);
                    pos += 2;
                    break;
                case 's':
                    if (pos >= end || pos + 1 + message[pos] > end) return null;
                    int text = message[pos];
                    for (int i = 0; i <= text; i++) output.Add(message[pos + i]);
                    pos += 1 + text;
                    break;
            }
            if (pos > end) return null;
        }
        for (; pos < end; pos++) output.Add(message[pos]);
        return [.. output];
    }

    /// <summary>The RRset of (<paramref name="owner"/>, <paramref name="type"/>) in a section, or none.</summary>
    public List<DnssecRecord> RrSet(DnsSection section, ReadOnlySpan<byte> owner, DnsType type)
    {
        var set = new List<DnssecRecord>();
        foreach (var r in Records)
            if (r.Section == section && r.Type == type && DnsName.EqualsIgnoreCase(r.Owner, owner)) set.Add(r);
        return set;
    }

    /// <summary>The RRSIGs in a section over (<paramref name="owner"/>, <paramref name="type"/>).</summary>
    public List<Rrsig> SignaturesOver(DnsSection section, ReadOnlySpan<byte> owner, DnsType type)
    {
        var sigs = new List<Rrsig>();
        foreach (var r in Records)
            if (r.Section == section && r.Type == DnsType.RRSIG && r.CoveredType == type && DnsName.EqualsIgnoreCase(r.Owner, owner)
                && Rrsig.Parse(r) is { } sig) sigs.Add(sig);
        return sigs;
    }

    internal static ushort ReadUInt16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16BigEndian(s[at..]);
}
