using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The durable side of the lease store: the lease file itself, used as an append-only journal in dnsmasq's
/// line format (a later line for an address supersedes earlier ones; a release is an expired line).
/// A single background flusher takes every record waiting, writes them, and fsyncs once for all of them
/// (group commit), so concurrent exchanges share the cost of durability. When the journal has grown well past
/// the live lease count it is compacted: new file, fsync, atomic rename, fsync of the directory.
/// </summary>
internal sealed class LeaseJournal : IAsyncDisposable
{
    private readonly record struct PendingRecord(DhcpLease Lease, bool Removes, TaskCompletionSource Durable);

    private const int MinimumRecordsBeforeCompaction = 1024;

    private readonly string _path;
    private readonly string? _duidLine;
    private readonly IReadOnlyList<string> _dhcp6Lines;
    private readonly Channel<PendingRecord> _pending = Channel.CreateUnbounded<PendingRecord>(new() { SingleReader = true });
    // What is on disk, address -> lease; compaction writes exactly this, never a record not yet durable.
    private readonly Dictionary<IPAddress, DhcpLease> _durable;
    private readonly Task _flusher;
    private FileStream _file;
    private long _goodLength;
    private int _recordsInFile;
    private long _fsyncs;
    private long _recordsWritten;

    public LeaseJournal(string path, IEnumerable<DhcpLease> live, string? duidLine, IReadOnlyList<string> dhcp6Lines)
    {
        _path = Path.GetFullPath(path);
        _duidLine = duidLine;
        _dhcp6Lines = dhcp6Lines;
        _durable = live.ToDictionary(l => l.Address);
        // Start from a compact file: drops expired and superseded lines and any torn tail of a crash.
        _file = Compact();
        _flusher = Task.Run(FlushLoopAsync);
    }

    public long FsyncCount => Interlocked.Read(ref _fsyncs);

    public long RecordsWritten => Interlocked.Read(ref _recordsWritten);

    /// <summary>Queues a record; the task completes once it is fsync'ed, or faults if it could not be written.</summary>
    public Task AppendAsync(DhcpLease lease, bool removes)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new PendingRecord(lease, removes, durable)))
            durable.SetException(new ObjectDisposedException(nameof(LeaseStore)));
        return durable.Task;
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingRecord>();
        var text = new StringBuilder();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            text.Clear();
            while (_pending.Reader.TryRead(out var record))
            {
                batch.Add(record);
                text.Append(LeaseFile.FormatLine(record.Lease));
            }
            try
            {
                WriteDurably(Encoding.UTF8.GetBytes(text.ToString()));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var failure = new LeaseStoreWriteException($"cannot write lease file '{_path}': {ex.Message}", ex);
                foreach (var record in batch) record.Durable.TrySetException(failure);
                continue;
            }
            foreach (var record in batch)
            {
                if (record.Removes) _durable.Remove(record.Lease.Address);
                else _durable[record.Lease.Address] = record.Lease;
            }
            _recordsInFile += batch.Count;
            Interlocked.Add(ref _recordsWritten, batch.Count);
            foreach (var record in batch) record.Durable.TrySetResult();
            if (_recordsInFile > Math.Max(MinimumRecordsBeforeCompaction, 2 * _durable.Count))
                TryCompact();
        }
    }

    private void WriteDurably(byte[] bytes)
    {
        try
        {
            // A previous failure may have left a partial line; cut it off so it cannot merge with this one.
            if (_file.Length != _goodLength) _file.SetLength(_goodLength);
            _file.Seek(_goodLength, SeekOrigin.Begin);
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
            Interlocked.Increment(ref _fsyncs);
            _goodLength += bytes.Length;
        }
        catch (IOException)
        {
            try { _file.SetLength(_goodLength); } catch (IOException) { /* retried before the next write */ }
            throw;
        }
    }

    private void TryCompact()
    {
        try
        {
            var compacted = Compact();
            _file.Dispose();
            _file = compacted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal is still complete and durable; compaction is retried after the next batch.
        }
    }

    private FileStream Compact()
    {
        LeaseFile.WriteAtomically(_path, _durable.Values, _duidLine, _dhcp6Lines);
        var file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        _goodLength = file.Length;
        file.Seek(0, SeekOrigin.End);
        _recordsInFile = _durable.Count;
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _flusher.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
