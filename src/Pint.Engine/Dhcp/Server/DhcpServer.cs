using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Leases.Postgres;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Script;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Server;

/// <summary>
/// The DHCPv4 server: owns the UDP socket, learns which interface each request came in on (IP_PKTINFO),
/// hands the request to <see cref="DhcpResponder"/>, commits the lease durably, and only then sends the reply
/// out of the same interface. Exchanges waiting for the disk do not hold up the receive loop, so their
/// commits share fsyncs (see <see cref="LeaseStore"/>).
/// </summary>
public sealed class DhcpServer : IAsyncDisposable
{
    private const int IpUnicastInterface = 50; // Linux IP_UNICAST_IF: pick the outgoing interface, broadcasts included
    // Expired leases leave the table, DNS and (with the next snapshot) the lease file within about a second, traffic
    // or not, as dnsmasq drops them; the table is searched only once something is due (LeaseStore.NextExpiry).
    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(1);

    // Options and the responder built from them change together on a reload; one exchange reads the pair once.
    private sealed record Serving(DhcpServerOptions Options, DhcpResponder Responder);

    private readonly LeaseStore _leases;
    private readonly ILeaseNameSink? _names;
    private readonly TimeProvider _time;
    private volatile Serving _serving;
    private readonly InterfaceResolver _interfaces = new();
    private readonly Socket _socket;
    private readonly Lock _sendGate = new();
    private readonly Lock _decideGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _expiryTimer;
    private Task? _loop;
    private DateTimeOffset _nextExpiry;
    private readonly ReplyPacer<PendingReply> _pacer;

    /// <summary>A reply whose lease is durable, waiting for <see cref="_pacer"/>.</summary>
    private readonly record struct PendingReply(DhcpDecision Decision, byte[] Reply, DhcpReceiveContext Context, int InterfaceIndex);

    /// <param name="bindAddress">Address to listen on; <see cref="IPAddress.Any"/> for a real server, 127.0.0.1 in tests.</param>
    public DhcpServer(DhcpServerOptions options, LeaseStore leases, ILeaseNameSink? names = null, IPAddress? bindAddress = null, TimeProvider? time = null)
    {
        _leases = leases;
        _names = names;
        _time = time ?? TimeProvider.System;
        _serving = new Serving(options, new DhcpResponder(options, leases));
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
        Net.ReceiveBuffer.Enlarge(_socket); // a whole segment booting must queue while commits wait for the disk
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
        _socket.Bind(new IPEndPoint(bindAddress ?? IPAddress.Any, options.ServerPort));
        _expiryTimer = _time.CreateTimer(_ => ExpireOnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // 16 back to back, then 20 a millisecond: three times the ACK rate of a flood (bench/RESULTS.md, DHCP,
        // 2026-12-07 midday), so only the bursts a stalled commit releases at once are spread out.
        _pacer = new ReplyPacer<PendingReply>(p => Send(p.Decision, p.Reply, p.Context, p.InterfaceIndex), burst: 16, perMillisecond: 20, "pint-dhcp-pace");
    }

    public DhcpServerCounters Counters { get; } = new();

    private IDisposable? _metrics;

    /// <summary>
    /// dnsmasq's DHCP log lines ("DHCPDISCOVER(eth0) 52:54:00:12:34:56", "DHCPACK(eth0) 10.0.0.5 52:54:... laptop"):
    /// written unless quiet-dhcp; null = no log.
    /// </summary>
    public Action<string>? TransactionLog { get; init; }

    /// <summary>
    /// dhcp-script: told of each lease added, renewed and ended. Only queued to (never waited for), after the lease is
    /// durable and the reply sent; null = no script.
    /// </summary>
    public LeaseScriptRunner? LeaseScript { get; init; }

    /// <summary>The bound address and port (the port is chosen by the system when the options say 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The options the next exchange is served with.</summary>
    public DhcpServerOptions Options => _serving.Options;

    /// <summary>
    /// Serves the next exchange with <paramref name="options"/> (new ranges, reservations, options) while the socket
    /// and the lease table stay as they are; exchanges already under way finish with the old options. False when
    /// the change needs a new socket (another server port): the caller must restart the server.
    /// </summary>
    public bool Reconfigure(DhcpServerOptions options)
    {
        if (options.ServerPort != _serving.Options.ServerPort) return false;
        _serving = new Serving(options, new DhcpResponder(options, _leases));
        return true;
    }

    /// <summary>Starts receiving, and expiring leases as they run out; returns at once.</summary>
    public void Start()
    {
        if (_loop is not null) return;
        _metrics = DhcpMetrics.Register(Counters, _leases, LocalEndPoint.ToString());
        _loop = StartReceiveThread();
        _expiryTimer.Change(ExpiryInterval, ExpiryInterval);
    }

    /// <summary>
    /// The receive loop runs on a thread of its own with blocking receives: an asynchronous receive passes every
    /// datagram from the runtime's epoll thread to a pool thread, and under a flood those hand-overs cost more CPU
    /// than answering (bench/RESULTS.md, DHCP). The returned task completes when the loop has ended.
    /// </summary>
    private Task StartReceiveThread()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { ReceiveLoop(_stop.Token); }
            finally { ended.TrySetResult(); }
        })
        { IsBackground = true, Name = "pint-dhcp" };
        thread.Start();
        return ended.Task;
    }

    private void ReceiveLoop(CancellationToken stop)
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        _socket.ReceiveTimeout = 250; // a blocked receive notices a stop even where closing the socket does not wake it
        while (!stop.IsCancellationRequested)
        {
            int length;
            IPPacketInformation arrival;
            try
            {
                var flags = SocketFlags.None;
                var sender = any;
                length = _socket.ReceiveMessageFrom(buffer, ref flags, ref sender, out arrival);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // the timeout, or an ICMP error reported on a later receive

            try
            {
                Handle(buffer.AsSpan(0, length), arrival);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A request must never take the server down; count it and go on.
                Counters.CountMalformed();
            }
        }
    }

    private void Handle(ReadOnlySpan<byte> packet, IPPacketInformation arrival)
    {
        if (!DhcpPacketReader.TryRead(packet, out var reader, out _) || !reader.IsRequest)
        {
            Counters.CountMalformed();
            return;
        }
        // Read once here; the responder, the reply builder and a probe all use this view.
        var request = DhcpRequest.From(reader);
        Counters.CountReceived(request.MessageType);
        var serving = _serving;
        var context = _interfaces.Resolve(arrival.Interface);
        if (TransactionLog is { } log)
        {
            var requested = request.MessageType == DhcpMessageType.Request && request.ClientAddress != 0 ? Ipv4.ToAddress(request.ClientAddress) + " " : "";
            log($"{request.MessageType.LogName()}({context?.InterfaceName ?? "?"}) {requested}{request.HardwareAddressText}");
        }
        if (context is null)
        {
            Counters.CountDropped(DhcpDropReason.InterfaceWithoutAddress);
            return;
        }
        if (_leases.Shared is { } shared)
        {
            if (!ServesClient(request, context, shared, serving.Options))
            {
                Counters.CountDropped(DhcpDropReason.PartnersClient);
                return;
            }
            if (request.MessageType == DhcpMessageType.Discover && shared.Busy)
            {
                Counters.CountDropped(DhcpDropReason.LeaseDatabaseBusy);
                return;
            }
        }
        var decision = Decide(request, context, serving);
        if (decision is null) return;
        if (_leases.Shared is not null && decision.ReplyType == DhcpMessageType.Offer && decision.OfferToHold is not null)
        {
            // Claimed in the shared database before it goes out: two servers never offer one address.
            _ = ClaimOfferThenCompleteAsync(request, decision, context, arrival.Interface, serving);
            return;
        }
        if (serving.Options.Ping && decision.ReplyType == DhcpMessageType.Offer && decision.YourAddress is { } offered && NeedsProbe(offered, request))
        {
            // The probe waits off the receive loop: other clients are answered meanwhile.
            _ = ProbeThenCompleteAsync(request, decision, context, arrival.Interface, serving);
            return;
        }
        // Started here, not awaited: the memory side of the commit happens before the next packet is handled,
        // while the disk side joins the next group commit.
        _ = CompleteAsync(decision, request, context, arrival.Interface, serving.Options);
    }

    /// <summary>The responder's decision, or null (counted) when there is nothing to do.</summary>
    private DhcpDecision? Decide(DhcpRequest request, DhcpReceiveContext context, Serving serving)
    {
        DhcpDecision decision;
        // The receive loop and probes that finished both ask the responder: one at a time, so two clients are
        // never offered the same address by two concurrent decisions.
        lock (_decideGate)
        {
            var now = _time.GetUtcNow();
            ExpireLeases(now, serving.Options.Domain);
            decision = serving.Responder.Respond(request, context, now);
            DhcpDecisionEffects.HoldOffer(decision, _leases);
        }
        if (decision.Reply is null && decision.AddressToRelease is null && decision.AddressToDecline is null)
        {
            Counters.CountDropped(decision.DropReason ?? DhcpDropReason.Malformed);
            return null;
        }
        return decision;
    }

    /// <summary>
    /// Failover: a client looking for an address (DISCOVER, or a REQUEST without ciaddr) is answered only by the server
    /// whose share it is; a client renewing (ciaddr set), releasing or declining is answered by whichever server it asks.
    /// </summary>
    private static bool ServesClient(DhcpRequest request, DhcpReceiveContext context, SharedLeaseLedger shared, DhcpServerOptions options)
    {
        var choosing = request.MessageType == DhcpMessageType.Discover || (request.MessageType == DhcpMessageType.Request && request.ClientAddress == 0);
        if (!choosing || shared.Failovers.Count == 0) return true;
        var subnet = request.RelayAddress != 0 ? request.RelayAddress : Ipv4.ToValue(context.InterfaceAddress);
        var scope = DhcpScopeId.Of(subnet, options.Ranges, request.RelayAddress != 0 ? 24 : context.PrefixLength);
        var hardware = request.ClientHardwareAddress;
        return shared.ShouldServe(hardware, scope);
    }

    // Each lost claim teaches the table the holder, so the next decision offers another address; a few suffice.
    private const int MaxOfferClaims = 6;

    private async Task ClaimOfferThenCompleteAsync(DhcpRequest request, DhcpDecision decision, DhcpReceiveContext context, int interfaceIndex, Serving serving)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await _leases.HoldOfferSharedAsync(decision.OfferToHold!).ConfigureAwait(false);
            if (result.MayReply) break;
            if (result.Status == SharedCommitStatus.Unavailable) { Counters.CountDropped(DhcpDropReason.LeaseDatabaseUnavailable); return; }
            // Lost: the table now knows the holder, so deciding again offers another address.
            if (attempt + 1 >= MaxOfferClaims) { Counters.CountDropped(DhcpDropReason.AddressTakenByPartner); return; }
            var next = Decide(request, context, serving);
            if (next is null) return;
            decision = next;
            if (decision.ReplyType != DhcpMessageType.Offer || decision.OfferToHold is null) break;
        }
        await CompleteAsync(decision, request, context, interfaceIndex, serving.Options).ConfigureAwait(false);
    }

    /// <summary>A client renewing its own address needs no probe; a new offer does.</summary>
    private bool NeedsProbe(IPAddress offered, DhcpRequest request)
    {
        var held = _leases.FindByAddress(offered);
        return held is null || !string.Equals(held.HardwareAddress, request.HardwareAddressText, StringComparison.OrdinalIgnoreCase);
    }

    private const int MaxProbes = 3;

    private async Task ProbeThenCompleteAsync(DhcpRequest request, DhcpDecision decision, DhcpReceiveContext context, int interfaceIndex, Serving serving)
    {
        for (var attempt = 0; ; attempt++)
        {
            var offered = decision.YourAddress!;
            if (!await AnswersPingAsync(offered, serving.Options.PingTimeout).ConfigureAwait(false)) break;
            Counters.CountPingConflict();
            // Someone uses it without a lease: keep it out of offers for a while, as a DECLINE would.
            try { await _leases.DeclineAsync(offered, _time.GetUtcNow() + serving.Options.DeclineHoldTime).ConfigureAwait(false); }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException) { return; }
            if (attempt + 1 >= MaxProbes) { Counters.CountDropped(DhcpDropReason.PingConflicts); return; }
            var next = Decide(request, context, serving);
            if (next is null) return;
            decision = next;
            if (decision.ReplyType != DhcpMessageType.Offer || decision.Reply is null) break;
        }
        await CompleteAsync(decision, request, context, interfaceIndex, serving.Options).ConfigureAwait(false);
    }

    private static async Task<bool> AnswersPingAsync(IPAddress address, TimeSpan timeout)
    {
        try
        {
            using var ping = new System.Net.NetworkInformation.Ping();
            var reply = await ping.SendPingAsync(address, timeout, new byte[16]).ConfigureAwait(false);
            return reply.Status == System.Net.NetworkInformation.IPStatus.Success;
        }
        catch (Exception ex) when (ex is System.Net.NetworkInformation.PingException or InvalidOperationException or SocketException)
        {
            return false; // cannot probe (no raw socket): offer as with no-ping
        }
    }

    private async Task CompleteAsync(DhcpDecision decision, DhcpRequest request, DhcpReceiveContext context, int interfaceIndex, DhcpServerOptions options)
    {
        var domain = options.Domain;
        // The script's calls are worked out here, before the commit and still on the receive thread, from the table
        // as this decision saw it; they are queued only once the change is durable.
        var script = LeaseScript is { Enabled: true } runner ? ScriptCalls(decision, request, context, options) : null;
        bool sendable;
        try
        {
            // The reply goes out from the lease writer's thread right after the fsync: no hand-over to the thread pool.
            sendable = await DhcpDecisionEffects.ApplyAsync(decision, _leases, _names, domain, continueOnWriter: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            sendable = decision.LeaseToCommit is null; // a failed RELEASE write does not stop a reply; there is none
        }
        if (!sendable)
        {
            Counters.CountCommitFailure();
            return;
        }
        if (decision.Reply is { } reply)
        {
            // A reply that waited for a commit leaves through the pacer: one group commit releases many at once.
            if (decision.LeaseToCommit is not null) _pacer.Send(new PendingReply(decision, reply, context, interfaceIndex));
            else Send(decision, reply, context, interfaceIndex);
        }
        if (script is not null) QueueScript(script, context);
    }

    private IReadOnlyList<LeaseScriptEvent> ScriptCalls(DhcpDecision decision, DhcpRequest request, DhcpReceiveContext context, DhcpServerOptions options)
    {
        var calls = new List<LeaseScriptEvent>(2);
        if (decision.LeaseToCommit is { } lease)
        {
            var previous = _leases.FindByAddress(lease.Address);
            // The store retires the client's lease on another address (same client-id) when it commits this one.
            var retired = lease.ClientId is { } id && _leases.FindByClientId(id) is { } other && !other.Address.Equals(lease.Address) ? other : null;
            calls.AddRange(LeaseScriptEvents.ForCommit(lease, previous, retired, request, context, options, _leases, _time.GetUtcNow()));
        }
        foreach (var address in new[] { decision.AddressToRelease, decision.AddressToDecline })
            if (address is not null && _leases.FindByAddress(address) is { } ending)
                calls.Add(LeaseScriptEvents.Ended(ending, context.InterfaceName ?? LeaseScript!.Interfaces.GetValueOrDefault(address), options.Domain));
        return calls;
    }

    private void QueueScript(IReadOnlyList<LeaseScriptEvent> calls, DhcpReceiveContext context)
    {
        var runner = LeaseScript!;
        foreach (var call in calls)
        {
            if (call.Action == LeaseScriptAction.Del) runner.Interfaces.TryRemove(call.Address, out _);
            else if (context.InterfaceName is { } nic) runner.Interfaces[call.Address] = nic;
            runner.Enqueue(call);
        }
    }

    private void Send(DhcpDecision decision, byte[] reply, DhcpReceiveContext context, int interfaceIndex)
    {
        var destination = decision.DestinationAddress!;
        if (decision.Destination == DhcpReplyDestination.YourAddress
            && (context.InterfaceName is null || !ArpTable.TrySet(_socket, destination, decision.ClientHardwareAddress, context.InterfaceName)))
        {
            destination = IPAddress.Broadcast; // cannot reach a client without an address by unicast: broadcast instead
        }
        try
        {
            lock (_sendGate)
            {
                if (OperatingSystem.IsLinux() && interfaceIndex > 0 && decision.Destination != DhcpReplyDestination.Relay)
                    SetOutgoingInterface(interfaceIndex);
                _socket.SendTo(reply, new IPEndPoint(destination, decision.DestinationPort));
            }
            Counters.CountSent(decision.ReplyType!.Value);
            if (TransactionLog is { } log)
            {
                var mac = decision.ClientHardwareAddress is { } hw ? HexText.FormatHardwareAddress(1, hw) : "";
                var name = decision.LeaseToCommit?.HostName is { } h ? " " + h : "";
                log($"{decision.ReplyType!.Value.LogName()}({context.InterfaceName ?? "?"}) {decision.YourAddress} {mac}{name}");
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Counters.CountSendFailure();
        }
    }

    private void SetOutgoingInterface(int interfaceIndex)
    {
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(index, interfaceIndex); // network order, as Linux expects for IP_UNICAST_IF
        _socket.SetRawSocketOption((int)SocketOptionLevel.IP, IpUnicastInterface, index);
    }

    private void ExpireLeases(DateTimeOffset now, string? domain)
    {
        if (now < _nextExpiry) return;
        _nextExpiry = now + ExpiryInterval;
        foreach (var lease in _leases.Expire(now))
        {
            if (lease.HostName is { } name) _names?.Remove(DhcpDecisionEffects.Qualify(name, domain));
            if (LeaseScript is { Enabled: true } script)
            {
                script.Interfaces.TryRemove(lease.Address, out var nic);
                script.Enqueue(LeaseScriptEvents.Ended(lease, nic, domain));
            }
        }
    }

    /// <summary>Expiry with no request arriving: the receive loop only expires leases when a request comes in.</summary>
    private void ExpireOnTimer()
    {
        try
        {
            lock (_decideGate) ExpireLeases(_time.GetUtcNow(), _serving.Options.Domain);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A timer callback must never take the process down; the next tick tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _metrics?.Dispose();
        _expiryTimer.Dispose();
        _stop.Cancel();
        _pacer.Dispose();
        _socket.Dispose();
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
