namespace Pint.Engine.Metrics;

/// <summary>
/// The counters of every server running in this process, each with the <c>server</c> tag that tells them apart
/// (several hosts may run in one process, as tests do). A server adds itself when it starts and leaves when it stops,
/// so the meters read only live servers and nothing is counted on the packet path.
/// </summary>
internal sealed class LiveRegistry<T> where T : class
{
    private readonly object _gate = new();
    private (T Counters, string Server)[] _live = [];

    /// <summary>The servers running now; a copy, so a meter callback may read it while servers come and go.</summary>
    public (T Counters, string Server)[] Live => Volatile.Read(ref _live);

    /// <summary>Adds <paramref name="counters"/> until the returned handle is disposed.</summary>
    public IDisposable Add(T counters, string server)
    {
        lock (_gate) _live = [.. _live, (counters, server)];
        return new Registration(this, counters);
    }

    private void Remove(T counters)
    {
        lock (_gate) _live = _live.Where(e => !ReferenceEquals(e.Counters, counters)).ToArray();
    }

    private sealed class Registration(LiveRegistry<T> registry, T counters) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) registry.Remove(counters);
        }
    }
}
