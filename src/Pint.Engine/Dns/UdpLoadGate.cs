namespace Pint.Engine.Dns;

/// <summary>
/// Lets extra receive threads of one socket help only under load. Two threads blocked on a socket share the wakeups
/// of a moderate query rate between them and each wakeup costs more CPU than the answer; so the first thread
/// serves alone, and opens the gate for the helpers when its batches fill up (queries queue faster than one thread
/// drains them: a batch comes back full), closing it again when they shrink.
/// </summary>
internal sealed class UdpLoadGate
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly ManualResetEventSlim _busy = new(false);
    private readonly int _openAt;

    public UdpLoadGate(int batchSize) => _openAt = Math.Max(2, batchSize);

    public bool IsOpen => _busy.IsSet;

    /// <summary>The first thread reports each batch size.</summary>
    public void Report(int received)
    {
        if (received >= _openAt) { if (!_busy.IsSet) _busy.Set(); }
        else if (received <= 2 && _busy.IsSet) _busy.Reset();
    }

    /// <summary>A helper waits here until there is load; false after a quiet poll interval (to check for stop).</summary>
    public bool WaitForLoad(CancellationToken cancellationToken)
    {
        try { return _busy.Wait(Poll, cancellationToken); }
        catch (OperationCanceledException) { return false; }
    }
}
