namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>The outcome of a renewal, committed before the task completes.</summary>
/// <param name="Renewed">True when the client's row now has the new end.</param>
/// <param name="Lease">The committed row when renewed.</param>
/// <param name="Holder">When not renewed: the row that holds the address now (another client), or null when no row exists.</param>
public sealed record LeaseRenewResult(bool Renewed, SharedLease? Lease, SharedLease? Holder);
