namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// The journal beside a lease file (<see cref="LeaseFile.JournalPath"/>): lease records in dnsmasq's line format, each
/// batch appended and fsync'ed before the commits in it complete (a later line for an address supersedes earlier ones;
/// a release is a line that expired at <see cref="LeaseFile.ReleasedExpiry"/>). Once a snapshot of the lease file holds
/// what the journal recorded, the journal is cut back to the records that came after that snapshot. Only the owner of
/// the file's <see cref="LeaseFileLock"/> writes it; not thread-safe.
/// </summary>
internal sealed class LeaseJournal : IDisposable
{
    // Share Delete, so that replacing the journal (Reset) and readers work on Windows too.
    private const FileShare Sharing = FileShare.Read | FileShare.Delete;

    private readonly string _path;
    private FileStream _file;
    private long _goodLength;

    private LeaseJournal(string path, FileStream file)
    {
        _path = path;
        _file = file;
        _goodLength = file.Length;
    }

    /// <summary>
    /// Starts the journal of <paramref name="leaseFile"/> empty (an old one is cut to nothing), durably. Call only once
    /// the lease file holds everything the old journal recorded.
    /// </summary>
    public static LeaseJournal CreateEmpty(string leaseFile)
    {
        var path = LeaseFile.JournalPath(leaseFile);
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, Sharing, bufferSize: 0);
        try
        {
            file.Flush(flushToDisk: true);
            DirectorySync.Flush(Path.GetDirectoryName(path)!); // the new file's name lasts too
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new LeaseJournal(path, file);
    }

    /// <summary>
    /// Opens the journal of <paramref name="leaseFile"/> (created when missing) to append after its last complete
    /// record: a line a crash cut off is removed first, so it cannot merge with the next record.
    /// </summary>
    public static LeaseJournal OpenForAppend(string leaseFile)
    {
        var path = LeaseFile.JournalPath(leaseFile);
        var existed = File.Exists(path);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, Sharing, bufferSize: 0);
        try
        {
            var content = new byte[file.Length];
            file.ReadExactly(content);
            var complete = content.AsSpan().LastIndexOf((byte)'\n') + 1;
            if (complete != content.Length) file.SetLength(complete);
            if (!existed) DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new LeaseJournal(path, file);
    }

    /// <summary>Bytes of complete records in the journal.</summary>
    public long Length => _goodLength;

    /// <summary>Appends whole record lines and fsyncs them. On failure nothing of them stays in the file.</summary>
    public void Append(ReadOnlySpan<byte> records)
    {
        try
        {
            // A previous failure may have left a partial line; cut it off so it cannot merge with this one.
            if (_file.Length != _goodLength) _file.SetLength(_goodLength);
            _file.Seek(_goodLength, SeekOrigin.Begin);
            _file.Write(records);
            _file.Flush(flushToDisk: true);
            _goodLength += records.Length;
        }
        catch (IOException)
        {
            try { _file.SetLength(_goodLength); } catch (IOException) { /* retried before the next write */ }
            throw;
        }
    }

    /// <summary>
    /// Replaces the journal's content with <paramref name="tail"/> (the records newer than the snapshot just written),
    /// so that a crash leaves the old journal or the new one: cut in place when nothing is kept, else a new file
    /// fsync'ed and renamed over the old. On failure the old journal stays, complete.
    /// </summary>
    public void Reset(ReadOnlySpan<byte> tail)
    {
        if (tail.IsEmpty)
        {
            _file.SetLength(0);
            _goodLength = 0;
            _file.Flush(flushToDisk: true);
            return;
        }
        var temporary = _path + ".new";
        var next = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, Sharing, bufferSize: 0);
        try
        {
            next.Write(tail);
            next.Flush(flushToDisk: true);
            File.Move(temporary, _path, overwrite: true);
        }
        catch
        {
            next.Dispose();
            try { File.Delete(temporary); } catch (IOException) { /* overwritten by the next reset */ }
            throw;
        }
        // The name now points at the new file: append there from now on, whatever happens next.
        _file.Dispose();
        _file = next;
        _goodLength = tail.Length;
        DirectorySync.Flush(Path.GetDirectoryName(_path)!);
    }

    /// <summary>Deletes the journal of <paramref name="leaseFile"/>: only once the lease file holds all it recorded.</summary>
    public static void Delete(string leaseFile) => File.Delete(LeaseFile.JournalPath(leaseFile));

    public void Dispose() => _file.Dispose();
}
