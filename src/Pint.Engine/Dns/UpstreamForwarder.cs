using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Pint.Engine.Dns;

/// <summary>
/// Sends a query upstream over UDP with a fresh random ID from a fresh socket (so a random source port), accepts only
/// a reply from that server with that ID and question, and moves to the next server on timeout.
/// </summary>
public sealed class UpstreamForwarder(DnsResponder responder, TimeSpan timeout, int? negativeTtl)
{
    private const int MaxUdpReply = 65535;
    private static readonly PinnedBufferPool Buffers = new(MaxUdpReply, maxRetained: 64);

    /// <summary>The accepted reply, or null when no server answered in time (the caller sends SERVFAIL).</summary>
    public async Task<UpstreamReply?> ExchangeAsync(ReadOnlyMemory<byte> clientQuery, UpstreamGroup group, CancellationToken cancellationToken)
    {
        ushort id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var query = new byte[clientQuery.Length + 16];
        int length = responder.PrepareUpstreamQuery(clientQuery.Span, id, query);
        var (name, type, cls) = QuestionOf(clientQuery.Span);
        var buffer = Buffers.Rent();
        try
        {
            return await ExchangeAsync(query.AsMemory(0, length), id, name, type, cls, group, buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private async Task<UpstreamReply?> ExchangeAsync(ReadOnlyMemory<byte> query, ushort id, byte[] name, DnsType type, ushort cls, UpstreamGroup group,
        byte[] buffer, CancellationToken cancellationToken)
    {
        foreach (var server in group.TryOrder())
        {
            using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            var started = Stopwatch.GetTimestamp();
            await socket.SendToAsync(query, SocketFlags.None, server, cancellationToken).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveFromAsync(buffer.AsMemory(0, MaxUdpReply), SocketFlags.None, server, deadline.Token).ConfigureAwait(false);
                    if (!server.Equals(received.RemoteEndPoint)) continue; // spoofing guard: only the server we asked
                    if (UpstreamReply.TryParse(buffer.AsSpan(0, received.ReceivedBytes), id, name, type, cls, negativeTtl, out var reply) != DnsRejection.None)
                        continue;
                    group.ReportAnswer(server, Stopwatch.GetElapsedTime(started));
                    return reply;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                group.ReportTimeout(server, timeout);
            }
            catch (SocketException)
            {
                // ICMP port unreachable and the like: treat as no answer from this server.
                group.ReportTimeout(server, timeout);
            }
        }
        return null;
    }

    private static (byte[] Name, DnsType Type, ushort Class) QuestionOf(ReadOnlySpan<byte> message)
    {
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        DnsQuery.Parse(message, nameBuffer, out var query);
        return (query.Name.ToArray(), query.Type, query.Class);
    }
}
