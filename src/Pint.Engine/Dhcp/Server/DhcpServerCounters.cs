using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Server;

/// <summary>What the DHCP server has seen and done since it started. Thread-safe.</summary>
public sealed class DhcpServerCounters
{
    private readonly long[] _received = new long[9];
    private readonly long[] _sent = new long[9];
    private long _malformed;
    private long _unanswered;
    private long _pingConflicts;
    private long _commitFailures;
    private long _sendFailures;

    /// <summary>Requests received of a message type (DISCOVER, REQUEST, ...).</summary>
    public long Received(DhcpMessageType type) => Interlocked.Read(ref _received[(int)type]);

    /// <summary>Replies sent of a message type (OFFER, ACK, NAK).</summary>
    public long Sent(DhcpMessageType type) => Interlocked.Read(ref _sent[(int)type]);

    /// <summary>Datagrams dropped because they were not valid DHCP requests.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Valid requests that got no reply (ignored host, no address, another server's client, ...).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);
    /// <summary>Addresses not offered because something answered a ping on them.</summary>
    public long PingConflicts => Interlocked.Read(ref _pingConflicts);

    /// <summary>ACKs withheld because the lease could not be written to disk.</summary>
    public long CommitFailures => Interlocked.Read(ref _commitFailures);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long Acks => Sent(DhcpMessageType.Ack);
    public long Naks => Sent(DhcpMessageType.Nak);

    internal void CountReceived(DhcpMessageType type) => Interlocked.Increment(ref _received[(int)type]);
    internal void CountSent(DhcpMessageType type) => Interlocked.Increment(ref _sent[(int)type]);
    internal void CountMalformed() => Interlocked.Increment(ref _malformed);
    internal void CountUnanswered() => Interlocked.Increment(ref _unanswered);
    internal void CountPingConflict() => Interlocked.Increment(ref _pingConflicts);
    internal void CountCommitFailure() => Interlocked.Increment(ref _commitFailures);
    internal void CountSendFailure() => Interlocked.Increment(ref _sendFailures);
}
