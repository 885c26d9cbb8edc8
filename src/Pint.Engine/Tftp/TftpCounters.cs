namespace Pint.Engine.Tftp;

/// <summary>Live statistics of a <see cref="TftpServer"/>, safe to read from any thread.</summary>
public sealed class TftpCounters
{
    private long _requests, _refused, _started, _completed, _failed, _active, _bytesSent, _retransmissions;

    /// <summary>Datagrams received on the listen sockets.</summary>
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Requests answered with an ERROR packet (bad packet, WRQ, missing or forbidden file, server full).</summary>
    public long Refused => Interlocked.Read(ref _refused);
    public long TransfersStarted => Interlocked.Read(ref _started);
    public long TransfersCompleted => Interlocked.Read(ref _completed);
    /// <summary>Transfers abandoned: client silent past the retries, client ERROR, or I/O failure.</summary>
    public long TransfersFailed => Interlocked.Read(ref _failed);
    public long ActiveTransfers => Interlocked.Read(ref _active);
    /// <summary>File bytes sent in DATA packets, retransmissions included.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    internal void RequestReceived() => Interlocked.Increment(ref _requests);
    internal void RequestRefused() => Interlocked.Increment(ref _refused);
    internal void TransferStarted() { Interlocked.Increment(ref _started); Interlocked.Increment(ref _active); }
    internal void TransferEnded(bool completed)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref completed ? ref _completed : ref _failed);
    }
    internal void DataSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);
    internal void Retransmitted() => Interlocked.Increment(ref _retransmissions);
}
