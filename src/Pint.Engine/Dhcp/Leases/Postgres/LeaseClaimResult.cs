namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>The outcome of a claim, committed before the task completes.</summary>
/// <param name="Won">True when the address is now this client's (the row is committed).</param>
/// <param name="Lease">The committed row when won.</param>
/// <param name="Holder">
/// When lost: the row that kept the address (another client's live lease, or a declined address); null in the rare
/// case the holder released it between the attempt and the look-up (try again).
/// </param>
public sealed record LeaseClaimResult(bool Won, SharedLease? Lease, SharedLease? Holder);
