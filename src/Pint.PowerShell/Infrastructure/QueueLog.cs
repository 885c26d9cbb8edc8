using System.Collections.Concurrent;
using Pint.Engine.Hosting;

namespace Pint.PowerShell.Infrastructure;

/// <summary>
/// Collects log lines from the engine's threads so that the cmdlet can write them on the pipeline thread
/// (PowerShell streams may only be written from there). Bounded: a server nobody watches does not grow memory.
/// </summary>
internal sealed class QueueLog : IPintLog
{
    private const int Capacity = 10_000;
    private readonly ConcurrentQueue<PintLogEntry> _entries = new();
    private readonly SemaphoreSlim _signal = new(0);
    private int _count;

    public PintLogLevel MinimumLevel { get; set; } = PintLogLevel.Information;

    public bool IsEnabled(PintLogLevel level) => level >= MinimumLevel;

    public void Write(PintLogLevel level, string category, string message)
    {
        if (!IsEnabled(level)) return;
        if (Interlocked.Increment(ref _count) > Capacity && _entries.TryDequeue(out _)) Interlocked.Decrement(ref _count);
        _entries.Enqueue(new PintLogEntry(DateTimeOffset.Now, level, category, message));
        _signal.Release();
    }

    public bool TryTake(out PintLogEntry entry)
    {
        if (!_entries.TryDequeue(out entry)) return false;
        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>Waits until a line arrives or the timeout passes.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try { return _signal.Wait(timeout, cancellationToken); }
        catch (OperationCanceledException) { return false; }
    }
}
