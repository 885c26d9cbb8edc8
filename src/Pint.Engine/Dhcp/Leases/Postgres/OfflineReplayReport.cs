namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>One renewal the database refused because another client holds the address now.</summary>
public sealed record OfflineRenewalConflict(QueuedRenewal Renewal, SharedLease? Holder);

/// <summary>What one <see cref="OfflineRenewalQueue.ReplayAsync"/> pass did.</summary>
/// <param name="Applied">Renewals written onto the client's existing row.</param>
/// <param name="Reinserted">Renewals whose row had gone and was written back.</param>
/// <param name="Conflicts">Renewals dropped because another client holds the address.</param>
/// <param name="Remaining">Renewals still queued (the database went away again, or newer ones arrived).</param>
/// <param name="StoppedBy">The unavailability that stopped the pass, or null when it ran to the end.</param>
public sealed record OfflineReplayReport(
    int Applied,
    int Reinserted,
    IReadOnlyList<OfflineRenewalConflict> Conflicts,
    int Remaining,
    LeaseBackendUnavailableException? StoppedBy);
