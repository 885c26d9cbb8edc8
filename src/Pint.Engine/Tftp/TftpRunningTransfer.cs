using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// A transfer under way as the listen loop knows it: the request that started it and its client endpoint, whether
/// its client has answered on the transfer's port yet, since when it has stopped moving, and whether a newer request
/// from the same client endpoint has taken over or it must end now. Shared by the listen loop and the transfer's thread.
/// </summary>
internal sealed class TftpRunningTransfer(TftpRequest request, IPEndPoint client, long startedAt)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _clientAnswered;
    private volatile bool _superseded;
    private int _cancellation;   // TftpCancellation
    private long _stalledSince;  // Stopwatch timestamp of the first timeout since the last progress; 0 while moving
    private Socket? _socket;

    public TftpRunningTransfer(TftpRequest request, IPEndPoint client) : this(request, client, Stopwatch.GetTimestamp())
    {
    }

    public TftpRequest Request { get; } = request;

    public IPEndPoint Client { get; } = client;

    /// <summary>Completes when the transfer's thread has finished.</summary>
    public Task Ended => _ended.Task;

    public bool IsSuperseded => _superseded;

    public TftpCancellation Cancellation => (TftpCancellation)Volatile.Read(ref _cancellation);

    /// <summary>
    /// Since when the transfer has not moved (a Stopwatch timestamp), or 0 while it moves. A transfer stops moving when
    /// its client has never answered (gone after its request, or the reply is lost) or it waits in retransmission; only
    /// such a transfer gives way to a new request, the stalest first.
    /// </summary>
    public long StalledSince => _clientAnswered ? Volatile.Read(ref _stalledSince) : startedAt;

    /// <summary>
    /// Whether <paramref name="request"/>, from this transfer's client endpoint, is the RRQ that started it sent
    /// again because our first reply has not reached the client: the same request, and nothing heard from the client
    /// since. Anything else from that endpoint is a new download: a client that has answered us knows this transfer
    /// and asks again only for something new, and a new socket may get the port of one that just finished.
    /// </summary>
    public bool IsResentBy(TftpRequest request) => !_clientAnswered && request == Request;

    /// <summary>A datagram arrived from the client on the transfer's port: it has our reply.</summary>
    public void ClientAnswered()
    {
        if (!_clientAnswered) // read before write: once per transfer, not once per ACK, touches the shared line
            _clientAnswered = true;
    }

    /// <summary>The wait for an ACK timed out at <paramref name="now"/>: the transfer is stalled until it moves again.</summary>
    public void TimedOut(long now)
    {
        if (Volatile.Read(ref _stalledSince) == 0)
            Volatile.Write(ref _stalledSince, now);
    }

    /// <summary>An ACK moved the transfer on.</summary>
    public void Progressed()
    {
        if (Volatile.Read(ref _stalledSince) != 0) // read before write, as in ClientAnswered
            Volatile.Write(ref _stalledSince, 0);
    }

    /// <summary>The client endpoint asked for a new transfer: this one ends instead of retransmitting to it.</summary>
    public void Supersede() => _superseded = true;

    /// <summary>The transfer's socket, so that <see cref="Cancel"/> can wake its thread from a blocking receive.</summary>
    public void Attach(Socket socket) => Volatile.Write(ref _socket, socket);

    /// <summary>
    /// Ends the transfer now: the first reason given sticks, and a thread blocked in a receive is woken (a shutdown of
    /// the socket's receiving side ends the wait on Linux; elsewhere the receive's 200 ms slice does).
    /// </summary>
    public void Cancel(TftpCancellation reason)
    {
        if (Interlocked.CompareExchange(ref _cancellation, (int)reason, (int)TftpCancellation.None) != (int)TftpCancellation.None)
            return;
        try
        {
            Volatile.Read(ref _socket)?.Shutdown(SocketShutdown.Receive);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The transfer is ending anyway (its socket is gone), or this platform cannot shut down a UDP socket.
        }
    }

    public void MarkEnded() => _ended.TrySetResult();
}
