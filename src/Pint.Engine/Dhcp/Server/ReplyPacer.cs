using System.Diagnostics;

namespace Pint.Engine.Dhcp.Server;

/// <summary>
/// Sends the replies that one group commit releases at a bounded rate instead of all at once. A commit that had to
/// wait (a slow fsync, the snapshot sharing the disk, the flusher descheduled) releases tens to hundreds of ACKs in
/// the same instant, and a client receiving for many (a relay, perfdhcp) drops what does not fit in its socket buffer:
/// the lease is durable but its ACK is lost (bench/RESULTS.md, DHCP, 2026-12-07 midday). A token bucket lets a few
/// replies straight through on the caller's thread, which is all that ordinary traffic ever needs; beyond that the
/// replies queue, in order, and a thread of its own sends them as tokens come back. Every reply still goes out only
/// after its lease is durable; pacing only delays it (by a few milliseconds under a flood).
/// </summary>
internal sealed class ReplyPacer<T> : IDisposable
{
    private readonly Action<T> _send;
    private readonly double _burst;
    private readonly double _perTick; // tokens per Stopwatch tick
    private readonly Queue<T> _queue = new();
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly Thread _thread;
    private double _tokens;
    private long _stamp;
    private bool _stopping;

    /// <param name="send">Sends one reply; must not throw.</param>
    /// <param name="burst">Replies that may leave back to back.</param>
    /// <param name="perMillisecond">Sustained rate once the burst is spent.</param>
    public ReplyPacer(Action<T> send, int burst, double perMillisecond, string threadName)
    {
        _send = send;
        _burst = burst;
        _perTick = perMillisecond * 1000.0 / Stopwatch.Frequency;
        _tokens = burst;
        _stamp = Stopwatch.GetTimestamp();
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Sends <paramref name="item"/> now if a token is free and nothing waits before it, else queues it.</summary>
    public void Send(T item)
    {
        lock (_gate)
        {
            Refill();
            if (_stopping || _queue.Count > 0 || _tokens < 1)
            {
                if (!_stopping)
                {
                    _queue.Enqueue(item);
                    if (_queue.Count == 1) _wake.Set();
                    return;
                }
            }
            else
            {
                _tokens -= 1;
            }
        }
        _send(item); // stopping: no more pacing, the socket is about to close
    }

    private void Refill()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens += (now - _stamp) * _perTick;
        // The burst caps what idle time saves up; while replies wait, the pacer's thread may have slept longer than
        // asked, and what it missed is owed to the queue (else the rate would fall with every late wake-up).
        if (_queue.Count == 0 && _tokens > _burst) _tokens = _burst;
        _stamp = now;
    }

    private enum Step { Send, Wait, Idle, Stop }

    private void Run()
    {
        while (true)
        {
            _wake.Wait();
            while (true)
            {
                var step = Next(out var item);
                if (step == Step.Stop) return;
                if (step == Step.Idle) break;
                if (step == Step.Wait) Thread.Sleep(1); // a token comes back within the millisecond (Refill)
                else SendSafely(item);
            }
        }
    }

    private void SendSafely(T item)
    {
        try { _send(item); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { /* one reply lost; the thread serves the rest */ }
    }

    private Step Next(out T item)
    {
        item = default!;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                if (_stopping) return Step.Stop;
                _wake.Reset(); // under the gate: a Send that queues next sets it again
                return Step.Idle;
            }
            Refill();
            if (_tokens < 1 && !_stopping) return Step.Wait;
            _tokens = Math.Max(0, _tokens - 1);
            item = _queue.Dequeue();
            return Step.Send;
        }
    }

    /// <summary>Sends what is queued without pacing, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            _wake.Set();
        }
        _thread.Join();
        _wake.Dispose();
    }
}
