namespace Pint.Engine.Hosting;

/// <summary>
/// Notices changes to the config, its includes and its hosts files by polling their size and time stamps every
/// 500 ms: inotify misses edits made through some editors' rename dance and network file systems, a poll does not.
/// A change is reported once the files have been quiet for a whole poll, so a file still being written is not read;
/// a directory counts as changed when an entry comes, goes, or changes, so a file written into it is waited for too.
/// </summary>
internal sealed class ConfigWatcher : IAsyncDisposable
{
    private readonly Func<Task> _onChange;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Dictionary<string, Stamp> _seen;
    private readonly Task _loop;

    public ConfigWatcher(IReadOnlyList<string> paths, Func<Task> onChange, TimeSpan? interval = null)
    {
        _onChange = onChange;
        _interval = interval ?? TimeSpan.FromMilliseconds(500);
        _seen = Snapshot(paths);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// After a reload the set of files may differ (a new include, a removed hosts file). Paths watched before keep
    /// the state seen before the reload read them, so a write that lands while the reload reads is still noticed.
    /// </summary>
    public void Watch(IReadOnlyList<string> paths)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, Stamp>();
            foreach (var p in paths) next[p] = _seen.TryGetValue(p, out var known) ? known : Stamp.Of(p);
            _seen = next;
        }
    }

    private async Task LoopAsync()
    {
        var pending = false;
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_interval, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            bool changed;
            lock (_gate)
            {
                var now = Snapshot(_seen.Keys);
                changed = !Same(now, _seen);
                _seen = now;
            }
            if (changed) { pending = true; continue; }
            if (!pending) continue;
            pending = false;
            try { await _onChange().ConfigureAwait(false); }
            catch (Exception) { /* the host logs reload failures itself; the watcher keeps watching */ }
        }
    }

    private static Dictionary<string, Stamp> Snapshot(IEnumerable<string> paths) => paths.Distinct().ToDictionary(p => p, Stamp.Of);

    private static bool Same(Dictionary<string, Stamp> a, Dictionary<string, Stamp> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
    }

    /// <summary>What a poll compares: a file's size and write time; for a directory, the same of every entry in it.</summary>
    private readonly record struct Stamp(bool Exists, long Length, DateTime Written, int Contents)
    {
        private static readonly Stamp Unreadable = new(false, -1, default, 0);

        public static Stamp Of(string path)
        {
            try
            {
                var file = new FileInfo(path);
                if (file.Exists) return new Stamp(true, file.Length, file.LastWriteTimeUtc, 0);
                var directory = new DirectoryInfo(path);
                if (!directory.Exists) return default;
                var entries = new HashCode();
                var count = 0;
                foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
                {
                    entries.Add(entry.Name);
                    entries.Add(entry is FileInfo f ? f.Length : -1);
                    entries.Add(entry.LastWriteTimeUtc);
                    count++;
                }
                return new Stamp(true, count, directory.LastWriteTimeUtc, entries.ToHashCode());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Unreadable;
            }
        }
    }
}
