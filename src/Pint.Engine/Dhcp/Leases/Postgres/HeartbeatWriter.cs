namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// Writes this server's heartbeat row every <see cref="FailoverSettings.HeartbeatInterval"/> until stopped. A beat
/// that fails (database unreachable) is counted and retried at the next interval; it never stops the loop.
/// </summary>
public sealed class HeartbeatWriter(PostgresLeaseBackend backend, FailoverSettings settings)
{
    private long _failures;

    /// <summary>Beats that failed since the last one that succeeded.</summary>
    public long ConsecutiveFailures => Interlocked.Read(ref _failures);

    /// <summary>The role text written with each beat.</summary>
    public string RoleText => $"{settings.Mode}/{settings.Role}".ToLowerInvariant();

    /// <summary>Writes one heartbeat; false when the database was unavailable.</summary>
    public async Task<bool> BeatOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await backend.WriteHeartbeatAsync(RoleText, cancellationToken);
            Interlocked.Exchange(ref _failures, 0);
            return true;
        }
        catch (LeaseBackendUnavailableException)
        {
            Interlocked.Increment(ref _failures);
            return false;
        }
    }

    /// <summary>Beats until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval);
        do await BeatOnceAsync(cancellationToken);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
