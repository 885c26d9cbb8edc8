using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.Engine.Management;

/// <summary>A failover relationship's state as Windows' Get-DhcpServerv4Failover names it, from the heartbeat rows.</summary>
public enum FailoverState
{
    /// <summary>The partner's heartbeat is recent: each server answers its share.</summary>
    Normal,
    /// <summary>The partner's heartbeat is older than the state switch interval (or it never wrote one): this server answers every client.</summary>
    PartnerDown,
    /// <summary>The lease database cannot be read, so the partner's state is unknown (each server keeps to its share).</summary>
    CommunicationInterrupted,
}

/// <summary>What the heartbeat table says about one relationship.</summary>
/// <param name="State">The relationship's state.</param>
/// <param name="PartnerLastSeen">When the partner last wrote its heartbeat (database clock), or null.</param>
/// <param name="ServerLastSeen">When this server last wrote its heartbeat, or null (it does not run, or never did).</param>
public sealed record FailoverStatus(FailoverState State, DateTimeOffset? PartnerLastSeen, DateTimeOffset? ServerLastSeen);

/// <summary>Reads the failover relationships' states from the shared lease database of a config.</summary>
public static class FailoverStates
{
    /// <summary>One status per <see cref="DhcpConfig.Failovers"/> entry, in order; all CommunicationInterrupted when the database is unreachable.</summary>
    public static IReadOnlyList<FailoverStatus> Read(PintConfig config)
    {
        var dhcp = config.Dhcp;
        if (dhcp.Failovers.Count == 0) return [];
        var interrupted = dhcp.Failovers.Select(_ => new FailoverStatus(FailoverState.CommunicationInterrupted, null, null)).ToArray();
        if (dhcp.LeaseStore.Kind != LeaseStoreKind.PostgreSql || dhcp.LeaseStore.ConnectionString is not { } connection) return interrupted;
        try
        {
            var backend = new PostgresLeaseBackend(new() { ConnectionString = connection, ServerId = dhcp.EffectiveServerId, ClaimWorkers = 0 });
            try
            {
                var own = backend.ReadHeartbeatAsync(dhcp.EffectiveServerId).GetAwaiter().GetResult();
                return dhcp.Failovers.Select(f =>
                {
                    var partner = backend.ReadHeartbeatAsync(f.Settings.PartnerServerId).GetAwaiter().GetResult();
                    var state = PartnerState.From(partner, f.Settings.PartnerDownAfter).Status == PartnerStatus.Up ? FailoverState.Normal : FailoverState.PartnerDown;
                    return new FailoverStatus(state, partner?.LastSeen, own?.LastSeen);
                }).ToArray();
            }
            finally { backend.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        }
        catch (LeaseBackendUnavailableException) { return interrupted; }
        catch (Npgsql.PostgresException missing) when (missing.SqlState == "42P01") // no server made the schema yet
        {
            return dhcp.Failovers.Select(_ => new FailoverStatus(FailoverState.PartnerDown, null, null)).ToArray();
        }
    }
}
