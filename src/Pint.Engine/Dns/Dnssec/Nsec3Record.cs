using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// An NSEC3 (RFC 5155 3): the owner's first label is the base32hex hash of a name; no hash lies between it and the next
/// hashed owner. Opt-out (flag bit 0) says unsigned delegations may lie in that span.
/// </summary>
public sealed record Nsec3Record(byte[] Owner, byte HashAlgorithm, byte Flags, ushort Iterations, byte[] Salt, byte[] OwnerHash, byte[] NextHash, byte[] Bitmaps)
{
    /// <summary>dnsmasq 2.90's default dnssec-limits: NSEC3 records with more iterations are not worth the work (RFC 9276 3.2 lets them count as insecure).</summary>
    public const int MaxIterations = 150;

    public bool OptOut => (Flags & 1) != 0;

    public static Nsec3Record? Parse(DnssecRecord record)
    {
        var d = record.Data;
        if (record.Type != DnsType.NSEC3 || d.Length < 5) return null;
        int saltLength = d[4];
        if (5 + saltLength + 1 > d.Length) return null;
        int hashLength = d[5 + saltLength];
        int bitmapsAt = 6 + saltLength + hashLength;
        if (bitmapsAt > d.Length || record.Owner.Length < 2) return null;
        var ownerHash = Base32Hex.Decode(record.Owner.AsSpan(1, record.Owner[0]));
        if (ownerHash is null) return null;
        return new Nsec3Record(record.Owner, d[0], d[1], BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(2)), d.AsSpan(5, saltLength).ToArray(), ownerHash,
            d.AsSpan(6 + saltLength, hashLength).ToArray(), d[bitmapsAt..]);
    }

    /// <summary>The zone the NSEC3 belongs to: its owner without the hash label.</summary>
    public byte[] Zone => Owner[(Owner[0] + 1)..];

    public bool Has(DnsType type) => TypeBitmap.Contains(Bitmaps, type);

    public bool Matches(byte[] hash) => hash.AsSpan().SequenceEqual(OwnerHash);

    /// <summary>Strictly between the owner hash and the next hash (with the last record's span wrapping round).</summary>
    public bool Covers(byte[] hash)
    {
        int afterOwner = hash.AsSpan().SequenceCompareTo(OwnerHash), beforeNext = hash.AsSpan().SequenceCompareTo(NextHash);
        bool wraps = NextHash.AsSpan().SequenceCompareTo(OwnerHash) <= 0;
        return wraps ? afterOwner > 0 || beforeNext < 0 : afterOwner > 0 && beforeNext < 0;
    }

    /// <summary>RFC 5155 5: SHA-1 of the lowered wire name and salt, then of each result and salt again, Iterations times.</summary>
    public byte[] Hash(ReadOnlySpan<byte> name)
    {
        var input = new byte[Math.Max(name.Length, 20) + Salt.Length];
        var lowered = CanonicalName.Lower(name);
        lowered.CopyTo(input, 0);
        Salt.CopyTo(input, lowered.Length);
        var digest = SHA1.HashData(input.AsSpan(0, lowered.Length + Salt.Length));
        for (int i = 0; i < Iterations; i++)
        {
            digest.CopyTo(input, 0);
            Salt.CopyTo(input, 20);
            digest = SHA1.HashData(input.AsSpan(0, 20 + Salt.Length));
        }
        return digest;
    }
}

/// <summary>Base 32 with the extended hex alphabet (RFC 4648 7), no padding: how NSEC3 owner names spell hashes.</summary>
public static class Base32Hex
{
    public static byte[]? Decode(ReadOnlySpan<byte> text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (byte c in text)
        {
            int v = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'v' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'V' => c - 'A' + 10,
                _ => -1,
            };
            if (v < 0) return null;
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. output];
    }
}
