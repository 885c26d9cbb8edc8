using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Server;

/// <summary>What the DHCP server has seen and done since it started. Thread-safe.</summary>
public sealed class DhcpServerCounters
{
    private readonly long[] _received = new long[9];
    private readonly long[] _sent = new long[9];
    private readonly long[] _dropped = new long[Enum.GetValues<DhcpDropReason>().Length];
    private long _pingConflicts;
    private long _commitFailures;
    private long _sendFailures;

    /// <summary>Requests received of a message type (DISCOVER, REQUEST, ...).</summary>
    public long Received(DhcpMessageType type) => Interlocked.Read(ref _received[(int)type]);

    /// <summary>Replies sent of a message type (OFFER, ACK, NAK).</summary>
    public long Sent(DhcpMessageType type) => Interlocked.Read(ref _sent[(int)type]);

    /// <summary>Requests that got no reply, for this reason.</summary>
    public long Dropped(DhcpDropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    /// <summary>Datagrams dropped because they were not valid DHCP requests.</summary>
    public long Malformed => Dropped(DhcpDropReason.Malformed);

    /// <summary>Valid requests that got no reply (ignored host, no address, another server's client, ...).</summary>
    public long Unanswered
    {
        get
        {
            long sum = 0;
            for (var r = 0; r < _dropped.Length; r++)
                if (r != (int)DhcpDropReason.Malformed) sum += Interlocked.Read(ref _dropped[r]);
            return sum;
        }
    }
    /// <summary>Addresses not offered because something answered a ping on them.</summary>
    public long PingConflicts => Interlocked.Read(ref _pingConflicts);

    /// <summary>ACKs withheld because the lease could not be written to disk.</summary>
    public long CommitFailures => Interlocked.Read(ref _commitFailures);

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public long Acks => Sent(DhcpMessageType.Ack);
    public long Naks => Sent(DhcpMessageType.Nak);

    internal void CountReceived(DhcpMessageType type) => Interlocked.Increment(ref _received[(int)type]);
    internal void CountSent(DhcpMessageType type) => Interlocked.Increment(ref _sent[(int)type]);
    internal void CountMalformed() => CountDropped(DhcpDropReason.Malformed);
    internal void CountDropped(DhcpDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);
    internal void CountPingConflict() => Interlocked.Increment(ref _pingConflicts);
    internal void CountCommitFailure() => Interlocked.Increment(ref _commitFailures);
    internal void CountSendFailure() => Interlocked.Increment(ref _sendFailures);

    /// <summary>
    /// The counters by the names the control channel and Get-PintServer show ("discovers", "acks", ...), and each
    /// drop reason as "drops.&lt;reason&gt;" (camelCase).
    /// </summary>
    public Dictionary<string, long> Snapshot()
    {
        var values = new Dictionary<string, long>
        {
            ["discovers"] = Received(DhcpMessageType.Discover),
            ["requests"] = Received(DhcpMessageType.Request),
            ["releases"] = Received(DhcpMessageType.Release),
            ["declines"] = Received(DhcpMessageType.Decline),
            ["informs"] = Received(DhcpMessageType.Inform),
            ["offers"] = Sent(DhcpMessageType.Offer),
            ["acks"] = Acks,
            ["naks"] = Naks,
            ["malformed"] = Malformed,
            ["unanswered"] = Unanswered,
            ["pingConflicts"] = PingConflicts,
            ["commitFailures"] = CommitFailures,
            ["sendFailures"] = SendFailures,
        };
        foreach (var reason in Enum.GetValues<DhcpDropReason>())
            values[DropKey(reason)] = Dropped(reason);
        return values;
    }

    /// <summary>"drops.hostIgnored" for <see cref="DhcpDropReason.HostIgnored"/>.</summary>
    public static string DropKey(DhcpDropReason reason)
    {
        var name = reason.ToString();
        return "drops." + char.ToLowerInvariant(name[0]) + name[1..];
    }
}
