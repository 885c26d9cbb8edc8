using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The DHCPv4 lease table in memory, made durable in a dnsmasq-format lease file and its journal
/// (see <see cref="LeaseDiskWriter"/>): the file holds one line per live lease, as dnsmasq's does, within a second
/// of a change. No acknowledged lease is lost: <see cref="CommitAsync"/> completes only once the lease is journaled and
/// fsync'ed, and the server sends its ACK only after that. Concurrent commits share one fsync (group commit).
/// The table shows a committed lease at once (so no other client is offered its address); if the write
/// fails the change is rolled back and the commit faults with <see cref="LeaseStoreWriteException"/>.
/// Thread-safe.
/// </summary>
public sealed class LeaseStore : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly LeaseTable _table = new();
    private readonly Dictionary<IPAddress, DateTimeOffset> _declined = new();
    private readonly OfferHolds _offers = new();
    private LeaseDiskWriter? _disk;
    // Set for a store whose leases live in a database shared with other servers (then there is no disk writer).
    private SharedLeaseLedger? _shared;
    private readonly LeaseFileLock? _ownership;
    // No lease in the table expires before this (it may be earlier than the true first expiry, never later).
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;

    private LeaseStore(LeaseFileLock? ownership, IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        _ownership = ownership;
        LoadDiagnostics = diagnostics;
    }

    /// <summary>
    /// Opens (or creates) the lease file at <paramref name="path"/> with its journal replayed over it (a dnsmasq file
    /// without one loads as it is), loads the leases still active at <paramref name="now"/>, and writes them as a fresh
    /// snapshot with an empty journal. Bad lines are reported in <see cref="LoadDiagnostics"/>.
    /// The store owns the file until disposed (see <see cref="LeaseFileLock"/>).
    /// </summary>
    /// <exception cref="LeaseFileInUseException">Another server or editor owns the file.</exception>
    public static LeaseStore Open(string path, DateTimeOffset now)
    {
        var ownership = LeaseFileLock.Acquire(path);
        try
        {
            var read = LeaseFile.ReadWithJournal(path);
            var store = new LeaseStore(ownership, read.Diagnostics);
            foreach (var lease in read.Active(now)) store.Load(lease);
            // For dhcp-script: dnsmasq calls "del" at start-up for leases that ran out while it was down (not for releases).
            store.ExpiredAtOpen = read.Leases.Where(l => l.IsExpiredAt(now) && !LeaseFile.IsRelease(l)).ToArray();
            store._disk = new LeaseDiskWriter(path, store._table.All, read.DuidLine, read.Dhcp6Lines);
            return store;
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A store whose leases live in a database several servers share (issue #18): <paramref name="live"/> (the
    /// database's live leases) fills the table, every commit is claimed in the database before it completes, and
    /// leases other servers grant are added with <see cref="AddGrantedElsewhere"/>. No lease file is written.
    /// </summary>
    public static LeaseStore OpenShared(SharedLeaseLedger ledger, IEnumerable<DhcpLease> live, DateTimeOffset now)
    {
        var store = new LeaseStore(null, []) { _shared = ledger };
        foreach (var lease in live)
            if (!lease.IsExpiredAt(now)) store.Load(lease);
        return store;
    }

    /// <summary>
    /// The writer that owns the lease file while this store is open from one (null in memory or on a shared database):
    /// the DHCPv6 service commits its leases through it, into the same file and journal.
    /// </summary>
    internal LeaseDiskWriter? DiskWriter => _disk;

    /// <summary>The shared database this store writes through, or null for the lease file.</summary>
    public SharedLeaseLedger? Shared => _shared;

    /// <summary>
    /// Leases another server granted (read from the shared database): into the table, so that the allocator passes
    /// their addresses; a lease this server holds for a different client on that address is replaced (the database decides).
    /// </summary>
    public void AddGrantedElsewhere(IReadOnlyList<DhcpLease> leases)
    {
        lock (_gate)
            foreach (var lease in leases) Load(lease);
    }

    /// <summary>
    /// For a shared store: holds <paramref name="offer"/>'s address in the database before the OFFER goes out, so no
    /// other server offers it too. Lost: the holder goes into the table (the next decision passes it) and the result
    /// says so. A file store always succeeds at once.
    /// </summary>
    public async ValueTask<SharedCommit> HoldOfferSharedAsync(DhcpLease offer)
    {
        if (_shared is null) return new SharedCommit(SharedCommitStatus.Committed);
        var result = await _shared.HoldOfferAsync(offer).ConfigureAwait(false);
        if (result.Status == SharedCommitStatus.Lost && result.Holder is { } holder)
            lock (_gate) LearnHolder(holder);
        return result;
    }

    /// <summary>Another server's row that kept an address: its lease into the table, its offer into the holds (under the gate).</summary>
    private void LearnHolder(SharedLease holder)
    {
        if (holder.State == SharedLeaseState.Active) Load(holder.ToDhcpLease());
        else if (holder.State == SharedLeaseState.Offered && holder.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            _offers.Hold(holder.ToDhcpLease());
    }

    /// <summary>A store that keeps leases in memory only (dnsmasq's <c>leasefile-ro</c> without a script).</summary>
    public static LeaseStore InMemory() => new(null, []);

    /// <summary>Leases the file held that had run out when it was opened (releases excluded); they were not loaded.</summary>
    public IReadOnlyList<DhcpLease> ExpiredAtOpen { get; private set; } = [];

    /// <summary>Problems found in the lease file when it was opened.</summary>
    public IReadOnlyList<ConfigDiagnostic> LoadDiagnostics { get; }

    /// <summary>Number of fsyncs of journal records so far (group commit makes this lower than the commit count).</summary>
    public long FsyncCount => _disk?.FsyncCount ?? 0;

    /// <summary>Number of lease records written to the journal so far.</summary>
    public long RecordsWritten => _disk?.RecordsWritten ?? 0;

    /// <summary>Snapshots of the lease file written since it was opened (at most one a second).</summary>
    public long SnapshotCount => _disk?.SnapshotCount ?? 0;

    /// <summary>No lease expires before this instant (<see cref="DateTimeOffset.MaxValue"/> when none can).</summary>
    public DateTimeOffset NextExpiry
    {
        get { lock (_gate) return _nextExpiry; }
    }

    public int Count
    {
        get { lock (_gate) return _table.Count; }
    }

    /// <summary>Grants or renews a lease; completes when it is on disk. Faults with <see cref="LeaseStoreWriteException"/> if it cannot be.</summary>
    /// <param name="continueOnWriter">
    /// The awaiter's continuation runs on the disk writer's thread right after the fsync (the DHCP server sends its ACK
    /// from there): it must be short and must not wait for this store. Otherwise it runs on the thread pool.
    /// </param>
    public async ValueTask CommitAsync(DhcpLease lease, bool continueOnWriter = false)
    {
        DhcpLease? previous, retired;
        lock (_gate)
        {
            previous = Load(lease, out retired);
            _declined.Remove(lease.Address);
            _offers.Remove(Net.Ipv4.ToValue(lease.Address));
        }
        if (_disk is null && _shared is null) return;
        try
        {
            if (_shared is not null) await CommitSharedAsync(lease).ConfigureAwait(false);
            else await _disk!.AppendAsync(lease, retired, continueOnWriter).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            lock (_gate)
            {
                // Roll back only if nothing newer replaced our lease meanwhile.
                if (ReferenceEquals(_table.ByAddress(lease.Address), lease))
                {
                    _table.Remove(lease.Address);
                    if (previous is not null) Load(previous);
                    if (retired is not null && _table.ByAddress(retired.Address) is null) Load(retired);
                    // Lost to another server's client: the table learns who holds the address, so the next decision passes it.
                    if (failure.InnerException is LeaseClaimLostException { Holder: { } holder }) LearnHolder(holder);
                }
            }
            throw;
        }
    }

    private async Task CommitSharedAsync(DhcpLease lease)
    {
        var result = await _shared!.CommitAsync(lease).ConfigureAwait(false);
        if (result.MayReply) return;
        throw new LeaseStoreWriteException(result.Reason ?? $"the lease database refused {lease.Address}",
            new LeaseClaimLostException(result.Status, result.Holder));
    }

    /// <summary>Ends the lease on <paramref name="address"/> (DHCPRELEASE); returns the lease that ended, or null.</summary>
    public async ValueTask<DhcpLease?> ReleaseAsync(IPAddress address)
    {
        DhcpLease? released;
        lock (_gate) released = _table.Remove(address);
        if (released is not null && _shared is not null) await _shared.ReleaseAsync(released).ConfigureAwait(false);
        else if (released is not null && _disk is not null)
            await _disk.AppendAsync(released with { Expires = LeaseFile.ReleasedExpiry }).ConfigureAwait(false);
        return released;
    }

    /// <summary>
    /// Marks <paramref name="address"/> unusable until <paramref name="until"/> (a client declined it: someone else uses it),
    /// ending any lease on it.
    /// </summary>
    public ValueTask<DhcpLease?> DeclineAsync(IPAddress address, DateTimeOffset until)
    {
        lock (_gate) _declined[address] = until;
        return _shared is null ? ReleaseAsync(address) : DeclineSharedAsync(address, until);
    }

    private async ValueTask<DhcpLease?> DeclineSharedAsync(IPAddress address, DateTimeOffset until)
    {
        DhcpLease? ended;
        lock (_gate) ended = _table.Remove(address);
        await _shared!.DeclineAsync(address, until).ConfigureAwait(false);
        return ended;
    }

    /// <summary>True while a declined address must not be offered.</summary>
    public bool IsDeclined(IPAddress address, DateTimeOffset now)
    {
        lock (_gate) return _declined.TryGetValue(address, out var until) && until > now;
    }

    /// <summary>
    /// Drops leases expired at <paramref name="now"/>; returns them. They need no journal record (they read as expired)
    /// but leave the lease file with the next snapshot, within a second, as dnsmasq drops them. Cheap until
    /// <see cref="NextExpiry"/>: only then is the table searched.
    /// </summary>
    public IReadOnlyList<DhcpLease> Expire(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _nextExpiry) return [];
            var expired = _table.All.Where(l => l.IsExpiredAt(now)).ToArray();
            foreach (var lease in expired)
            {
                _table.Remove(lease.Address);
                _disk?.Forget(lease);
            }
            _nextExpiry = _table.All.Select(l => l.Expires ?? DateTimeOffset.MaxValue).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            foreach (var address in _declined.Where(d => d.Value <= now).Select(d => d.Key).ToArray())
                _declined.Remove(address);
            return expired;
        }
    }

    /// <summary>
    /// Holds an offered address for its client until <see cref="DhcpLease.Expires"/> of <paramref name="offer"/> (see
    /// <see cref="OfferHolds"/>): in memory only, never written, and replaced by the lease when the client requests it.
    /// </summary>
    public void HoldOffer(DhcpLease offer)
    {
        if (offer.Address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return;
        lock (_gate) _offers.Hold(offer);
    }

    /// <summary>The unexpired offer held for <paramref name="hardwareAddress"/>, or null.</summary>
    public DhcpLease? HeldOfferFor(string hardwareAddress, DateTimeOffset now)
    {
        lock (_gate) return _offers.ForHardwareAddress(hardwareAddress, now);
    }

    /// <summary>Offers held now.</summary>
    public int HeldOfferCount
    {
        get { lock (_gate) return _offers.Count; }
    }

    /// <summary>
    /// For the allocator's walk: the lowest address in [<paramref name="from"/>, <paramref name="to"/>] with no lease in
    /// the table, no offer held (unless <paramref name="includeHeld"/>) and not in <paramref name="excluded"/>; null when
    /// none. Valid as a free-address search only while <see cref="NextExpiry"/> is ahead: an expired lease not yet
    /// dropped still counts as taken here.
    /// </summary>
    internal uint? FirstUntaken(uint from, uint to, DateTimeOffset now, bool includeHeld, AddressBitmap? excluded)
    {
        lock (_gate)
        {
            _offers.Sweep(now);
            return includeHeld
                ? AddressBitmap.FirstAbsent(from, to, _table.Addresses, excluded)
                : AddressBitmap.FirstAbsent(from, to, _table.Addresses, _offers.Addresses, excluded);
        }
    }

    /// <summary>Puts a lease in the table (under the gate, or before the store is shared).</summary>
    private DhcpLease? Load(DhcpLease lease) => Load(lease, out _);

    private DhcpLease? Load(DhcpLease lease, out DhcpLease? retired)
    {
        if (lease.Expires is { } end && end < _nextExpiry) _nextExpiry = end;
        return _table.Set(lease, out retired);
    }

    /// <summary>
    /// Both questions an address probe asks, under one lock: whether <paramref name="address"/> is declined, and which
    /// lease holds it at <paramref name="now"/> (<paramref name="holder"/>; null when none or expired).
    /// </summary>
    public bool IsDeclined(IPAddress address, DateTimeOffset now, out DhcpLease? holder)
    {
        lock (_gate)
        {
            holder = _table.ByAddress(address) is { } lease && !lease.IsExpiredAt(now) ? lease : null;
            return _declined.Count > 0 && _declined.TryGetValue(address, out var until) && until > now;
        }
    }

    /// <summary>The same questions for an address as a number (<see cref="Net.Ipv4"/>): an allocator probe makes no IPAddress.</summary>
    internal bool IsDeclined(uint address, DateTimeOffset now, out DhcpLease? holder)
    {
        lock (_gate)
        {
            holder = _table.ByAddress(address) is { } lease && !lease.IsExpiredAt(now) ? lease : null;
            return _declined.Count > 0 && _declined.TryGetValue(Net.Ipv4.ToAddress(address), out var until) && until > now;
        }
    }

    public DhcpLease? FindByAddress(IPAddress address)
    {
        lock (_gate) return _table.ByAddress(address);
    }

    /// <summary>Leases held by a hardware address (in dnsmasq's notation, e.g. <c>52:54:00:aa:bb:01</c>).</summary>
    public IReadOnlyList<DhcpLease> FindByHardwareAddress(string hardwareAddress)
    {
        lock (_gate) return _table.ByHardwareAddress(hardwareAddress);
    }

    /// <summary>The lease of a client identifier (colon-separated hex).</summary>
    public DhcpLease? FindByClientId(string clientId)
    {
        lock (_gate) return _table.ByClientId(clientId);
    }

    /// <summary>A copy of every lease in the table.</summary>
    public IReadOnlyList<DhcpLease> Snapshot()
    {
        lock (_gate) return _table.All.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disk is not null) await _disk.DisposeAsync().ConfigureAwait(false);
        if (_shared is not null) await _shared.DisposeAsync().ConfigureAwait(false);
        _ownership?.Dispose();
    }
}
