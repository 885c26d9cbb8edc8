namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// One failover relationship as this server sees it (Windows: Add-DhcpServerv4Failover's -LoadBalancePercent,
/// -ServerRole, -StateSwitchInterval).
/// </summary>
public sealed record FailoverSettings
{
    /// <summary>Load balance or hot standby.</summary>
    public FailoverMode Mode { get; init; } = FailoverMode.LoadBalance;

    /// <summary>Primary (LB: low buckets; HS: active) or secondary (LB: high buckets; HS: standby).</summary>
    public required FailoverRole Role { get; init; }

    /// <summary>The partner's server id (its row in the servers table).</summary>
    public required string PartnerServerId { get; init; }

    /// <summary>
    /// Load balance: this server's share of the 256 hash buckets in percent (default 50). The partner should be
    /// configured with 100 minus this; the primary takes buckets [0, n), the secondary [256 - n, 256).
    /// </summary>
    public int LoadBalancePercent { get; init; } = 50;

    /// <summary>The partner counts as down once its heartbeat is older than this (database clock). Default 30 s.</summary>
    public TimeSpan PartnerDownAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this server writes its heartbeat. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many of the 256 buckets this server owns in load balance mode.</summary>
    public int OwnedBuckets
    {
        get
        {
            if (LoadBalancePercent is < 0 or > 100) throw new InvalidOperationException("LoadBalancePercent must be 0-100");
            return (int)Math.Round(256 * LoadBalancePercent / 100.0, MidpointRounding.AwayFromZero);
        }
    }
}
