using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>A DS record (RFC 4034 5) or a trust anchor given as one: it names a key of the child zone by a digest.</summary>
public sealed record DsRecord(byte[] Owner, ushort KeyTag, byte Algorithm, byte DigestType, byte[] Digest)
{
    public static DsRecord? Parse(DnssecRecord record)
    {
        var d = record.Data;
        if (record.Type != DnsType.DS || d.Length < 5) return null;
        return new DsRecord(record.Owner, BinaryPrimitives.ReadUInt16BigEndian(d), d[2], d[3], d[4..]);
    }

    /// <summary>SHA-1 (1), SHA-256 (2) and SHA-384 (4): the digests RFC 8624 3.3 has validators implement. GOST (3) is not.</summary>
    public static bool IsSupportedDigest(byte type) => type is 1 or 2 or 4;

    /// <summary>Does <paramref name="key"/> hash to this DS? The digest is over the owner name (lowered) then the DNSKEY RDATA (RFC 4034 5.1.4).</summary>
    public bool Matches(Dnskey key)
    {
        if (key.Algorithm != Algorithm || key.KeyTag != KeyTag || !DnsName.EqualsIgnoreCase(key.Owner, Owner)) return false;
        var input = new byte[key.Owner.Length + key.Rdata.Length];
        CanonicalName.Lower(key.Owner).CopyTo(input, 0);
        key.Rdata.CopyTo(input, key.Owner.Length);
        byte[]? digest = DigestType switch
        {
            1 => SHA1.HashData(input),
            2 => SHA256.HashData(input),
            4 => SHA384.HashData(input),
            _ => null,
        };
        return digest is not null && CryptographicOperations.FixedTimeEquals(digest, Digest);
    }
}
