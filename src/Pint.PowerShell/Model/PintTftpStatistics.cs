namespace Pint.PowerShell.Model;

/// <summary>The TFTP service's counters since it started.</summary>
public sealed class PintTftpStatistics : PintServiceStatistics
{
    /// <summary>Datagrams received on the listen sockets.</summary>
    public long Requests => Read("requests");
    /// <summary>Requests answered with an ERROR packet.</summary>
    public long Refused => Read("refused");
    public long TransfersStarted => Read("transfersStarted");
    public long TransfersCompleted => Read("transfersCompleted");
    /// <summary>Transfers abandoned: client silent past the retries, client ERROR, or I/O failure.</summary>
    public long TransfersFailed => Read("transfersFailed");
    public long TransfersAborted => Read("transfersAborted");
    public long TransfersEvicted => Read("transfersEvicted");
    public long ActiveTransfers => Read("activeTransfers");
    /// <summary>File bytes sent in DATA packets, retransmissions included.</summary>
    public long BytesSent => Read("bytesSent");
    public long Retransmissions => Read("retransmissions");
}
