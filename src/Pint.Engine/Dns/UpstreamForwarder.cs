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
public sealed class UpstreamForwarder(DnsResponder responder, TimeSpan timeout, int? negativeTtl, UpstreamTcpPool? tcpPool = null) : IDisposable
{
    private const int MaxReply = 65535;
    private static readonly PinnedBufferPool Buffers = new(MaxReply, maxRetained: 64);
    private readonly UpstreamTcpPool _tcp = tcpPool ?? new UpstreamTcpPool();

    /// <summary>What the reply must answer: our ID and the client's question.</summary>
    private readonly record struct Question(ushort Id, byte[] Name, DnsType Type, ushort Class);

    /// <summary>The accepted reply, or null when no server answered in time (the caller sends SERVFAIL).</summary>
    public Task<UpstreamReply?> ExchangeAsync(ReadOnlyMemory<byte> clientQuery, UpstreamGroup group, CancellationToken cancellationToken) =>
        ExchangeAsync(clientQuery, group, overTcp: false, cancellationToken);

    /// <summary>As above, over TCP when <paramref name="overTcp"/> (the client asked over TCP).</summary>
    public async Task<UpstreamReply?> ExchangeAsync(ReadOnlyMemory<byte> clientQuery, UpstreamGroup group, bool overTcp, CancellationToken cancellationToken)
    {
        // The ID only has to be unguessable from off the path (an on-path attacker sees it anyway), which a generator
        // seeded once from the OS's entropy gives (Random.Shared: xoshiro256**, seeded per thread by the runtime).
        // RandomNumberGenerator would load OpenSSL (libcrypto and System.Security.Cryptography, ~5 MiB resident)
        // into the service for these 16 bits. The source port is the kernel's random ephemeral port (bind to 0).
        ushort id = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        // Room for the TCP length prefix in front and an OPT behind.
        var framed = new byte[2 + clientQuery.Length + 16];
        int length = responder.PrepareUpstreamQuery(clientQuery.Span, id, framed.AsSpan(2));
        if (length > ushort.MaxValue) return null;
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)length);
        var question = QuestionOf(clientQuery.Span, id);
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
                        group.ReportAnswer(server, Stopwatch.GetElapsedTime(started));
                        return accepted;
                    }
                    group.ReportTimeout(server, timeout); // garbage over TCP: as good as no answer
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    group.ReportTimeout(server, timeout);
                }
                catch (SocketException)
                {
                    // ICMP port unreachable, a refused or reset connection and the like: no answer from this server.
                    group.ReportTimeout(server, timeout);
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

    private static Question QuestionOf(ReadOnlySpan<byte> message, ushort id)
    {
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        DnsQuery.Parse(message, nameBuffer, out var query);
        return new Question(id, query.Name.ToArray(), query.Type, query.Class);
    }

    /// <summary>Closes the pooled upstream connections.</summary>
    public void Dispose() => _tcp.Dispose();
}
