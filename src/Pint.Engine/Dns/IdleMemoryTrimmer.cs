namespace Pint.Engine.Dns;

/// <summary>
/// Gives memory back once the process has gone quiet after allocating: after start (reading a large hosts file
/// leaves megabytes of parse garbage) and after a burst of forwarded queries (sockets, timers, replies). The answer
/// path allocates nothing, so once that is over no collection ever runs again to release what the burst left
/// committed, and the process would keep tens of idle megabytes. When more than <see cref="SlackBytes"/> were
/// allocated since the last trim and almost nothing during the last interval, one compacting collection returns
/// the difference. Allocation is measured rather than the GC's own figures: those date from the last collection,
/// which an idle process never has.
/// </summary>
internal sealed class IdleMemoryTrimmer : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const long SlackBytes = 8L << 20;
    // Below this per interval the process counts as idle; a DHCP or forwarding load allocates far more.
    private const long IdleBytes = 1L << 20;
    private readonly Timer _timer;
    private long _allocatedAtLastCheck, _allocatedAfterTrim;

    public IdleMemoryTrimmer()
    {
        _allocatedAtLastCheck = GC.GetTotalAllocatedBytes();
        _timer = new Timer(_ => Check(), null, Interval, Interval);
    }

    private void Check()
    {
        long allocated = GC.GetTotalAllocatedBytes();
        bool idle = allocated - _allocatedAtLastCheck < IdleBytes;
        _allocatedAtLastCheck = allocated;
        if (!idle || allocated - _allocatedAfterTrim < SlackBytes) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _allocatedAfterTrim = _allocatedAtLastCheck = GC.GetTotalAllocatedBytes();
    }

    public void Dispose() => _timer.Dispose();
}
