namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>Where an <see cref="OfflineRenewalQueue"/> writes its renewals back (the PostgreSQL backend).</summary>
public interface IOfflineRenewalTarget
{
    /// <summary>
    /// Writes one renewal in one atomic statement. Throws <see cref="LeaseBackendUnavailableException"/> while the
    /// database is still unreachable.
    /// </summary>
    Task<OfflineRenewalOutcome> ApplyOfflineRenewalAsync(QueuedRenewal renewal, CancellationToken cancellationToken);
}
