using System.Net;
using System.Text;
using Pint.Engine.Threading;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The durable side of the lease store, in two files. Every change is appended to the <see cref="LeaseJournal"/> and
/// fsync'ed before its commit completes: a single background flusher takes every record waiting and fsyncs once for
/// all of them (group commit). The lease file itself is what dnsmasq's is, one line per live lease: a snapshot of the
/// durable leases, replaced atomically (temp file, fsync, rename, fsync of the directory) off the flusher as soon as
/// something changed and at most once a second, so a burst of changes shares one snapshot. Once a snapshot is on disk,
/// the journal is cut back to the records that came after it. At every moment the lease file with its journal replayed
/// over it holds exactly the durable leases, so a crash anywhere loses and revives nothing. The flusher is a thread of its
/// own that sleeps without spinning (<see cref="WorkQueue{T}"/>); the DHCP server's commits complete on it, so their
/// replies go out from there with no hand-over to the thread pool.
/// The file holds both families, as dnsmasq's does: the DHCPv4 lines, then the server's <c>duid</c> line and the DHCPv6
/// lease lines. The DHCPv6 service commits its bindings through the same journal and group commit
/// (<see cref="AppendDhcp6Async"/>), so one writer owns the file for both and a DHCPv6 REPLY, like a DHCPACK, leaves
/// only once its lease is fsync'ed.
/// </summary>
internal sealed class LeaseDiskWriter : IAsyncDisposable
{
    private enum WorkKind { Record, Forget, SnapshotDue, SnapshotWritten, SnapshotFailed, Record6, Forget6 }

    /// <summary>
    /// One item for the flusher. Record: journal <c>Lease</c> (and the end of <c>Retired</c>), then complete <c>Durable</c>.
    /// Forget: the table dropped an expired lease, which needs no record (it reads as expired) but leaves the snapshot.
    /// Record6 and Forget6: the same for the DHCPv6 records of <c>Dhcp6</c>.
    /// </summary>
    private readonly record struct Work(WorkKind Kind, DhcpLease? Lease = null, DhcpLease? Retired = null, TaskCompletionSource? Durable = null,
        Dhcp6Batch? Dhcp6 = null);

    /// <summary>DHCPv6 records: the server's DUID line (journaled first when the file holds none or another), then lease lines.</summary>
    private sealed record Dhcp6Batch(string? DuidLine, IReadOnlyList<Dhcp6Record> Records);

    /// <summary>A durable lease with its line as written to the journal, so a snapshot copies bytes instead of formatting again.</summary>
    private readonly record struct DurableLease(DhcpLease Lease, byte[] Line);

    private const long SnapshotIntervalMs = 1000;

    private readonly string _path;
    // The DHCPv6 part on disk: the DUID line, and each DHCPv6 lease line (with its newline) by address (LeaseFile.Dhcp6Key).
    private string? _duidLine;
    private readonly Dictionary<string, byte[]> _dhcp6 = new(StringComparer.Ordinal);
    private readonly WorkQueue<Work> _pending = new();
    // What is on disk, address -> lease; a snapshot writes exactly this, never a record not yet durable.
    private readonly Dictionary<IPAddress, DurableLease> _durable;
    // Journal batches written while a snapshot is being written: what the journal keeps once that snapshot is on disk.
    private readonly List<byte[]> _sinceSnapshot = [];
    private readonly LeaseJournal _journal;
    private readonly Timer _snapshotTimer;
    private readonly Task _flusher;
    private Task? _snapshotting;
    private bool _dirty;
    private bool _timerArmed;
    private long _lastSnapshotStart = long.MinValue / 2;
    private long _fsyncs;
    private long _recordsWritten;
    private long _snapshots;

    /// <summary>
    /// Writes <paramref name="live"/> as a fresh snapshot (dropping what expired, what was released and any torn journal
    /// tail of a crash), then starts an empty journal, in that order, so a crash in between replays the old journal.
    /// </summary>
    public LeaseDiskWriter(string path, IEnumerable<DhcpLease> live, string? duidLine, IReadOnlyList<string> dhcp6Lines)
    {
        _path = Path.GetFullPath(path);
        _duidLine = duidLine;
        foreach (var line in dhcp6Lines) _dhcp6[LeaseFile.Dhcp6Key(line)] = LineOf(line);
        _durable = live.ToDictionary(l => l.Address, l => new DurableLease(l, LineOf(l)));
        WriteSnapshotFile(_durable.Values.Select(d => d.Line).ToArray(), _duidLine, _dhcp6.Values.ToArray());
        _journal = LeaseJournal.CreateEmpty(_path);
        _snapshotTimer = new Timer(_ => _pending.TryEnqueue(new Work(WorkKind.SnapshotDue)));
        _flusher = StartFlusherThread();
    }

    public long FsyncCount => Interlocked.Read(ref _fsyncs);

    public long RecordsWritten => Interlocked.Read(ref _recordsWritten);

    /// <summary>Snapshots of the lease file written since start.</summary>
    public long SnapshotCount => Interlocked.Read(ref _snapshots);

    /// <summary>
    /// Queues <paramref name="lease"/> (a release when it expired at <see cref="LeaseFile.ReleasedExpiry"/>), and the end
    /// of <paramref name="retired"/> if given; the task completes once both are fsync'ed, or faults if they could not be.
    /// With <paramref name="continueOnFlusher"/> the awaiter's continuation runs on the flusher thread right after the
    /// fsync (it must be short and must not wait for the store); otherwise it runs on the thread pool.
    /// </summary>
    public Task AppendAsync(DhcpLease lease, DhcpLease? retired = null, bool continueOnFlusher = false)
    {
        var durable = new TaskCompletionSource(continueOnFlusher ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryEnqueue(new Work(WorkKind.Record, lease, retired, durable)))
            durable.SetException(new ObjectDisposedException(nameof(LeaseStore)));
        return durable.Task;
    }

    /// <summary>The table dropped <paramref name="expired"/>: it leaves the next snapshot (no record: it reads as expired).</summary>
    public void Forget(DhcpLease expired) => _pending.TryEnqueue(new Work(WorkKind.Forget, expired));

    /// <summary>
    /// Queues DHCPv6 records (a binding's line, or its release: the line with expiry 1) and, when the file holds no
    /// DUID line or another, <paramref name="duidLine"/> before them; the task completes once they are fsync'ed, in the
    /// same group commit as DHCPv4's records, or faults if they could not be. The continuation runs on the thread pool.
    /// </summary>
    public Task AppendDhcp6Async(string? duidLine, IReadOnlyList<Dhcp6Record> records)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryEnqueue(new Work(WorkKind.Record6, Durable: durable, Dhcp6: new Dhcp6Batch(duidLine, records))))
            durable.SetException(new ObjectDisposedException(nameof(LeaseDiskWriter)));
        return durable.Task;
    }

    /// <summary>DHCPv6 bindings that ran out leave the next snapshot (no record: they read as expired); each only if its line is still the one held.</summary>
    public void ForgetDhcp6(IReadOnlyList<Dhcp6Record> expired)
    {
        if (expired.Count > 0) _pending.TryEnqueue(new Work(WorkKind.Forget6, Dhcp6: new Dhcp6Batch(null, expired)));
    }

    private Task StartFlusherThread()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { FlushLoop(); }
            catch (Exception ex) { ended.TrySetException(ex); }
            finally { ended.TrySetResult(); }
        })
        { IsBackground = true, Name = "pint-lease-flush" };
        thread.Start();
        return ended.Task;
    }

    private void FlushLoop()
    {
        var batch = new List<Work>();
        var lines = new List<byte[]>();
        var lines6 = new List<byte[]>();
        var forgotten = new List<DhcpLease>();
        var forgotten6 = new List<Dhcp6Record>();
        var journal = new MemoryStream();
        while (_pending.WaitForWork())
        {
            batch.Clear();
            lines.Clear();
            lines6.Clear();
            forgotten.Clear();
            forgotten6.Clear();
            journal.SetLength(0);
            var journaledDuid = _duidLine;
            while (_pending.TryDequeue(out var work))
            {
                switch (work.Kind)
                {
                    case WorkKind.Record:
                        batch.Add(work);
                        if (work.Retired is { } retired) journal.Write(LineOf(retired with { Expires = LeaseFile.ReleasedExpiry }));
                        var line = LineOf(work.Lease!);
                        journal.Write(line);
                        lines.Add(line);
                        break;
                    case WorkKind.Forget:
                        forgotten.Add(work.Lease!);
                        break;
                    case WorkKind.Record6:
                        batch.Add(work);
                        if (work.Dhcp6!.DuidLine is { } duid && duid != journaledDuid)
                        {
                            journal.Write(LineOf(duid));
                            journaledDuid = duid;
                        }
                        foreach (var record in work.Dhcp6.Records)
                        {
                            var line6 = LineOf(record.Line);
                            journal.Write(line6);
                            lines6.Add(line6);
                        }
                        break;
                    case WorkKind.Forget6:
                        forgotten6.AddRange(work.Dhcp6!.Records);
                        break;
                    case WorkKind.SnapshotDue:
                        _timerArmed = false;
                        break;
                    case WorkKind.SnapshotWritten:
                        _snapshotting = null;
                        TrimJournal();
                        break;
                    case WorkKind.SnapshotFailed:
                        // The journal still holds everything; the next snapshot (a second on) tries again.
                        _snapshotting = null;
                        _sinceSnapshot.Clear();
                        _dirty = true;
                        break;
                }
            }
            if (batch.Count > 0) WriteBatch(batch, lines, lines6, journal.ToArray());
            // After the batch: a lease journaled and expired within one pass must still leave.
            foreach (var lease in forgotten)
                if (_durable.TryGetValue(lease.Address, out var held) && held.Lease.Equals(lease) && _durable.Remove(lease.Address))
                    _dirty = true;
            foreach (var record in forgotten6)
                if (_dhcp6.TryGetValue(record.Key, out var held6) && SameExpiry(held6, record.Line) && _dhcp6.Remove(record.Key))
                    _dirty = true;
            StartSnapshotIfDue();
        }
    }

    /// <param name="lines">The line of each DHCPv4 record of <paramref name="batch"/>, in order.</param>
    /// <param name="lines6">The line of each DHCPv6 record of <paramref name="batch"/>, in order.</param>
    private void WriteBatch(List<Work> batch, List<byte[]> lines, List<byte[]> lines6, byte[] bytes)
    {
        try
        {
            // Nothing to write (a DHCPv6 DUID line the file already holds): nothing to fsync.
            if (bytes.Length > 0)
            {
                _journal.Append(bytes);
                Interlocked.Increment(ref _fsyncs);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failure = new LeaseStoreWriteException($"cannot write lease journal '{LeaseFile.JournalPath(_path)}': {ex.Message}", ex);
            foreach (var work in batch) work.Durable!.TrySetException(failure);
            return;
        }
        int at = 0, at6 = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var work = batch[i];
            if (work.Kind == WorkKind.Record6)
            {
                if (work.Dhcp6!.DuidLine is { } duid) _duidLine = duid;
                foreach (var record in work.Dhcp6.Records)
                {
                    var line6 = lines6[at6++];
                    if (LeaseFile.IsDhcp6Release(record.Line)) _dhcp6.Remove(record.Key);
                    else _dhcp6[record.Key] = line6;
                }
                continue;
            }
            if (work.Retired is { } retired) _durable.Remove(retired.Address);
            var lease = work.Lease!;
            if (LeaseFile.IsRelease(lease)) _durable.Remove(lease.Address);
            else _durable[lease.Address] = new DurableLease(lease, lines[at]);
            at++;
        }
        if (_snapshotting is not null) _sinceSnapshot.Add(bytes);
        if (bytes.Length > 0) _dirty = true;
        Interlocked.Add(ref _recordsWritten, batch.Count);
        foreach (var work in batch) work.Durable!.TrySetResult();
    }

    /// <summary>Starts a snapshot when something changed, none is being written, and the last began a second ago or more.</summary>
    private void StartSnapshotIfDue()
    {
        if (!_dirty || _snapshotting is not null) return;
        var wait = _lastSnapshotStart + SnapshotIntervalMs - Environment.TickCount64;
        if (wait > 0)
        {
            if (!_timerArmed) _snapshotTimer.Change(wait, Timeout.Infinite);
            _timerArmed = true;
            return;
        }
        _lastSnapshotStart = Environment.TickCount64;
        _dirty = false;
        var leases = new byte[_durable.Count][];
        var at = 0;
        foreach (var held in _durable.Values) leases[at++] = held.Line;
        var duid = _duidLine;
        byte[][] dhcp6 = _dhcp6.Count == 0 ? [] : _dhcp6.Values.ToArray();
        _snapshotting = Task.Run(() => WriteSnapshot(leases, duid, dhcp6));
    }

    private void WriteSnapshot(byte[][] leases, string? duidLine, byte[][] dhcp6)
    {
        var outcome = WorkKind.SnapshotFailed;
        try
        {
            WriteSnapshotFile(leases, duidLine, dhcp6);
            Interlocked.Increment(ref _snapshots);
            outcome = WorkKind.SnapshotWritten;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk: the journal keeps every lease meanwhile.
        }
        finally
        {
            _pending.TryEnqueue(new Work(outcome));
        }
    }

    /// <summary>The snapshot is on disk: the journal keeps only what was written after the snapshot's copy was taken.</summary>
    private void TrimJournal()
    {
        var tail = new byte[_sinceSnapshot.Sum(b => b.Length)];
        var at = 0;
        foreach (var bytes in _sinceSnapshot)
        {
            bytes.CopyTo(tail, at);
            at += bytes.Length;
        }
        _sinceSnapshot.Clear();
        try
        {
            _journal.Reset(tail);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal is still complete; the next snapshot trims it.
        }
    }

    private static byte[] LineOf(DhcpLease lease) => Encoding.UTF8.GetBytes(LeaseFile.FormatLine(lease));

    private static byte[] LineOf(string line) => Encoding.UTF8.GetBytes(line + "\n");

    /// <summary>
    /// Whether a held DHCPv6 line ends when <paramref name="expired"/> does (its first field): a renewal moves the expiry,
    /// so a binding renewed since it was found expired stays; a line read from a file need not match byte for byte.
    /// </summary>
    private static bool SameExpiry(byte[] held, string expired)
    {
        var space = expired.IndexOf(' ');
        return space > 0 && held.AsSpan().StartsWith(Encoding.UTF8.GetBytes(expired[..(space + 1)]));
    }

    private void WriteSnapshotFile(byte[][] leaseLines, string? duidLine, IReadOnlyList<byte[]> dhcp6Lines) =>
        LeaseFile.WriteAtomically(_path, leaseLines, duidLine, dhcp6Lines);

    /// <summary>
    /// Flushes what is queued, then leaves the lease file holding exactly the durable leases and removes the journal
    /// (kept when that last snapshot cannot be written: it then still holds every lease).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Complete();
        await _flusher.ConfigureAwait(false);
        // A record queued as the queue completed was not written: its commit fails rather than waits forever.
        while (_pending.TryDequeue(out var late))
            late.Durable?.TrySetException(new ObjectDisposedException(nameof(LeaseStore)));
        await _snapshotTimer.DisposeAsync().ConfigureAwait(false);
        if (_snapshotting is { } snapshotting) await snapshotting.ConfigureAwait(false);
        try
        {
            WriteSnapshotFile(_durable.Values.Select(d => d.Line).ToArray(), _duidLine, _dhcp6.Values.ToArray());
            _journal.Dispose();
            LeaseJournal.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal stays beside the last snapshot; the next start replays it.
        }
        finally
        {
            _journal.Dispose();
        }
    }
}

/// <summary>
/// One DHCPv6 record for <see cref="LeaseDiskWriter.AppendDhcp6Async"/>: <paramref name="Line"/> in dnsmasq's format
/// without its newline (<c>EXPIRY IAID ADDRESS HOSTNAME|* CLIENT-DUID</c>; expiry 1 ends the binding), superseding the
/// line of the same <paramref name="Key"/> (the address, <see cref="LeaseFile.Dhcp6Key"/>).
/// </summary>
internal readonly record struct Dhcp6Record(string Key, string Line)
{
    public static Dhcp6Record Of(string line) => new(LeaseFile.Dhcp6Key(line), line);
}
