using System.Collections.Concurrent;
using System.Net;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>What became of a lease written to the shared database.</summary>
public enum SharedCommitStatus
{
    /// <summary>Committed in the database: the reply may go out.</summary>
    Committed,
    /// <summary>The database is unreachable, but the lease is one this server holds: queued (durably) for replay; the reply may go out.</summary>
    QueuedOffline,
    /// <summary>Another client holds the address (written by another server): no reply.</summary>
    Lost,
    /// <summary>The database is unreachable and the lease is new to this server: refused, no reply.</summary>
    Unavailable,
}

/// <summary>The outcome of <see cref="SharedLeaseLedger.CommitAsync"/>; <see cref="Holder"/> is the row that kept the address when lost.</summary>
public readonly record struct SharedCommit(SharedCommitStatus Status, SharedLease? Holder = null, string? Reason = null)
{
    /// <summary>True when the client may be told it has the address.</summary>
    public bool MayReply => Status is SharedCommitStatus.Committed or SharedCommitStatus.QueuedOffline;
}

/// <summary>
/// The DHCP server's side of a lease database shared by several servers (issue #18): writes each lease with an atomic
/// claim before its reply, holds offers so that two servers never offer one address, renews held leases from a
/// durable queue while the database is away, and runs the background work (heartbeat, partner state, replay, the
/// expiry sweep, and reading the leases other servers granted into this server's table). The in-memory
/// <see cref="LeaseStore"/> stays the allocator's view; the database decides.
/// </summary>
public sealed class SharedLeaseLedger : IAsyncDisposable
{
    /// <summary>How long an offer holds its address in the database (a client requests within seconds).</summary>
    public static readonly TimeSpan OfferHold = TimeSpan.FromSeconds(10);

    private readonly PostgresLeaseBackend _backend;
    private readonly OfflineRenewalQueue _offline;
    private readonly Func<IPAddress, string> _scopeOf;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    // The rows as this server last wrote or read them: an offline renewal needs to know the lease is its own.
    private readonly ConcurrentDictionary<IPAddress, SharedLease> _known = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly IReadOnlyList<FailoverRelationship> _failovers;
    private volatile bool _available = true;
    private DateTime? _changesSince;

    /// <summary>One failover relationship and what this server knows of its partner.</summary>
    public sealed record FailoverRelationship(string Name, FailoverSettings Settings, IReadOnlyList<IPAddress> ScopeIds, PartnerStateReader Partner);

    /// <param name="scopeOf">The scope (network address text) of an address, as the rows record it.</param>
    /// <param name="log">Warnings: database lost and back, leases refused, replay conflicts.</param>
    public SharedLeaseLedger(PostgresLeaseBackend backend, OfflineRenewalQueue offline, IEnumerable<(string Name, FailoverSettings Settings, IReadOnlyList<IPAddress> ScopeIds)> failovers,
        Func<IPAddress, string> scopeOf, Action<string> log, TimeProvider? time = null)
    {
        _backend = backend;
        _offline = offline;
        _scopeOf = scopeOf;
        _log = log;
        _time = time ?? TimeProvider.System;
        _failovers = failovers.Select(f => new FailoverRelationship(f.Name, f.Settings, f.ScopeIds, new PartnerStateReader(backend, f.Settings))).ToArray();
    }

    /// <summary>This server's id in the database.</summary>
    public string ServerId => _backend.ServerId;

    /// <summary>The failover relationships and their partners' state.</summary>
    public IReadOnlyList<FailoverRelationship> Failovers => _failovers;

    /// <summary>False from a failed operation until one succeeds again.</summary>
    public bool DatabaseAvailable => _available;

    /// <summary>Claims queued for the database's next batch.</summary>
    public int PendingClaims => _backend.PendingClaims;

    /// <summary>
    /// More claims queued than the database takes in a few batches: new clients wait (their DISCOVERs are dropped,
    /// they retry), so the exchanges already under way finish instead of all timing out together.
    /// </summary>
    public bool Busy => _backend.PendingClaims > BusyClaims;

    private const int BusyClaims = 1024;

    /// <summary>Renewals waiting for the database.</summary>
    public int OfflineRenewals => _offline.Count;

    /// <summary>Creates or migrates the schema and reads the live leases (every server's) for the in-memory table.</summary>
    public async Task<IReadOnlyList<DhcpLease>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _backend.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var (rows, now) = await _backend.ChangedByOthersAsync(null, cancellationToken).ConfigureAwait(false);
        _changesSince = now;
        var mine = await _backend.LoadLiveAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var row in mine) _known[row.Address] = row;
        return mine.Select(r => r.ToDhcpLease()).ToArray();
    }

    /// <summary>
    /// Writes <paramref name="lease"/> with an atomic claim (won when the address is free, expired, or already this
    /// client's). Database unreachable: a renewal of a lease this server holds is queued durably (the reply may go
    /// out); anything else is refused.
    /// </summary>
    public async Task<SharedCommit> CommitAsync(DhcpLease lease)
    {
        var client = ClientOf(lease);
        try
        {
            var result = await _backend.ClaimAsync(lease.Address, client, _scopeOf(lease.Address), LeaseTime(lease), SharedLeaseState.Active).ConfigureAwait(false);
            MarkAvailable();
            if (result.Won && result.Lease is { } row)
            {
                _known[row.Address] = row;
                return new SharedCommit(SharedCommitStatus.Committed);
            }
            if (result.Holder is { } holder) _known[holder.Address] = holder;
            return new SharedCommit(SharedCommitStatus.Lost, result.Holder, $"{lease.Address} is held by {result.Holder?.HardwareAddress} (server {result.Holder?.ServerId})");
        }
        catch (LeaseBackendUnavailableException unavailable)
        {
            MarkUnavailable(unavailable);
            var now = _time.GetUtcNow();
            if (_known.TryGetValue(lease.Address, out var held) && held.ClientKey == client.Key && _offline.TryEnqueue(held, lease.Expires, lease.HostName, now))
            {
                _known[lease.Address] = held with { Expires = lease.Expires, HostName = lease.HostName ?? held.HostName };
                return new SharedCommit(SharedCommitStatus.QueuedOffline);
            }
            var reason = $"lease database unreachable ({unavailable.Message}): no new lease for {lease.HardwareAddress} on {lease.Address}";
            LogRefusal(reason);
            return new SharedCommit(SharedCommitStatus.Unavailable, null, reason);
        }
    }

    /// <summary>
    /// Holds an offered address for its client in the database for <see cref="OfferHold"/>, unless the client holds it
    /// already. Lost: <see cref="SharedCommit.Holder"/> took it first.
    /// </summary>
    public async Task<SharedCommit> HoldOfferAsync(DhcpLease offer)
    {
        var client = ClientOf(offer);
        if (_known.TryGetValue(offer.Address, out var row) && row.ClientKey == client.Key && row.State == SharedLeaseState.Active
            && (row.Expires is null || row.Expires > _time.GetUtcNow()))
            return new SharedCommit(SharedCommitStatus.Committed);
        try
        {
            var result = await _backend.ClaimAsync(offer.Address, client, _scopeOf(offer.Address), OfferHold, SharedLeaseState.Offered).ConfigureAwait(false);
            MarkAvailable();
            if (result.Won) return new SharedCommit(SharedCommitStatus.Committed);
            if (result.Holder is { } holder) _known[holder.Address] = holder;
            return new SharedCommit(SharedCommitStatus.Lost, result.Holder);
        }
        catch (LeaseBackendUnavailableException unavailable)
        {
            MarkUnavailable(unavailable);
            return new SharedCommit(SharedCommitStatus.Unavailable, null, unavailable.Message);
        }
    }

    /// <summary>Frees the client's row (DHCPRELEASE). With the database away the row simply runs out.</summary>
    public async Task ReleaseAsync(DhcpLease lease)
    {
        _known.TryRemove(lease.Address, out _);
        try
        {
            await _backend.ReleaseAsync(lease.Address, ClientOf(lease)).ConfigureAwait(false);
            MarkAvailable();
        }
        catch (LeaseBackendUnavailableException unavailable) { MarkUnavailable(unavailable); }
    }

    /// <summary>Holds a declined address for every server until <paramref name="until"/>.</summary>
    public async Task DeclineAsync(IPAddress address, DateTimeOffset until)
    {
        _known.TryRemove(address, out _);
        try
        {
            var hold = until - _time.GetUtcNow();
            if (hold > TimeSpan.Zero) await _backend.DeclineAsync(address, _scopeOf(address), hold).ConfigureAwait(false);
            MarkAvailable();
        }
        catch (LeaseBackendUnavailableException unavailable) { MarkUnavailable(unavailable); }
    }

    /// <summary>
    /// Whether this server answers a client with <paramref name="hardwareAddress"/> whose request came from the network
    /// <paramref name="scope"/> (null: unknown). No relationship covering the scope: yes.
    /// </summary>
    public bool ShouldServe(ReadOnlySpan<byte> hardwareAddress, IPAddress? scope)
    {
        foreach (var failover in _failovers)
        {
            if (failover.ScopeIds.Count > 0 && (scope is null || !failover.ScopeIds.Contains(scope))) continue;
            return FailoverDecision.ShouldServe(hardwareAddress, failover.Settings, failover.Partner.Current);
        }
        return true;
    }

    /// <summary>
    /// Starts the background work: heartbeats and partner reads per relationship, the offline replay, the expiry
    /// sweep, and every <paramref name="syncInterval"/> the leases other servers granted, passed to <paramref name="granted"/>.
    /// </summary>
    public void Start(Action<IReadOnlyList<DhcpLease>> granted, TimeSpan syncInterval)
    {
        var token = _stop.Token;
        foreach (var failover in _failovers)
        {
            _loops.Add(Loop(new HeartbeatWriter(_backend, failover.Settings).RunAsync, token));
            _loops.Add(Loop(failover.Partner.RunAsync, token));
        }
        _loops.Add(Loop(t => EveryAsync(syncInterval, () => SyncAsync(granted, t), t), token));
    }

    /// <summary>One pass of the periodic work: replay, sweep, read the others' leases. Public for tests.</summary>
    public async Task SyncAsync(Action<IReadOnlyList<DhcpLease>> granted, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_offline.Count > 0)
            {
                var report = await _offline.ReplayAsync(_backend, cancellationToken).ConfigureAwait(false);
                foreach (var conflict in report.Conflicts)
                    _log($"offline renewal of {conflict.Renewal.Address} for {conflict.Renewal.HardwareAddress} lost to {conflict.Holder?.HardwareAddress} (server {conflict.Holder?.ServerId})");
                if (report.StoppedBy is { } stopped) throw stopped;
            }
            if (_changesSince is null)
            {
                // Never read (the database was away at start): this server's own live leases first.
                await _backend.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
                var live = await _backend.LoadLiveAsync(null, cancellationToken).ConfigureAwait(false);
                foreach (var row in live.Where(r => r.ServerId == ServerId)) _known[row.Address] = row;
                granted(live.Where(r => r.ServerId == ServerId).Select(r => r.ToDhcpLease()).ToArray());
            }
            await _backend.ExpireAsync(cancellationToken).ConfigureAwait(false);
            var (rows, now) = await _backend.ChangedByOthersAsync(_changesSince, cancellationToken).ConfigureAwait(false);
            _changesSince = now;
            foreach (var row in rows) _known[row.Address] = row;
            if (rows.Count > 0) granted(rows.Select(r => r.ToDhcpLease()).ToArray());
            MarkAvailable();
        }
        catch (LeaseBackendUnavailableException unavailable) { MarkUnavailable(unavailable); }
    }

    private long _lastRefusalLog;
    private int _refusalsNotLogged;

    /// <summary>At most one refusal line a second: a flood while the database is away must not flood the log too.</summary>
    private void LogRefusal(string reason)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRefusalLog);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastRefusalLog, now, last) != last)
        {
            Interlocked.Increment(ref _refusalsNotLogged);
            return;
        }
        var more = Interlocked.Exchange(ref _refusalsNotLogged, 0);
        _log(more > 0 ? $"{reason} (and {more} more refused since the last line)" : reason);
    }

    private void MarkAvailable()
    {
        if (_available) return;
        _available = true;
        _log($"lease database reachable again; {_offline.Count} offline renewal(s) to write back");
    }

    private void MarkUnavailable(LeaseBackendUnavailableException unavailable)
    {
        if (!_available) return;
        _available = false;
        _log($"lease database unreachable: {unavailable.Message}; renewing held leases only until it returns");
    }

    private static LeaseClient ClientOf(DhcpLease lease) => new(lease.HardwareAddress, lease.ClientId, lease.HostName);

    private TimeSpan? LeaseTime(DhcpLease lease) =>
        lease.Expires is { } end ? (end - _time.GetUtcNow() is var left && left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)) : null;

    private static async Task EveryAsync(TimeSpan interval, Func<Task> pass, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        do await pass().ConfigureAwait(false);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false));
    }

    private static Task Loop(Func<CancellationToken, Task> body, CancellationToken token) => Task.Run(async () =>
    {
        try { await body(token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
    }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
        await _backend.DisposeAsync().ConfigureAwait(false);
    }
}
