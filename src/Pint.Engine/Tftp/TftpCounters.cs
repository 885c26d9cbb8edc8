namespace Pint.Engine.Tftp;

/// <summary>Live statistics of a <see cref="TftpServer"/>, safe to read from any thread.</summary>
public sealed class TftpCounters
{
    private long _requests, _refused, _started, _completed, _failed, _aborted, _evicted, _active, _bytesSent, _retransmissions;

    /// <summary>Datagrams received on the listen sockets.</summary>
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>
    /// Requests answered with an ERROR packet (bad packet, WRQ, missing or forbidden file, server full of transfers
    /// that are all moving, or the client's address at its share of them).
    /// </summary>
    public long Refused => Interlocked.Read(ref _refused);
    public long TransfersStarted => Interlocked.Read(ref _started);
    public long TransfersCompleted => Interlocked.Read(ref _completed);
    /// <summary>Transfers abandoned: client silent past the retries, client ERROR, or I/O failure.</summary>
    public long TransfersFailed => Interlocked.Read(ref _failed);
    /// <summary>Failed transfers the client ended with an ERROR packet (on the transfer's port or the listen port).</summary>
    public long TransfersAborted => Interlocked.Read(ref _aborted);
    /// <summary>Failed transfers that had stopped moving and gave their slot to a new request (see <see cref="TftpAdmission"/>).</summary>
    public long TransfersEvicted => Interlocked.Read(ref _evicted);
    public long ActiveTransfers => Interlocked.Read(ref _active);
    /// <summary>File bytes sent in DATA packets, retransmissions included.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    /// <summary>The counters by the names the control channel and Get-PintServer show ("requests", "transfersStarted", ...).</summary>
    public Dictionary<string, long> Snapshot() => new()
    {
        ["requests"] = Requests,
        ["refused"] = Refused,
        ["transfersStarted"] = TransfersStarted,
        ["transfersCompleted"] = TransfersCompleted,
        ["transfersFailed"] = TransfersFailed,
        ["transfersAborted"] = TransfersAborted,
        ["transfersEvicted"] = TransfersEvicted,
        ["activeTransfers"] = ActiveTransfers,
        ["bytesSent"] = BytesSent,
        ["retransmissions"] = Retransmissions,
    };

    internal void RequestReceived() => Interlocked.Increment(ref _requests);
    internal void RequestRefused() => Interlocked.Increment(ref _refused);
    internal void TransferStarted() { Interlocked.Increment(ref _started); Interlocked.Increment(ref _active); }
    internal void TransferEnded(bool completed, TftpCancellation cancellation)
    {
        Interlocked.Decrement(ref _active);
        Interlocked.Increment(ref completed ? ref _completed : ref _failed);
        if (cancellation == TftpCancellation.ClientError)
            Interlocked.Increment(ref _aborted);
        else if (cancellation == TftpCancellation.Evicted)
            Interlocked.Increment(ref _evicted);
    }
    internal void DataSent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);
    internal void Retransmitted() => Interlocked.Increment(ref _retransmissions);
}
