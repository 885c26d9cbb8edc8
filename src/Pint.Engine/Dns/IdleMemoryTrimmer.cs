namespace Pint.Engine.Dns;

/// <summary>
/// Gives memory back after a burst of forwarded queries. Forwarding allocates (sockets, timers, replies) and grows
/// the GC heap's committed memory; the answer path allocates nothing, so once the burst is over no collection ever
/// runs again to release it and the process keeps tens of idle megabytes. When forwarding has gone quiet and the
/// committed heap is well above the live heap, one compacting collection returns the difference.
/// </summary>
internal sealed class IdleMemoryTrimmer : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const long SlackBytes = 8L << 20;
    private readonly DnsCounters _counters;
    private readonly Timer _timer;
    private long _lastForwarded, _trimmedAt;

    public IdleMemoryTrimmer(DnsCounters counters)
    {
        _counters = counters;
        _timer = new Timer(_ => Check(), null, Interval, Interval);
    }

    private void Check()
    {
        long forwarded = _counters.Forwarded;
        bool quiet = forwarded == _lastForwarded;
        _lastForwarded = forwarded;
        // Only after a burst (something was forwarded since the last trim) and once it has stopped.
        if (!quiet || forwarded == _trimmedAt) return;
        var info = GC.GetGCMemoryInfo();
        if (info.TotalCommittedBytes - info.HeapSizeBytes < SlackBytes) return;
        _trimmedAt = forwarded;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose() => _timer.Dispose();
}
