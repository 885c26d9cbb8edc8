namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>What writing one queued renewal did.</summary>
public enum OfflineRenewalStatus
{
    /// <summary>The client's row was still there; its end is now the later of the two.</summary>
    Applied,
    /// <summary>The row had gone (swept as expired, or released) and the address was free: written back.</summary>
    Reinserted,
    /// <summary>Another client holds the address now; the renewal was dropped (the server should NAK its client).</summary>
    Conflict,
}

/// <summary>The result of writing one queued renewal.</summary>
/// <param name="Status">Applied, reinserted, or in conflict.</param>
/// <param name="Holder">On conflict, the row that holds the address.</param>
public sealed record OfflineRenewalOutcome(OfflineRenewalStatus Status, SharedLease? Holder = null);
