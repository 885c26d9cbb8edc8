namespace Pint.Engine.Dns.Dnssec;

/// <summary>What verified NSEC or NSEC3 records prove about a name.</summary>
public enum Denial
{
    /// <summary>Nothing: the negative answer is not proven.</summary>
    Unproven,
    /// <summary>The name does not exist, nor a wildcard that could have made it (RFC 4035 5.4, RFC 5155 8.4).</summary>
    NxDomain,
    /// <summary>The name exists without the type, nor a CNAME (RFC 4035 5.4, RFC 5155 8.5-8.7).</summary>
    NoData,
    /// <summary>An opt-out NSEC3 spans the name: it may be an unsigned delegation, so the answer is insecure (RFC 5155 9.2).</summary>
    OptOut,
}

/// <summary>Where a name stands in the zone above it, for walking down from a trust anchor (dnssec-check-unsigned).</summary>
public enum ZoneCut
{
    Unproven,
    /// <summary>A delegation without DS: everything at and below it is insecure.</summary>
    Unsigned,
    /// <summary>Not a delegation (an ordinary name, or none at all): the zone above goes on.</summary>
    None,
}

/// <summary>NSEC proofs (RFC 4035 5.4, RFC 6840 4) over records whose signatures were already verified.</summary>
public static class NsecProof
{
    public static Denial Deny(IReadOnlyList<NsecRecord> nsecs, byte[] name, DnsType type, bool nxDomain)
    {
        if (!nxDomain)
        {
            foreach (var n in nsecs)
            {
                if (!DnsName.EqualsIgnoreCase(n.Owner, name)) continue;
                // The parent side's NSEC at a delegation proves only the absence of DS there (RFC 6840 4.4).
                if (n.IsDelegation && type != DnsType.DS) continue;
                return n.Has(type) || n.Has(DnsType.CNAME) ? Denial.Unproven : Denial.NoData;
            }
        }
        var covering = nsecs.FirstOrDefault(n => CoversUsable(n, name));
        if (covering is null) return Denial.Unproven;
        var encloser = ClosestEncloser(covering, name);
        var wildcard = CanonicalName.Wildcard(encloser);
        if (nxDomain) return nsecs.Any(n => CoversUsable(n, wildcard)) ? Denial.NxDomain : Denial.Unproven;
        // NODATA from a wildcard: the name is covered and the wildcard exists without the type (RFC 4035 3.1.3.4).
        var atWildcard = nsecs.FirstOrDefault(n => DnsName.EqualsIgnoreCase(n.Owner, wildcard));
        return atWildcard is not null && !atWildcard.Has(type) && !atWildcard.Has(DnsType.CNAME) ? Denial.NoData : Denial.Unproven;
    }

    /// <summary>Does an NSEC prove that no name lies between <paramref name="name"/>'s closest encloser and it (a wildcard expansion was right)?</summary>
    public static bool DeniesName(IReadOnlyList<NsecRecord> nsecs, byte[] name) => nsecs.Any(n => CoversUsable(n, name));

    public static ZoneCut Classify(IReadOnlyList<NsecRecord> nsecs, byte[] name)
    {
        foreach (var n in nsecs)
        {
            if (!DnsName.EqualsIgnoreCase(n.Owner, name)) continue;
            if (n.Has(DnsType.DS)) return ZoneCut.Unproven; // says a DS exists: the answer should have carried it
            return n.Has(DnsType.NS) && !n.Has(DnsType.SOA) ? ZoneCut.Unsigned : ZoneCut.None;
        }
        return DeniesName(nsecs, name) ? ZoneCut.None : ZoneCut.Unproven;
    }

    /// <summary>
    /// An NSEC from above a delegation (NS, no SOA) or at a DNAME says nothing about the names below its owner
    /// (RFC 6840 4.1), so it cannot deny them.
    /// </summary>
    private static bool CoversUsable(NsecRecord n, byte[] name) =>
        n.Covers(name) && !((n.IsDelegation || n.Has(DnsType.DNAME)) && CanonicalName.IsAtOrBelow(name, n.Owner));

    /// <summary>The deepest existing ancestor: the longer common ancestor of the name with the NSEC's owner and next name.</summary>
    private static byte[] ClosestEncloser(NsecRecord n, byte[] name)
    {
        var a = CanonicalName.CommonAncestor(name, n.Owner);
        var b = CanonicalName.CommonAncestor(name, n.NextName);
        return DnsName.LabelCount(a) >= DnsName.LabelCount(b) ? a : b;
    }
}

/// <summary>NSEC3 proofs (RFC 5155 8) over records whose signatures were already verified.</summary>
public static class Nsec3Proof
{
    /// <summary>Hashes a validator does not take on: an unknown algorithm, or more iterations than the limit (RFC 9276 3.2: then insecure).</summary>
    public static bool IsUsable(Nsec3Record r, int maxIterations = Nsec3Record.MaxIterations) => r.HashAlgorithm == 1 && r.Iterations <= maxIterations;

    public static Denial Deny(IReadOnlyList<Nsec3Record> records, byte[] name, DnsType type, bool nxDomain, int maxIterations = Nsec3Record.MaxIterations)
    {
        if (records.Count == 0) return Denial.Unproven;
        if (!records.All(r => IsUsable(r, maxIterations))) return Denial.OptOut; // counted as insecure, as RFC 9276 allows
        if (!nxDomain && Matching(records, name) is { } match)
        {
            if (match.Has(DnsType.NS) && !match.Has(DnsType.SOA) && type != DnsType.DS) return Denial.Unproven; // parent side of a cut
            return match.Has(type) || match.Has(DnsType.CNAME) ? Denial.Unproven : Denial.NoData;
        }
        if (ClosestEncloserProof(records, name) is not { } proof) return Denial.Unproven;
        var wildcard = CanonicalName.Wildcard(proof.Encloser);
        if (nxDomain)
        {
            // An opt-out span over the next closer name still proves it absent: dnsmasq 2.90 gives such an NXDOMAIN AD (observed).
            return records.Any(r => r.Covers(r.Hash(wildcard))) ? Denial.NxDomain : Denial.Unproven;
        }
        // NODATA for DS in an opt-out span (RFC 5155 8.6), or from a wildcard without the type (8.7).
        if (type == DnsType.DS && proof.NextCloserSpan.OptOut) return Denial.OptOut;
        if (Matching(records, wildcard) is { } atWildcard && !atWildcard.Has(type) && !atWildcard.Has(DnsType.CNAME)) return Denial.NoData;
        return Denial.Unproven;
    }

    /// <summary>A wildcard expansion was right: the next closer name of the expanded name is covered (RFC 5155 8.8).</summary>
    public static bool DeniesNextCloser(IReadOnlyList<Nsec3Record> records, byte[] name, int wildcardLabels, int maxIterations = Nsec3Record.MaxIterations)
    {
        var nextCloser = CanonicalName.Suffix(name, wildcardLabels + 1);
        return records.Any(r => IsUsable(r, maxIterations) && r.Covers(r.Hash(nextCloser)));
    }

    public static ZoneCut Classify(IReadOnlyList<Nsec3Record> records, byte[] name, int maxIterations = Nsec3Record.MaxIterations)
    {
        if (records.Count == 0) return ZoneCut.Unproven;
        if (!records.All(r => IsUsable(r, maxIterations))) return ZoneCut.Unsigned;
        if (Matching(records, name) is { } match)
        {
            if (match.Has(DnsType.DS)) return ZoneCut.Unproven;
            return match.Has(DnsType.NS) && !match.Has(DnsType.SOA) ? ZoneCut.Unsigned : ZoneCut.None;
        }
        if (ClosestEncloserProof(records, name) is not { } proof) return ZoneCut.Unproven;
        // An opt-out span may hide an unsigned delegation: what lies in it is insecure. Otherwise the name does not exist.
        return proof.NextCloserSpan.OptOut ? ZoneCut.Unsigned : ZoneCut.None;
    }

    private static Nsec3Record? Matching(IReadOnlyList<Nsec3Record> records, byte[] name)
    {
        foreach (var r in records)
            if (CanonicalName.IsAtOrBelow(name, r.Zone) && r.Matches(r.Hash(name))) return r;
        return null;
    }

    private sealed record EncloserProof(byte[] Encloser, Nsec3Record NextCloserSpan);

    /// <summary>RFC 5155 8.3: the closest encloser has a matching NSEC3 and the next closer name one label below it a covering one.</summary>
    private static EncloserProof? ClosestEncloserProof(IReadOnlyList<Nsec3Record> records, byte[] name)
    {
        int labels = DnsName.LabelCount(name);
        for (int n = labels - 1; n >= 0; n--)
        {
            var encloser = CanonicalName.Suffix(name, n);
            var match = Matching(records, encloser);
            if (match is null) continue;
            // A matching delegation point (NS without SOA) or DNAME cannot be the closest encloser (RFC 5155 8.3).
            if ((match.Has(DnsType.NS) && !match.Has(DnsType.SOA)) || match.Has(DnsType.DNAME)) return null;
            var nextCloser = CanonicalName.Suffix(name, n + 1);
            var span = records.FirstOrDefault(r => r.Covers(r.Hash(nextCloser)));
            return span is null ? null : new EncloserProof(encloser, span);
        }
        return null;
    }
}
