namespace Pint.Engine.Dns.Dnssec;

/// <summary>trust-anchor=DOMAIN,KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST: a DS record taken on trust, where chains of trust start.</summary>
public sealed record TrustAnchor(string Domain, ushort KeyTag, byte Algorithm, byte DigestType, byte[] Digest)
{
    public DsRecord ToDs() => new(DnsName.FromText(Domain == "." ? "" : Domain), KeyTag, Algorithm, DigestType, Digest);
}
