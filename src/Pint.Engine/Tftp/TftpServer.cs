using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// Read-only TFTP server: the listener. Listen sockets take requests, which are admitted within tftp-max and a fair
/// share per client; each accepted read runs on its own thread (<see cref="TftpTransferLoop"/>) and its own UDP
/// socket, the transfer ID (<see cref="TftpTransferPorts"/>), so a slow client only ever waits on its own timer.
/// Protocol decisions live in <see cref="TftpPacketReader"/>, <see cref="TftpOptionNegotiator"/>,
/// <see cref="TftpFileResolver"/> and <see cref="TftpTransfer"/>.
/// </summary>
public sealed class TftpServer : IAsyncDisposable
{
    private const int ReceiveBufferSize = 65536;
    private const int TransferThreadStackSize = 256 * 1024;

    private volatile Serving _serving;
    /// <summary>The options and roots new requests are served with; a reload swaps them, transfers under way keep theirs.</summary>
    private sealed record Serving(TftpServerOptions Options, TftpFileResolver DefaultRoot, Dictionary<string, TftpFileResolver> RootsByInterface)
    {
        public static Serving Of(TftpServerOptions o) =>
            new(o, new TftpFileResolver(o.Root, o.Secure), o.RootsByInterface.ToDictionary(p => p.Key, p => new TftpFileResolver(p.Value, o.Secure)));
    }

    // The transfer each client endpoint is in, to tell a resent RRQ from a new one (these hold the slots tftp-max
    // counts); and every transfer thread still running (a superseded one ends at its next retransmission timeout,
    // an evicted or aborted one at once), for a stop to wait on.
    private readonly ConcurrentDictionary<IPEndPoint, TftpRunningTransfer> _transfersByClient = new();
    private readonly ConcurrentDictionary<TftpRunningTransfer, byte> _running = new();
    private readonly Lock _admission = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _listenLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TftpTransferPorts _ports = new();
    private readonly TftpInterfaceTable _interfaceTable = new();

    public TftpServer(TftpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PortRange is { } range && (range.Start < 1 || range.End > 65535 || range.Start > range.End))
            throw new ArgumentException($"TFTP port range {range.Start},{range.End} is not a valid range of ports.", nameof(options));
        ThrowIfBadLimits(options);
        _serving = Serving.Of(options);
    }

    /// <summary>
    /// New options (root, limits, block size rules) for the next request; running transfers finish as they began.
    /// False when the listen endpoints or port range change, which needs new sockets.
    /// </summary>
    public bool Reconfigure(TftpServerOptions options)
    {
        var current = _serving.Options;
        if (!options.ListenEndPoints.SequenceEqual(current.ListenEndPoints) || options.PortRange != current.PortRange) return false;
        ThrowIfBadLimits(options);
        _serving = Serving.Of(options);
        return true;
    }

    public TftpCounters Counters { get; } = new();

    private IDisposable? _metrics;

    /// <summary>Limits below one transfer would refuse every request.</summary>
    private static void ThrowIfBadLimits(TftpServerOptions options)
    {
        if (options.MaxTransfers < 1)
            throw new ArgumentException($"TFTP tftp-max {options.MaxTransfers} must be at least 1.", nameof(options));
        if (options.MaxTransfersPerAddress is < 1)
            throw new ArgumentException($"TFTP transfers per client address ({options.MaxTransfersPerAddress}) must be at least 1.", nameof(options));
    }

    /// <summary>The endpoints actually bound (port 0 in the options becomes the chosen port).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _listeners.Select(s => (IPEndPoint)s.LocalEndPoint!).ToList();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var endPoint in _serving.Options.ListenEndPoints)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                // Packet info tells which local address and interface a request came in on.
                socket.SetSocketOption(
                    endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP,
                    SocketOptionName.PacketInformation, true);
                socket.Bind(endPoint);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            _listeners.Add(socket);
        }
        foreach (var socket in _listeners)
            _listenLoops.Add(Task.Run(() => ListenAsync(socket)));
        if (_listeners.Count > 0) _metrics = TftpMetrics.Register(Counters, _listeners[0].LocalEndPoint!.ToString()!);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _metrics?.Dispose();
        foreach (var socket in _listeners)
            socket.Dispose();
        await Task.WhenAll(_listenLoops.Concat(_running.Keys.Select(t => t.Ended))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ListenAsync(Socket socket)
    {
        var buffer = new byte[ReceiveBufferSize];
        var reply = new byte[TftpPacketWriter.MaxErrorPacketLength];
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult received;
            try
            {
                received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported for an earlier send
            }

            Counters.RequestReceived();
            var client = (IPEndPoint)received.RemoteEndPoint;
            var packet = buffer.AsSpan(0, received.ReceivedBytes);
            if (IsErrorFromTransferClient(packet, client))
                continue; // the client gave up on its transfer (RFC 1350: an ERROR is not answered)
            if (!TryReadRequest(packet, client, out var request, out var message))
            {
                await RefuseAsync(socket, reply, client, TftpErrorCode.IllegalOperation, message).ConfigureAwait(false);
                continue;
            }
            var admission = Admit(request, client, out var transfer, out message);
            if (admission == Admission.Resent)
                continue; // the client resent its RRQ before seeing our reply: the running transfer answers it
            if (admission == Admission.Refused)
            {
                await RefuseAsync(socket, reply, client, TftpErrorCode.NotDefined, message).ConfigureAwait(false);
                continue;
            }
            var local = received.PacketInformation;
            StartTransfer(transfer!, client, local.Address, local.Interface);
        }
    }

    private enum Admission { Started, Resent, Refused }

    /// <summary>
    /// Gives <paramref name="request"/> a transfer, unless it is a resend or there is no room (see
    /// <see cref="TftpAdmission"/>). One listen loop at a time decides, so two cannot both take the last slot.
    /// </summary>
    private Admission Admit(TftpRequest request, IPEndPoint client, out TftpRunningTransfer? transfer, out string refusal)
    {
        transfer = null;
        refusal = "";
        var options = _serving.Options;
        lock (_admission)
        {
            var previous = _transfersByClient.GetValueOrDefault(client);
            if (previous is not null && previous.IsResentBy(request))
                return Admission.Resent;
            // A new download from an endpoint with a transfer takes that transfer's place; it needs no room of its own.
            if (previous is null)
            {
                var running = _transfersByClient.Select(p => p.Value).ToList();
                if (!TftpAdmission.TryAdmit(running, client.Address, options.MaxTransfers, options.MaxTransfersPerAddress ?? TftpAdmission.DefaultShare(options.MaxTransfers), out var evict, out refusal))
                    return Admission.Refused;
                if (evict is not null)
                {
                    _transfersByClient.TryRemove(KeyValuePair.Create(evict.Client, evict)); // its slot is free now
                    evict.Cancel(TftpCancellation.Evicted);
                }
            }
            transfer = new TftpRunningTransfer(request, client);
            previous?.Supersede();
            _transfersByClient[client] = transfer;
            _running[transfer] = 0;
            return Admission.Started;
        }
    }

    /// <summary>
    /// An ERROR on the listen port from the endpoint of a running transfer: a client that gave up (e.g. one that sent
    /// it before our first reply reached it) frees its slot at once instead of leaving it to the retransmissions.
    /// </summary>
    private bool IsErrorFromTransferClient(ReadOnlySpan<byte> packet, IPEndPoint client)
    {
        if (new TftpPacketReader(packet).ReadOpcode(out var opcode) != TftpRejection.None || opcode != TftpOpcode.Error
            || !_transfersByClient.TryGetValue(client, out var transfer))
            return false;
        _transfersByClient.TryRemove(KeyValuePair.Create(client, transfer));
        transfer.Cancel(TftpCancellation.ClientError);
        return true;
    }

    /// <summary>
    /// Reads a datagram on the listen port as a read request. Everything but a well-formed RRQ is refused with
    /// error 4, as dnsmasq does (including WRQ: the server is read-only).
    /// </summary>
    private static bool TryReadRequest(ReadOnlySpan<byte> packet, IPEndPoint client, [NotNullWhen(true)] out TftpRequest? request, out string message)
    {
        var rejection = new TftpPacketReader(packet).ReadRequest(out request);
        if (rejection != TftpRejection.None || request!.Opcode != TftpOpcode.ReadRequest)
        {
            request = null;
            message = rejection switch
            {
                TftpRejection.None => "write requests are not supported: this server is read-only",
                TftpRejection.UnsupportedMode => "unsupported transfer mode (use octet or netascii)",
                _ => $"unsupported request from {client.Address} ({rejection})",
            };
            return false;
        }
        message = "";
        return true;
    }

    /// <summary>
    /// Runs one transfer on a thread of its own with blocking socket calls: the answer to an ACK is on the wire
    /// within one wake-up (see <see cref="TftpAckReceiver"/>). Threads are bounded by tftp-max, and by the moments
    /// an evicted or superseded transfer takes to end.
    /// </summary>
    private void StartTransfer(TftpRunningTransfer transfer, IPEndPoint client, IPAddress localAddress, int interfaceIndex)
    {
        var thread = new Thread(() =>
        {
            try
            {
                RunTransfer(transfer, client, localAddress, interfaceIndex);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Unlike a faulted task, an exception escaping a thread ends the process: a bug in one transfer
                // must not take DNS and DHCP down with it. RunTransfer has already counted the transfer as failed.
            }
            finally
            {
                // Only its own entry: a newer transfer for the same client endpoint may have taken its place.
                _transfersByClient.TryRemove(KeyValuePair.Create(client, transfer));
                _running.TryRemove(transfer, out _);
                transfer.MarkEnded();
            }
        }, TransferThreadStackSize)
        {
            IsBackground = true,
            Name = $"tftp {client}",
        };
        Counters.TransferStarted(); // here, not on the thread: the count is final once the listen loop moves on
        thread.Start();
    }

    private void RunTransfer(TftpRunningTransfer transfer, IPEndPoint client, IPAddress localAddress, int interfaceIndex)
    {
        bool completed = false;
        try
        {
            // The options the transfer began with see it to its end, whatever a reload brings meanwhile.
            var serving = _serving;
            using var socket = _ports.Open(localAddress, client, serving.Options.PortRange);
            if (socket is null)
            {
                Counters.RequestRefused();
                return;
            }
            var (interfaceName, mtu) = _interfaceTable.Describe(interfaceIndex);
            var resolver = interfaceName is not null && serving.RootsByInterface.TryGetValue(interfaceName, out var byInterface) ? byInterface : serving.DefaultRoot;
            resolver = TftpClientRoot.For(resolver, serving.Options.UniqueRoot, client.Address, serving.Options.Secure) ?? resolver;
            transfer.Attach(socket);
            try
            {
                completed = TftpTransferLoop.Run(socket, transfer, resolver, mtu, serving.Options, Counters, _stopping.Token);
            }
            catch (OperationCanceledException) when (transfer.Cancellation == TftpCancellation.Evicted)
            {
                // A client that is still there learns at once that this transfer is over.
                TftpTransferSocket.SendError(socket, TftpErrorCode.NotDefined, "server busy: the transfer had stopped and gave its slot to a new request");
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException or UnauthorizedAccessException)
        {
            // The client vanished, the file became unreadable, a new request from the client's endpoint took the
            // transfer's place, or the server is stopping: the transfer just ends.
        }
        finally
        {
            Counters.TransferEnded(completed, transfer.Cancellation);
        }
    }

    private async Task RefuseAsync(Socket socket, byte[] reply, IPEndPoint client, TftpErrorCode error, string message)
    {
        Counters.RequestRefused();
        int length = TftpPacketWriter.WriteError(reply, error, message);
        await SendQuietlyAsync(socket, reply.AsMemory(0, length), client).ConfigureAwait(false);
    }

    private static async Task SendQuietlyAsync(Socket socket, ReadOnlyMemory<byte> packet, IPEndPoint client)
    {
        try
        {
            await socket.SendToAsync(packet, SocketFlags.None, client).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
