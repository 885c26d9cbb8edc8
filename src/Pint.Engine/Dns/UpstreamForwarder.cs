using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>
/// Sends a query upstream with a fresh random ID, accepts only a reply from that server with that ID and question,
/// and moves to the next server on timeout. A query a client asked over UDP goes over UDP from a fresh socket (so a
/// random source port); a truncated (TC) UDP reply is relayed as it is, so the client retries over TCP, as dnsmasq
/// does. A query asked over TCP goes over TCP, on a connection from <see cref="UpstreamTcpPool"/>.
/// </summary>
public sealed class UpstreamForwarder(TimeSpan timeout, int? negativeTtl, UpstreamTcpPool? tcpPool = null) : IDisposable
{
    private const int MaxReply = 65535;
    private static readonly PinnedBufferPool Buffers = new(MaxReply, maxRetained: 64);
    private readonly UpstreamTcpPool _tcp = tcpPool ?? new UpstreamTcpPool();

    /// <summary>What the reply must answer: our ID and the client's question.</summary>
    private readonly record struct Question(ushort Id, byte[] Name, DnsType Type, ushort Class);

    /// <summary>
    /// The accepted reply, or null when no server answered in time (the caller sends SERVFAIL). Over TCP when
    /// <paramref name="overTcp"/> (the client asked over TCP). A query is exchanged once: its ID is written here.
    /// </summary>
    public async Task<UpstreamReply?> ExchangeAsync(ForwardedQuery query, bool overTcp, CancellationToken cancellationToken)
    {
        if (query.UpstreamLength > ushort.MaxValue) return null; // a 64 KiB TCP query with our OPT added does not fit
        ushort id = UpstreamQueryId.Next();
        var framed = query.UpstreamMessage;
        BinaryPrimitives.WriteUInt16BigEndian(framed.AsSpan(2), id);
        int length = query.UpstreamLength;
        var question = new Question(id, query.Name, query.Type, query.Class);
        var group = query.Upstream;
        var buffer = Buffers.Rent();
        try
        {
            foreach (var server in group.TryOrder())
            {
                var started = Stopwatch.GetTimestamp();
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(timeout);
                try
                {
                    var reply = overTcp
                        ? await ExchangeTcpAsync(server, framed.AsMemory(0, length + 2), question, buffer, deadline.Token).ConfigureAwait(false)
                        : await ExchangeUdpAsync(server, framed.AsMemory(2, length), question, buffer, deadline.Token).ConfigureAwait(false);
                    if (reply is { } accepted)
                    {
                        var elapsed = Stopwatch.GetElapsedTime(started);
                        group.ReportAnswer(server, elapsed);
                        DnsMetrics.RecordUpstream(elapsed, answered: true);
                        return accepted;
                    }
                    group.ReportTimeout(server, timeout); // garbage over TCP: as good as no answer
                    DnsMetrics.RecordUpstream(Stopwatch.GetElapsedTime(started), answered: false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    group.ReportTimeout(server, timeout);
                    DnsMetrics.RecordUpstream(Stopwatch.GetElapsedTime(started), answered: false);
                }
                catch (SocketException)
                {
                    // ICMP port unreachable, a refused or reset connection and the like: no answer from this server.
                    group.ReportTimeout(server, timeout);
                    DnsMetrics.RecordUpstream(Stopwatch.GetElapsedTime(started), answered: false);
                }
            }
            return null;
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    /// <summary>Waits (until the deadline cancels) for a datagram from the server that answers the question; others are forgeries.</summary>
    private async Task<UpstreamReply?> ExchangeUdpAsync(IPEndPoint server, ReadOnlyMemory<byte> query, Question question, byte[] buffer,
        CancellationToken deadline)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        await socket.SendToAsync(query, SocketFlags.None, server, deadline).ConfigureAwait(false);
        while (true)
        {
            var received = await socket.ReceiveFromAsync(buffer.AsMemory(0, MaxReply), SocketFlags.None, server, deadline).ConfigureAwait(false);
            if (!server.Equals(received.RemoteEndPoint)) continue; // spoofing guard: only the server we asked
            if (Accept(buffer.AsSpan(0, received.ReceivedBytes), question, out var reply)) return reply;
        }
    }

    /// <summary>
    /// One query on one connection. A pooled connection the server has closed since shows as the end of the stream
    /// (or a reset) on first use: then once more on a new connection. A reply that is cut or answers something else
    /// means the stream is out of step: the connection is closed and null returned (not relayed).
    /// </summary>
    private async Task<UpstreamReply?> ExchangeTcpAsync(IPEndPoint server, ReadOnlyMemory<byte> framed, Question question, byte[] buffer,
        CancellationToken deadline)
    {
        var socket = _tcp.TryTake(server);
        bool reused = socket is not null;
        while (true)
        {
            socket ??= await UpstreamTcpPool.ConnectAsync(server, deadline).ConfigureAwait(false);
            bool keep = false;
            try
            {
                int length;
                try
                {
                    await socket.SendAsync(framed, SocketFlags.None, deadline).ConfigureAwait(false);
                    length = await DnsTcpFraming.ReadMessageAsync(socket, buffer.AsMemory(0, MaxReply), deadline).ConfigureAwait(false);
                }
                catch (SocketException) when (reused)
                {
                    length = -1;
                }
                if (length < 0)
                {
                    if (!reused) return null;
                    reused = false;
                    continue;
                }
                if (!Accept(buffer.AsSpan(0, length), question, out var reply)) return null;
                keep = true;
                return reply;
            }
            finally
            {
                if (keep) _tcp.Return(server, socket);
                else socket.Dispose();
                socket = null;
            }
        }
    }

    private bool Accept(ReadOnlySpan<byte> message, Question question, out UpstreamReply reply) =>
        UpstreamReply.TryParse(message, question.Id, question.Name, question.Type, question.Class, negativeTtl, out reply) == DnsRejection.None;

    /// <summary>Closes the pooled upstream connections.</summary>
    public void Dispose() => _tcp.Dispose();
}
