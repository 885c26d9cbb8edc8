namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// One resource record of an upstream reply in canonical form (RFC 4034 6.2): the owner in lower case and
/// uncompressed, the RDATA with its names uncompressed (and lowered for the types that list asks). What signatures
/// are computed over, so it is decoded once per reply.
/// </summary>
public sealed record DnssecRecord(byte[] Owner, DnsType Type, ushort Class, uint Ttl, byte[] Data, DnsSection Section)
{
    /// <summary>The type an RRSIG covers (its first two RDATA bytes); the record's own type for others.</summary>
    public DnsType CoveredType => Type == DnsType.RRSIG && Data.Length >= 2 ? (DnsType)(Data[0] << 8 | Data[1]) : Type;
}
