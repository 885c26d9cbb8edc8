using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>A DNSKEY record (RFC 4034 2.1): its owner, flags, algorithm, key bytes and key tag.</summary>
public sealed record Dnskey(byte[] Owner, ushort Flags, byte Protocol, byte Algorithm, byte[] PublicKey, byte[] Rdata)
{
    /// <summary>Bit 7: a zone key, the only kind that may sign the zone's data (RFC 4034 2.1.1).</summary>
    public bool IsZoneKey => (Flags & 0x0100) != 0;

    /// <summary>Bit 8 (RFC 5011): a revoked key signs nothing.</summary>
    public bool IsRevoked => (Flags & 0x0080) != 0;

    public ushort KeyTag => KeyTags.Of(Rdata);

    public static Dnskey? Parse(DnssecRecord record)
    {
        var d = record.Data;
        if (record.Type != DnsType.DNSKEY || d.Length < 4) return null;
        return new Dnskey(record.Owner, BinaryPrimitives.ReadUInt16BigEndian(d), d[2], d[3], d[4..], d);
    }
}

/// <summary>The key tag of RFC 4034 Appendix B: a checksum of the DNSKEY RDATA that picks the key a signature names.</summary>
public static class KeyTags
{
    public static ushort Of(ReadOnlySpan<byte> dnskeyRdata)
    {
        // Algorithm 1 (RSA/MD5) is the exception: the tag is the key's last bytes but one. It is never validated here.
        if (dnskeyRdata.Length > 4 && dnskeyRdata[3] == 1)
            return dnskeyRdata.Length >= 3 ? BinaryPrimitives.ReadUInt16BigEndian(dnskeyRdata[^3..]) : (ushort)0;
        uint ac = 0;
        for (int i = 0; i < dnskeyRdata.Length; i++) ac += (i & 1) != 0 ? dnskeyRdata[i] : (uint)dnskeyRdata[i] << 8;
        ac += (ac >> 16) & 0xFFFF;
        return (ushort)(ac & 0xFFFF);
    }
}
