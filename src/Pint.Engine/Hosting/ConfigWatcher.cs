namespace Pint.Engine.Hosting;

/// <summary>
/// Notices changes to the config, its includes and its hosts files by polling their size and time stamps once
/// a second: inotify misses edits made through some editors' rename dance and network file systems, a poll does not.
/// A change is reported once the files have been quiet for one poll, so a half-written file is not read.
/// </summary>
internal sealed class ConfigWatcher : IAsyncDisposable
{
    private readonly Func<Task> _onChange;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<string> _paths;
    private Dictionary<string, (long Length, DateTime Written, bool Exists)> _seen;
    private readonly Task _loop;

    public ConfigWatcher(IReadOnlyList<string> paths, Func<Task> onChange, TimeSpan? interval = null)
    {
        _paths = paths;
        _onChange = onChange;
        _interval = interval ?? TimeSpan.FromMilliseconds(500);
        _seen = Snapshot(paths);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>After a reload the set of files may differ (a new include, a removed hosts file).</summary>
    public void Watch(IReadOnlyList<string> paths)
    {
        _paths = paths;
        _seen = Snapshot(paths);
    }

    private async Task LoopAsync()
    {
        var pending = false;
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_interval, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            var now = Snapshot(_paths);
            var changed = !Same(now, _seen);
            _seen = now;
            if (changed) { pending = true; continue; }
            if (!pending) continue;
            pending = false;
            try { await _onChange().ConfigureAwait(false); }
            catch (Exception) { /* the host logs reload failures itself; the watcher keeps watching */ }
        }
    }

    private static Dictionary<string, (long, DateTime, bool)> Snapshot(IReadOnlyList<string> paths)
    {
        var d = new Dictionary<string, (long, DateTime, bool)>();
        foreach (var p in paths)
        {
            try
            {
                var f = new FileInfo(p);
                if (f.Exists) d[p] = (f.Length, f.LastWriteTimeUtc, true);
                else if (Directory.Exists(p)) d[p] = (Directory.GetFileSystemEntries(p).Length, Directory.GetLastWriteTimeUtc(p), true);
                else d[p] = (0, default, false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                d[p] = (-1, default, false);
            }
        }
        return d;
    }

    private static bool Same(Dictionary<string, (long, DateTime, bool)> a, Dictionary<string, (long, DateTime, bool)> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
    }
}
