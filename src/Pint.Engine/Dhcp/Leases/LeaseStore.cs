using System.Net;
using Pint.Engine.Config;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The DHCPv4 lease table in memory, made durable in a dnsmasq-format lease file.
/// No acknowledged lease is lost: <see cref="CommitAsync"/> completes only once the lease is written and
/// fsync'ed, and the server sends its ACK only after that. Concurrent commits share one fsync (group commit).
/// The table shows a committed lease at once (so no other client is offered its address); if the write
/// fails the change is rolled back and the commit faults with <see cref="LeaseStoreWriteException"/>.
/// Thread-safe.
/// </summary>
public sealed class LeaseStore : IAsyncDisposable
{
    // A release is journaled as a record that expired at this instant, which dnsmasq also reads as "gone".
    private static readonly DateTimeOffset ReleasedExpiry = DateTimeOffset.FromUnixTimeSeconds(1);

    private readonly Lock _gate = new();
    private readonly LeaseTable _table = new();
    private readonly Dictionary<IPAddress, DateTimeOffset> _declined = new();
    private readonly LeaseJournal? _journal;
    private readonly LeaseFileLock? _ownership;

    private LeaseStore(LeaseJournal? journal, LeaseFileLock? ownership, IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        _journal = journal;
        _ownership = ownership;
        LoadDiagnostics = diagnostics;
    }

    /// <summary>
    /// Opens (or creates) the lease file at <paramref name="path"/>, loads the leases still active at
    /// <paramref name="now"/>, and rewrites the file compactly. Bad lines are reported in <see cref="LoadDiagnostics"/>.
    /// The store owns the file until disposed (see <see cref="LeaseFileLock"/>).
    /// </summary>
    /// <exception cref="LeaseFileInUseException">Another server or editor owns the file.</exception>
    public static LeaseStore Open(string path, DateTimeOffset now)
    {
        var ownership = LeaseFileLock.Acquire(path);
        try
        {
            var read = LeaseFile.Read(path);
            var live = read.Active(now).ToArray();
            var store = new LeaseStore(new LeaseJournal(path, live, read.DuidLine, read.Dhcp6Lines), ownership, read.Diagnostics);
            foreach (var lease in live) store._table.Set(lease);
            return store;
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>A store that keeps leases in memory only (dnsmasq's <c>leasefile-ro</c> without a script).</summary>
    public static LeaseStore InMemory() => new(null, null, []);

    /// <summary>Problems found in the lease file when it was opened.</summary>
    public IReadOnlyList<ConfigDiagnostic> LoadDiagnostics { get; }

    /// <summary>Number of fsyncs of journal records so far (group commit makes this lower than the commit count).</summary>
    public long FsyncCount => _journal?.FsyncCount ?? 0;

    /// <summary>Number of lease records written to the journal so far.</summary>
    public long RecordsWritten => _journal?.RecordsWritten ?? 0;

    public int Count
    {
        get { lock (_gate) return _table.Count; }
    }

    /// <summary>Grants or renews a lease; completes when it is on disk. Faults with <see cref="LeaseStoreWriteException"/> if it cannot be.</summary>
    public async ValueTask CommitAsync(DhcpLease lease)
    {
        DhcpLease? previous;
        lock (_gate)
        {
            previous = _table.Set(lease);
            _declined.Remove(lease.Address);
        }
        if (_journal is null) return;
        try
        {
            await _journal.AppendAsync(lease, removes: false).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                // Roll back only if nothing newer replaced our lease meanwhile.
                if (ReferenceEquals(_table.ByAddress(lease.Address), lease))
                {
                    _table.Remove(lease.Address);
                    if (previous is not null) _table.Set(previous);
                }
            }
            throw;
        }
    }

    /// <summary>Ends the lease on <paramref name="address"/> (DHCPRELEASE); returns the lease that ended, or null.</summary>
    public async ValueTask<DhcpLease?> ReleaseAsync(IPAddress address)
    {
        DhcpLease? released;
        lock (_gate) released = _table.Remove(address);
        if (released is not null && _journal is not null)
            await _journal.AppendAsync(released with { Expires = ReleasedExpiry }, removes: true).ConfigureAwait(false);
        return released;
    }

    /// <summary>
    /// Marks <paramref name="address"/> unusable until <paramref name="until"/> (a client declined it: someone else uses it),
    /// ending any lease on it.
    /// </summary>
    public ValueTask<DhcpLease?> DeclineAsync(IPAddress address, DateTimeOffset until)
    {
        lock (_gate) _declined[address] = until;
        return ReleaseAsync(address);
    }

    /// <summary>True while a declined address must not be offered.</summary>
    public bool IsDeclined(IPAddress address, DateTimeOffset now)
    {
        lock (_gate) return _declined.TryGetValue(address, out var until) && until > now;
    }

    /// <summary>Drops leases expired at <paramref name="now"/> from memory; returns them (the file needs no write: they read as expired).</summary>
    public IReadOnlyList<DhcpLease> Expire(DateTimeOffset now)
    {
        lock (_gate)
        {
            var expired = _table.All.Where(l => l.IsExpiredAt(now)).ToArray();
            foreach (var lease in expired) _table.Remove(lease.Address);
            foreach (var address in _declined.Where(d => d.Value <= now).Select(d => d.Key).ToArray())
                _declined.Remove(address);
            return expired;
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
        if (_journal is not null) await _journal.DisposeAsync().ConfigureAwait(false);
        _ownership?.Dispose();
    }
}
