namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// Whether this server answers a client (pure functions: no clock, no I/O). The DHCP server asks before answering a
/// DISCOVER or a REQUEST in the SELECTING/INIT-REBOOT state; a renewal unicast to this server is answered by it.
/// </summary>
public static class FailoverDecision
{
    /// <summary>Decides for a client's hardware address (the chaddr bytes, hlen long).</summary>
    public static bool ShouldServe(ReadOnlySpan<byte> hardwareAddress, FailoverSettings settings, PartnerState partner) =>
        ShouldServe(LoadBalanceHash.Compute(hardwareAddress), settings, partner);

    /// <summary>
    /// Decides for a client in hash bucket <paramref name="bucket"/>. Load balance: this server's own buckets, and
    /// every bucket while the partner is down. Hot standby: the primary always, the standby only while the partner is
    /// down. Partner unknown (database unreadable): as if up.
    /// </summary>
    public static bool ShouldServe(byte bucket, FailoverSettings settings, PartnerState partner)
    {
        var partnerDown = partner.Status == PartnerStatus.Down;
        return settings.Mode switch
        {
            FailoverMode.HotStandby => settings.Role == FailoverRole.Primary || partnerDown,
            _ => partnerDown || OwnsBucket(bucket, settings),
        };
    }

    /// <summary>True when <paramref name="bucket"/> is in this server's load balance share.</summary>
    public static bool OwnsBucket(byte bucket, FailoverSettings settings)
    {
        var owned = settings.OwnedBuckets;
        return settings.Role == FailoverRole.Primary ? bucket < owned : bucket >= 256 - owned;
    }
}
