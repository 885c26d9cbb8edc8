using Pint.Engine.Threading;

namespace Pint.Engine.Hosting;

/// <summary>
/// Log lines written by one background thread in batches. A caller only queues an entry (it never blocks, and a full
/// queue drops the entry); the thread formats everything waiting, writes it and flushes once. Under a flood (dnsmasq
/// logs four lines per DHCP exchange) that is one write call per batch instead of one per line, and the formatting
/// (time stamps) happens off the DNS and DHCP threads.
/// </summary>
public sealed class BackgroundLineWriter<T> : IAsyncDisposable
{
    // Lines wait at most this long before they are written: long enough for a flood to fill a batch.
    private static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(20);

    private readonly TextWriter _writer;
    private readonly Action<TextWriter, T> _format;
    private readonly bool _ownsWriter;
    private readonly int _capacity;
    private readonly WorkQueue<T> _queue = new();
    private readonly Thread _thread;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    /// <param name="format">Writes one entry (a whole line) to the writer.</param>
    public BackgroundLineWriter(Action<TextWriter, T> format, TextWriter writer, bool ownsWriter, int capacity = 100_000)
    {
        _writer = writer;
        _format = format;
        _ownsWriter = ownsWriter;
        _capacity = capacity;
        _thread = new Thread(Pump) { IsBackground = true, Name = "pint-log" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="entry"/>; false (dropped) when the queue is full or the writer has stopped.</summary>
    public bool TryQueue(T entry)
    {
        if (Interlocked.Increment(ref _count) > _capacity || !_queue.TryEnqueue(entry))
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        return true;
    }

    /// <summary>Writes what is queued and waits (up to <paramref name="timeout"/>) for the thread to end; for process exit.</summary>
    public void Complete(TimeSpan timeout)
    {
        _queue.Complete();
        _thread.Join(timeout);
    }

    private void Pump()
    {
        try
        {
            while (_queue.WaitForWork())
            {
                if (!_queue.IsCompleted) Thread.Sleep(BatchDelay);
                WriteWaiting();
            }
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    private void WriteWaiting()
    {
        var wrote = false;
        while (_queue.TryDequeue(out var entry))
        {
            Interlocked.Decrement(ref _count);
            try { _format(_writer, entry); }
            catch (IOException) { /* a full disk must not stop the server */ }
            wrote = true;
        }
        if (!wrote) return;
        try { _writer.Flush(); }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _ended.Task.ConfigureAwait(false);
        if (_ownsWriter) await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
