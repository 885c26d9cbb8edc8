namespace Pint.Engine.Dns.Dnssec;

/// <summary>An NSEC (RFC 4034 4): no name lies between its owner and the next name, and its owner has exactly the listed types.</summary>
public sealed record NsecRecord(byte[] Owner, byte[] NextName, byte[] Bitmaps)
{
    public static NsecRecord? Parse(DnssecRecord record)
    {
        if (record.Type != DnsType.NSEC) return null;
        if (DnsMessageReader.DecompressName(record.Data, 0, default, out _, out int consumed) != DnsRejection.None) return null;
        return new NsecRecord(record.Owner, CanonicalName.Lower(record.Data.AsSpan(0, consumed)), record.Data[consumed..]);
    }

    public bool Has(DnsType type) => TypeBitmap.Contains(Bitmaps, type);

    /// <summary>
    /// True when <paramref name="name"/> falls strictly between owner and next name, so does not exist. The last NSEC
    /// of a zone points back at the apex: then everything after the owner is covered.
    /// </summary>
    public bool Covers(ReadOnlySpan<byte> name)
    {
        bool afterOwner = CanonicalName.Compare(Owner, name) < 0;
        int toNext = CanonicalName.Compare(name, NextName);
        bool wraps = CanonicalName.Compare(NextName, Owner) <= 0;
        // The wrap-around NSEC's next name is the apex: it covers what follows the owner inside the zone.
        if (wraps) return afterOwner && CanonicalName.IsAtOrBelow(name, NextName);
        return afterOwner && toNext < 0;
    }

    /// <summary>
    /// An NSEC at a delegation (NS without SOA) comes from the parent side and says nothing about names below it
    /// (RFC 4035 5.4 / RFC 6840 4.1): it must not be used to deny them.
    /// </summary>
    public bool IsDelegation => Has(DnsType.NS) && !Has(DnsType.SOA);
}
