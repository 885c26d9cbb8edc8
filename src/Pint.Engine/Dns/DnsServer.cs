using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>
/// The DNS service: UDP and TCP on each listen endpoint. Owns the sockets; every message goes through the pure
/// <see cref="DnsResponder"/>. Up to one UDP receive thread per core shares each socket; the extra ones only
/// receive while the first cannot keep up (see <see cref="UdpLoadGate"/>).
/// </summary>
public sealed class DnsServer : IAsyncDisposable
{
    private const int MaxMessage = 65535;
    // Only the endpoints are kept: the options hold the whole hosts data, which the built zone replaces.
    private readonly IPEndPoint[] _listenEndPoints;
    private readonly TimeSpan _upstreamTimeout;
    private readonly DnsClientScope _clientScope;
    private readonly Action<string>? _log;
    private readonly DnsResponder _responder;
    private readonly UpstreamForwarder _forwarder;
    private readonly Dnssec.DnssecValidator? _validator;
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly List<IPEndPoint> _bound = [];
    private CancellationTokenSource? _stopping;
    private IDisposable? _metrics;
    private IdleMemoryTrimmer? _trimmer;
    private LocalServiceFilter? _localService;

    public DnsServer(DnsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _listenEndPoints = [.. options.ListenEndPoints];
        _upstreamTimeout = options.UpstreamTimeout;
        _clientScope = options.ClientScope;
        _log = options.Log;
        _responder = new DnsResponder(options);
        _forwarder = new UpstreamForwarder(options.UpstreamTimeout, options.NegTtl);
        _validator = options.Dnssec is { } dnssec ? new Dnssec.DnssecValidator(dnssec) : null;
    }

    /// <summary>The endpoints actually bound (ephemeral ports resolved), valid after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _bound;
    public DnsCounters Counters => _responder.Counters;
    /// <summary>Names DHCP hands out; they answer like local names while the server runs.</summary>
    public DynamicNames DhcpNames => _responder.DhcpNames;
    public DnsResponder Responder => _responder;
    /// <summary>Number of UDP receive threads per socket (default: one per core).</summary>
    public int UdpLoopsPerSocket { get; init; } = Environment.ProcessorCount;

    public void ClearCache()
    {
        _responder.Cache.Clear();
        _validator?.Clear();
    }

    /// <summary>local-service: the networks clients are admitted from, while the server runs with <see cref="DnsClientScope.LocalNetworks"/>.</summary>
    public LocalNetworks? LocalNetworks => _localService?.Networks;

    /// <summary>log-queries: one line per query and per answer. While it is on, UDP is served without batching.</summary>
    public DnsQueryLog? QueryLog { get; init; }

    /// <summary>
    /// Serves <paramref name="options"/> from the next query on, on the same sockets, keeping the DHCP names and,
    /// unless the upstream setup changed, the cache. False when the change needs a new server (other endpoints or
    /// client scope).
    /// </summary>
    public bool Reconfigure(DnsServerOptions options)
    {
        if (!options.ListenEndPoints.SequenceEqual(_listenEndPoints) || options.UpstreamTimeout != _upstreamTimeout
            || options.ClientScope != _clientScope) return false;
        return _responder.Reconfigure(options);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null) throw new InvalidOperationException("The DNS server is already started.");
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_clientScope == DnsClientScope.LocalNetworks)
        {
            _localService = new LocalServiceFilter(Counters, _log);
            _log?.Invoke($"DNS service limited to local subnets (local-service): {_localService.Networks}; give listen-address= or interface= to serve other networks");
        }
        try
        {
            foreach (var endPoint in _listenEndPoints)
            {
                var udp = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _sockets.Add(udp);
                Net.ReceiveBuffer.Enlarge(udp); // a pause (GC, a busy core) must not drop queries
                udp.Bind(endPoint);
                // Bound to all addresses, a reply must name the address it leaves from, or the route picks one.
                if (endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any)) UdpReplySource.Enable(udp);
                var boundUdp = (IPEndPoint)udp.LocalEndPoint!;
                // TCP on the same port as UDP, so an ephemeral UDP port is reused for TCP.
                var tcp = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _sockets.Add(tcp);
                tcp.Bind(boundUdp);
                tcp.Listen(128);
                _bound.Add(boundUdp);
                var gate = new UdpLoadGate(UdpBatchLoop.BatchSize);
                for (int i = 0; i < Math.Max(1, UdpLoopsPerSocket); i++) _loops.Add(StartUdpThread(udp, gate, primary: i == 0, _stopping.Token));
                _loops.Add(Task.Run(() => TcpAcceptLoopAsync(tcp, _stopping.Token)));
            }
        }
        catch (SocketException e)
        {
            StopSockets();
            _localService?.Dispose();
            throw new InvalidOperationException($"DNS server cannot listen: {e.Message}", e);
        }
        _trimmer = new IdleMemoryTrimmer();
        if (_bound.Count > 0) _metrics = DnsMetrics.Register(Counters, _bound[0].ToString());
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        if (_stopping is null) return;
        _stopping.Cancel();
        _metrics?.Dispose();
        _trimmer?.Dispose();
        _trimmer = null;
        StopSockets();
        _localService?.Dispose();
        try { await Task.WhenAll(_loops).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        _loops.Clear();
        _forwarder.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping?.Dispose();
    }

    private void StopSockets()
    {
        foreach (var socket in _sockets)
        {
            // shutdown wakes threads blocked in a receive on the socket (Linux does so even for unconnected UDP,
            // though it reports ENOTCONN); close alone leaves them waiting for their receive timeout.
            try { socket.Shutdown(SocketShutdown.Both); }
            catch (SocketException) { }
            socket.Dispose();
        }
        _sockets.Clear();
    }

    /// <summary>
    /// A UDP receive loop on a dedicated thread with blocking calls: one recvfrom and one sendto per local answer, no
    /// epoll round trip or thread-pool hop (which cost more CPU per query than the answer itself). It ends when the
    /// socket is closed.
    /// </summary>
    private Task StartUdpThread(Socket socket, UdpLoadGate gate, bool primary, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (UdpBatchLoop.IsSupported && QueryLog is null)
                {
                    using var batch = new UdpBatchLoop(Math.Max(DnsFlags.ClassicUdpLimit, (int)_responder.EdnsPacketMax));
                    batch.Run(socket, _responder, _localService,
                        (query, client, destination) => _ = ForwardUdpAsync(socket, query, client, destination, cancellationToken),
                        gate, primary, cancellationToken);
                }
                else UdpLoop(socket, cancellationToken);
            }
            catch (ObjectDisposedException) { }
            // Never let a fault on this thread take the whole PowerShell process down: it surfaces through the task.
            catch (Exception e) { done.TrySetException(e); }
            finally { done.TrySetResult(); }
        })
        { IsBackground = true, Name = "pint-dns-udp" };
        thread.Start();
        return done.Task;
    }

    private void UdpLoop(Socket socket, CancellationToken cancellationToken)
    {
        // One receive buffer, reply buffer and SocketAddress per loop, reused: no allocation per local answer.
        var receive = new byte[MaxMessage];
        var reply = new byte[MaxMessage];
        var client = new SocketAddress(socket.AddressFamily);
        uint bound = UdpReplySource.IPv4Of(socket.LocalEndPoint);
        while (!cancellationToken.IsCancellationRequested)
        {
            int length = UdpDatagrams.Receive(socket, receive, client, out var destination);
            if (length < 0) return; // the socket was closed
            if (client.Size == 0) continue; // no sender: the wakeup of a shutdown, not a datagram
            if (_localService is { } localService && !localService.Admits(client)) continue;

            var result = _responder.Respond(receive.AsSpan(0, length), reply, overTcp: false, destination.IsKnown ? destination.IPv4 : bound);
            if (QueryLog is { } log) LogQuery(log, receive.AsSpan(0, length), result, reply, ClientEndPoint(socket, client));
            try
            {
                if (result.Action == DnsResponderAction.Reply)
                    UdpDatagrams.Send(socket, reply.AsSpan(0, result.Length), client, destination);
                else if (result.Action == DnsResponderAction.Forward)
                    _ = ForwardUdpAsync(socket, result.Forward!, CopyAddress(client), destination, cancellationToken);
            }
            catch (ObjectDisposedException) { return; }
        }
    }

    /// <summary>Local data is answered with AA set, cache hits without: that tells "config" from "cached", as dnsmasq logs them.</summary>
    private static void LogQuery(DnsQueryLog log, ReadOnlySpan<byte> query, DnsResponderResult result, ReadOnlySpan<byte> reply, EndPoint? from)
    {
        // A log line must never cost an answer, let alone the serving thread.
        try
        {
            log.Query(query, from);
            if (result.Action == DnsResponderAction.Forward) log.Forwarded(query);
            else if (result.Action == DnsResponderAction.Reply)
            {
                var answer = reply[..result.Length];
                var authoritative = answer.Length >= 4 && (answer[2] & 0x04) != 0;
                log.Answer(answer, authoritative ? "config" : "cached");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException) { }
    }

    private static EndPoint? ClientEndPoint(Socket socket, SocketAddress client)
    {
        try { return new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(client); }
        catch (ArgumentException) { return null; }
    }

    private static SocketAddress CopyAddress(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.CopyTo(copy.Buffer);
        return copy;
    }

    /// <summary>
    /// The one forward path, for UDP and TCP clients alike: ask upstream over the client's transport, then write the
    /// client's reply into <paramref name="reply"/> (the upstream's answer, or SERVFAIL when none came). Returns its length.
    /// </summary>
    private async Task<int> ForwardAsync(ForwardedQuery query, Memory<byte> reply, bool overTcp, CancellationToken cancellationToken)
    {
        var upstream = await _forwarder.ExchangeAsync(query, overTcp, cancellationToken).ConfigureAwait(false);
        Dnssec.DnssecStatus? verdict = null;
        // dnssec: validate what came back, unless the client validates itself (CD) or it is cut (TC: the client retries over TCP).
        if (_validator is not null && upstream is { } answer && !query.CheckingDisabled && (DnsHeader.Read(answer.Message).Flags & DnsFlags.Truncated) == 0)
            verdict = await _validator.ValidateAsync(query.Name, query.Type, answer.Message,
                Dnssec.UpstreamDnssecFetcher.For(_forwarder, query.Upstream, _responder.EdnsPacketMax), cancellationToken).ConfigureAwait(false);
        int length = _responder.CompleteForward(query, upstream, reply.Span, overTcp, verdict);
        if (length > 0) QueryLog?.Answer(reply.Span[..length], "reply");
        return length;
    }

    /// <summary>Forwards a UDP query and sends the answer to <paramref name="client"/> from the address it asked (<paramref name="destination"/>).</summary>
    private async Task ForwardUdpAsync(Socket socket, ForwardedQuery query, SocketAddress client, UdpReplySource destination, CancellationToken cancellationToken)
    {
        try
        {
            // Pooled: a cache warm-up forwards thousands of queries, and a fresh 64 KiB buffer each grows the heap for good.
            var reply = ArrayPool<byte>.Shared.Rent(MaxMessage);
            try
            {
                int length = await ForwardAsync(query, reply.AsMemory(0, MaxMessage), overTcp: false, cancellationToken).ConfigureAwait(false);
                // A synchronous send: the receive threads block on this socket, and one async call would switch it to
                // non-blocking mode for good. A UDP send does not wait anyway.
                if (length > 0) UdpDatagrams.Send(socket, reply.AsSpan(0, length), client, destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(reply);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task TcpAcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false); }
            catch (Exception) when (cancellationToken.IsCancellationRequested) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            if (_localService is { } localService && !(connection.RemoteEndPoint is IPEndPoint remote && localService.Admits(remote.Address)))
            {
                connection.Dispose();
                continue;
            }
            _ = ServeTcpAsync(connection, cancellationToken);
        }
    }

    /// <summary>
    /// One TCP connection: 2-byte length framed queries, answered in turn until the client closes or idles out. A query
    /// that goes upstream goes over TCP too, so an answer too large for UDP reaches the client whole.
    /// </summary>
    private async Task ServeTcpAsync(Socket connection, CancellationToken cancellationToken)
    {
        using var _ = connection;
        var query = new byte[MaxMessage];
        var reply = new byte[MaxMessage + 2];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(TimeSpan.FromSeconds(30));
                int length = await DnsTcpFraming.ReadMessageAsync(connection, query, idle.Token).ConfigureAwait(false);
                if (length < 0) return;

                var result = _responder.Respond(query.AsSpan(0, length), reply.AsSpan(2), overTcp: true, UdpReplySource.IPv4Of(connection.LocalEndPoint));
                if (QueryLog is { } log) LogQuery(log, query.AsSpan(0, length), result, reply.AsSpan(2), connection.RemoteEndPoint);
                int replyLength = result.Length;
                if (result.Action == DnsResponderAction.Drop) return; // a malformed stream cannot be resynchronised
                if (result.Action == DnsResponderAction.Forward)
                    replyLength = await ForwardAsync(result.Forward!, reply.AsMemory(2), overTcp: true, cancellationToken).ConfigureAwait(false);
                BinaryPrimitives.WriteUInt16BigEndian(reply, (ushort)replyLength);
                await connection.SendAsync(reply.AsMemory(0, replyLength + 2), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }
}
