using System.Buffers.Binary;

namespace Pint.Engine.Dns.Dnssec;

/// <summary>An RRSIG's RDATA (RFC 4034 3.1), with its owner (the name of the RRset it signs).</summary>
public sealed record Rrsig(byte[] Owner, DnsType TypeCovered, byte Algorithm, byte Labels, uint OriginalTtl, uint Expiration, uint Inception,
    ushort KeyTag, byte[] SignerName, byte[] Signature, byte[] RdataWithoutSignature)
{
    public static Rrsig? Parse(DnssecRecord record)
    {
        var d = record.Data;
        if (record.Type != DnsType.RRSIG || d.Length < 19) return null;
        if (DnsMessageReader.DecompressName(d, 18, default, out _, out int consumed) != DnsRejection.None) return null;
        var signer = CanonicalName.Lower(d.AsSpan(18, consumed));
        // The signer name was read as written; signing data takes it lowered (RFC 4034 3.1.8.1), the rest as it is.
        var signed = new byte[18 + signer.Length];
        d.AsSpan(0, 18).CopyTo(signed);
        signer.CopyTo(signed, 18);
        return new Rrsig(record.Owner, (DnsType)BinaryPrimitives.ReadUInt16BigEndian(d), d[2], d[3], BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(4)),
            BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(8)), BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(12)),
            BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(16)), signer, d[(18 + consumed)..], signed);
    }
}
