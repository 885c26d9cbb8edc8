namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// Reads the partner's heartbeat row and keeps the last state read in <see cref="Current"/>, which the DHCP
/// receive loop reads without waiting (pass it to <see cref="FailoverDecision.ShouldServe(ReadOnlySpan{byte}, FailoverSettings, PartnerState)"/>).
/// </summary>
public sealed class PartnerStateReader(PostgresLeaseBackend backend, FailoverSettings settings)
{
    private volatile PartnerState _current = PartnerState.Unknown;

    /// <summary>The state from the last read (Unknown before the first, and after a read that failed).</summary>
    public PartnerState Current => _current;

    /// <summary>Reads the partner's row now.</summary>
    public async Task<PartnerState> RefreshAsync(CancellationToken cancellationToken = default)
    {
        PartnerState state;
        try { state = PartnerState.From(await backend.ReadHeartbeatAsync(settings.PartnerServerId, cancellationToken), settings.PartnerDownAfter); }
        catch (LeaseBackendUnavailableException) { state = PartnerState.Unknown; }
        _current = state;
        return state;
    }

    /// <summary>Refreshes every heartbeat interval until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval);
        do await RefreshAsync(cancellationToken);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
