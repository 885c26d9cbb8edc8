namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>The two failover modes of Windows Server DHCP (and Kea's HA hook).</summary>
public enum FailoverMode
{
    /// <summary>Both servers answer, each the clients whose RFC 3074 hash bucket falls in its share (default 50/50).</summary>
    LoadBalance,
    /// <summary>The active server answers everyone; the standby only once the active one's heartbeat is too old.</summary>
    HotStandby,
}

/// <summary>This server's side of a failover relationship.</summary>
public enum FailoverRole
{
    /// <summary>Load balance: owns the low buckets. Hot standby: the active server.</summary>
    Primary,
    /// <summary>Load balance: owns the high buckets. Hot standby: the standby server.</summary>
    Secondary,
}
