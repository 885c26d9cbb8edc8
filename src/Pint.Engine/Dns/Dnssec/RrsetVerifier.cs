using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// Verifies an RRset with an RRSIG and a DNSKEY: the signed data is the RRSIG RDATA without the signature, then each
/// record in canonical form and order (RFC 4034 3.1.8.1, 6.2, 6.3): the owner lowered (or the wildcard it came from
/// when the RRSIG's label count is smaller, RFC 4035 5.3.2), type, class, the original TTL, and the RDATA.
/// </summary>
public static class RrsetVerifier
{
    public static byte[] SignedData(Rrsig sig, IReadOnlyList<DnssecRecord> rrset)
    {
        var owner = SigningOwner(rrset[0].Owner, sig.Labels);
        var sorted = rrset.Select(r => r.Data).Distinct(ByteArrayComparer.Instance).OrderBy(d => d, ByteArrayComparer.Instance).ToList();
        var output = new List<byte>(sig.RdataWithoutSignature.Length + sorted.Sum(d => owner.Length + 10 + d.Length));
        output.AddRange(sig.RdataWithoutSignature);
        Span<byte> fixedFields = stackalloc byte[10];
        foreach (var data in sorted)
        {
            output.AddRange(owner);
            BinaryPrimitives.WriteUInt16BigEndian(fixedFields, (ushort)rrset[0].Type);
            BinaryPrimitives.WriteUInt16BigEndian(fixedFields[2..], rrset[0].Class);
            BinaryPrimitives.WriteUInt32BigEndian(fixedFields[4..], sig.OriginalTtl);
            BinaryPrimitives.WriteUInt16BigEndian(fixedFields[8..], (ushort)data.Length);
            foreach (var b in fixedFields) output.Add(b);
            output.AddRange(data);
        }
        return [.. output];
    }

    /// <summary>The owner as signed: the name itself, or "*." and its rightmost <paramref name="labels"/> labels for a wildcard expansion.</summary>
    public static byte[] SigningOwner(byte[] owner, byte labels)
    {
        var lowered = CanonicalName.Lower(owner);
        // An owner "*.x" counts the labels of x only (RFC 4034 3.1.3).
        int count = DnsName.LabelCount(lowered);
        if (lowered.Length > 2 && lowered[0] == 1 && lowered[1] == '*') count--;
        return labels >= count ? lowered : CanonicalName.Wildcard(CanonicalName.Suffix(lowered, labels));
    }

    /// <summary>
    /// True when <paramref name="sig"/>, made by <paramref name="key"/>, signs <paramref name="rrset"/> now (or at any time with
    /// <paramref name="checkTime"/> false, for dnssec-no-timecheck).
    /// </summary>
    public static bool Verify(Rrsig sig, Dnskey key, IReadOnlyList<DnssecRecord> rrset, DateTimeOffset now, bool checkTime)
    {
        if (rrset.Count == 0 || sig.Algorithm != key.Algorithm || sig.KeyTag != key.KeyTag || !key.IsZoneKey || key.IsRevoked || key.Protocol != 3) return false;
        if (!DnsName.EqualsIgnoreCase(sig.SignerName, key.Owner) || !CanonicalName.IsAtOrBelow(rrset[0].Owner, sig.SignerName)) return false;
        if (sig.Labels > DnsName.LabelCount(rrset[0].Owner)) return false;
        if (checkTime && !SignatureWindow.Contains(sig.Inception, sig.Expiration, now)) return false;
        return SignatureAlgorithms.Verify(sig.Algorithm, key.PublicKey, SignedData(sig, rrset), sig.Signature);
    }

    private sealed class ByteArrayComparer : IComparer<byte[]>, IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
