using System.Collections.Concurrent;

namespace Pint.Engine.Threading;

/// <summary>
/// A queue that one dedicated thread drains: producers never block, and the consumer sleeps on an event that does not
/// spin. The runtime's own waits (thread-pool workers, SemaphoreSlim, channels read from the pool) spin with
/// sched_yield before they sleep, and on a 2-core machine under a DHCP flood that spinning took CPU from the work itself
/// (bench/RESULTS.md, DHCP, 2026-12-07).
/// </summary>
public sealed class WorkQueue<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private int _sleeping;
    private volatile bool _completed;

    /// <summary>True once <see cref="Complete"/> was called: nothing more is accepted.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Queues <paramref name="item"/>; false once the queue is completed.</summary>
    public bool TryEnqueue(T item)
    {
        if (_completed) return false;
        _items.Enqueue(item);
        if (Volatile.Read(ref _sleeping) == 1) _wake.Set();
        return true;
    }

    public bool TryDequeue(out T item) => _items.TryDequeue(out item!);

    /// <summary>Blocks the consumer until an item is queued; false when the queue is completed and empty.</summary>
    public bool WaitForWork()
    {
        while (true)
        {
            if (!_items.IsEmpty) return true;
            if (_completed) return false;
            // Announce the sleep, then look again: an item queued in between either is seen or sets the event.
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (_items.IsEmpty && !_completed) _wake.Wait();
            Volatile.Write(ref _sleeping, 0);
        }
    }

    /// <summary>Accepts nothing more; the consumer drains what is queued, then <see cref="WaitForWork"/> returns false.</summary>
    public void Complete()
    {
        _completed = true;
        _wake.Set();
    }
}
