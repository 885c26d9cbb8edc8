namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>What this server knows of its failover partner.</summary>
public enum PartnerStatus
{
    /// <summary>Its heartbeat is recent.</summary>
    Up,
    /// <summary>Its heartbeat is older than the relationship's limit, or it never wrote one.</summary>
    Down,
    /// <summary>The database cannot be read: no claim either way (the servers keep to their own share).</summary>
    Unknown,
}

/// <summary>The partner's status and the age of its heartbeat (database clock) when known.</summary>
public sealed record PartnerState(PartnerStatus Status, TimeSpan? HeartbeatAge)
{
    /// <summary>The database could not be read.</summary>
    public static PartnerState Unknown { get; } = new(PartnerStatus.Unknown, null);

    /// <summary>The state a heartbeat row (or its absence) means under <paramref name="downAfter"/>.</summary>
    public static PartnerState From(ServerHeartbeat? heartbeat, TimeSpan downAfter) =>
        heartbeat is null ? new(PartnerStatus.Down, null)
        : new(heartbeat.Age > downAfter ? PartnerStatus.Down : PartnerStatus.Up, heartbeat.Age);
}
