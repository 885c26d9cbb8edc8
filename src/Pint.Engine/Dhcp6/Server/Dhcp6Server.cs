using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Wire;

namespace Pint.Engine.Dhcp6.Server;

/// <summary>
/// The DHCPv6 server loop: one UDP socket on [::]:547 joined to ff02::1:2 (All_DHCP_Relay_Agents_and_Servers) on every
/// interface that has a served range, each datagram read, answered by <see cref="Dhcp6Responder"/>, its lease changes
/// applied and handed to <see cref="LeaseWriter"/> (which makes them durable) before the reply is sent: to the client's
/// port 546 for a direct message, to the relay's port 547 for a relayed one. A reload hands it new ranges, options and
/// hosts in place (<see cref="Reconfigure"/>): the socket and the lease table stay.
/// </summary>
public sealed class Dhcp6Server : IAsyncDisposable
{
    private static readonly IPAddress AllServers = IPAddress.Parse("ff02::1:2");
    private volatile Dhcp6ServerOptions _options;
    private readonly Dhcp6LeaseTable _leases;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Socket? _socket;
    private Task? _loop, _sweeper;
    private Dictionary<int, Dhcp6Link> _links = [];
    private DateTime _linksRead;

    public Dhcp6Server(Dhcp6ServerOptions options, Dhcp6LeaseTable leases)
    {
        _options = options;
        _leases = leases;
    }

    /// <summary>Called with the whole table after a change, before the reply leaves.</summary>
    public Action<IReadOnlyList<Dhcp6Lease>>? Persist { get; init; }

    /// <summary>
    /// Makes each exchange's binding changes durable: the reply leaves only once the task it returns completes, and not
    /// at all when it faults. Null: bindings are kept in memory only.
    /// </summary>
    public IDhcp6LeaseWriter? LeaseWriter { get; init; }

    /// <summary>The options the next exchange is answered with.</summary>
    public Dhcp6ServerOptions Options => _options;
    public Action<string>? TransactionLog { get; init; }
    public Action<string>? Warning { get; init; }
    /// <summary>Tells DNS about the names leases get and lose (null: names are not published).</summary>
    public Dhcp6LeaseNames? Names { get; init; }

    /// <summary>How often bindings that ran out are dropped (and their names withdrawn) while no message arrives.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    public long Received, Replied, Dropped;

    public EndPoint? LocalEndPoint => _socket?.LocalEndPoint;

    /// <summary>The interfaces served now (name by index), as joined at start or at the last refresh.</summary>
    public IReadOnlyDictionary<int, Dhcp6Link> Links => _links;

    public Dhcp6LeaseTable Leases => _leases;

    public void Start()
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.DualMode = false;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, _options.ServerPort));
            _links = ReadLinks();
            _linksRead = DateTime.UtcNow;
            foreach (var index in _links.Keys) Join(socket, index);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _loop = StartReceiveThread(_stop.Token);
        _sweeper = Task.Run(() => SweepLoopAsync(_stop.Token));
    }

    /// <summary>
    /// Serves <paramref name="options"/> from the next message on (ranges, options, hosts, rapid commit, domain), on the
    /// same socket and lease table; the interfaces served are read again for the new ranges. False when the ports differ
    /// (the socket would have to move): restart instead.
    /// </summary>
    public bool Reconfigure(Dhcp6ServerOptions options)
    {
        if (options.ServerPort != _options.ServerPort || options.ClientPort != _options.ClientPort) return false;
        lock (_gate)
        {
            _options = options;
            if (_socket is { } socket)
            {
                var fresh = ReadLinks();
                foreach (var index in fresh.Keys.Except(_links.Keys)) Join(socket, index);
                _links = fresh;
                _linksRead = DateTime.UtcNow;
            }
        }
        return true;
    }

    private async Task SweepLoopAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try { await Task.Delay(SweepInterval, cancel).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            try { Sweep(DateTimeOffset.UtcNow); }
            catch (Exception e) when (e is not OutOfMemoryException) { Warning?.Invoke($"DHCPv6 lease sweep failed: {e.Message}"); }
        }
    }

    /// <summary>
    /// Drops the bindings that ran out by <paramref name="now"/>, persists the table when any did, and withdraws their
    /// names (dnsmasq does this at each lease's expiry, not at the next message); also names every lease again when
    /// the DNS registry behind <see cref="Names"/> was replaced.
    /// </summary>
    public void Sweep(DateTimeOffset now)
    {
        lock (_gate)
        {
            Names?.Refresh(_leases);
            var expired = _leases.RemoveExpired(now);
            if (expired.Count == 0) return;
            LeaseWriter?.Forget(expired);
            Persist?.Invoke(_leases.Snapshot());
            Names?.Update(_leases, expired.Select(l => l.HostName)); // no log line: dnsmasq logs none for an expiry
        }
    }

    /// <summary>Names every lease in DNS again (after the DNS service restarted).</summary>
    public void PublishNames()
    {
        lock (_gate) Names?.PublishAll(_leases);
    }

    private void Join(Socket socket, int index)
    {
        try { socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(AllServers, index)); }
        catch (SocketException e) { Warning?.Invoke($"cannot join {AllServers} on interface {index}: {e.Message}"); }
    }

    /// <summary>The interfaces with a served range, with this server's addresses and pools on each.</summary>
    private Dictionary<int, Dhcp6Link> ReadLinks()
    {
        var links = new Dictionary<int, Dhcp6Link>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus == OperationalStatus.Down || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            if (!nic.Supports(NetworkInterfaceComponent.IPv6)) continue;
            IPInterfaceProperties props;
            int index;
            try
            {
                props = nic.GetIPProperties();
                index = props.GetIPv6Properties().Index;
            }
            catch (NetworkInformationException) { continue; }
            var addresses = props.UnicastAddresses.Where(u => u.Address.AddressFamily == AddressFamily.InterNetworkV6)
                .Select(u => (Address: WithoutScope(u.Address), u.PrefixLength)).ToList();
            var pools = _options.Ranges.SelectMany(r => Dhcp6Pool.ForLink(r, nic.Name, addresses)).ToList();
            if (pools.Count == 0) continue;
            links[index] = new Dhcp6Link(nic.Name, addresses.Select(a => a.Address).ToList(), pools);
        }
        return links;
    }

    private static IPAddress WithoutScope(IPAddress a) => a.IsIPv6LinkLocal ? new IPAddress(a.GetAddressBytes()) : a;

    /// <summary>
    /// The receive loop on a thread of its own with blocking receives, as the DHCPv4 server's: an asynchronous receive
    /// hands every datagram from the epoll thread to a pool thread, which under a flood costs more than answering.
    /// </summary>
    private Task StartReceiveThread(CancellationToken cancel)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { ReceiveLoop(cancel); }
            finally { ended.TrySetResult(); }
        })
        { IsBackground = true, Name = "pint-dhcp6" };
        thread.Start();
        return ended.Task;
    }

    private void ReceiveLoop(CancellationToken cancel)
    {
        var socket = _socket!;
        var buffer = new byte[65536];
        socket.ReceiveTimeout = 250; // a blocked receive notices a stop even where closing the socket does not wake it
        EndPoint any = new IPEndPoint(IPAddress.IPv6Any, 0);
        while (!cancel.IsCancellationRequested)
        {
            int length;
            EndPoint remote = any;
            IPPacketInformation arrival;
            try
            {
                var flags = SocketFlags.None;
                length = socket.ReceiveMessageFrom(buffer, ref flags, ref remote, out arrival);
            }
            catch (ObjectDisposedException) { break; }
            catch (SocketException) { continue; } // the timeout, or an ICMP error reported on a later receive
            Interlocked.Increment(ref Received);
            var result = (RemoteEndPoint: (IPEndPoint)remote, PacketInformation: arrival);
            Pending? pending;
            try
            {
                pending = Handle(buffer.AsSpan(0, length), result.RemoteEndPoint, result.PacketInformation.Interface);
                if (pending is null) continue;
                // The binding is on disk before the reply that grants it leaves (a DHCPv4 ACK waits the same way), but
                // the loop goes on receiving meanwhile: the exchanges waiting for the disk share its next fsync.
                if (pending.Durable is { IsCompletedSuccessfully: false } durable)
                {
                    _ = ReplyWhenDurableAsync(socket, pending, durable, result.RemoteEndPoint);
                    continue;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref Dropped);
                Warning?.Invoke($"DHCPv6 message from {result.RemoteEndPoint} not answered: {e.Message}");
                continue;
            }
            try
            {
                Reply(socket, pending);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref Dropped);
                Warning?.Invoke($"DHCPv6 reply to {result.RemoteEndPoint} not sent: {e.Message}");
            }
        }
    }

    private async Task ReplyWhenDurableAsync(Socket socket, Pending pending, Task durable, EndPoint from)
    {
        try
        {
            await durable.ConfigureAwait(false);
            Reply(socket, pending);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not durable, or not sent: no reply grants a lease the file does not hold.
            Interlocked.Increment(ref Dropped);
            Warning?.Invoke($"DHCPv6 reply to {from} not sent: {e.Message}");
        }
    }

    /// <summary>A decided exchange: its reply (null: none), where it goes, the write it waits for, the names to bring up to date.</summary>
    private sealed record Pending(byte[]? Bytes, IPEndPoint To, Task? Durable, List<string?> Touched);

    /// <summary>Decides one message and applies its changes under the lock; the write of those changes is queued, not awaited.</summary>
    private Pending? Handle(ReadOnlySpan<byte> datagram, IPEndPoint from, int interfaceIndex)
    {
        if (!Dhcp6RequestReader.TryRead(datagram, out var request, out var rejection))
        {
            Interlocked.Increment(ref Dropped);
            TransactionLog?.Invoke($"DHCPv6 datagram from {from.Address} dropped: {rejection}");
            return null;
        }
        var link = LinkFor(request!, interfaceIndex);
        if (link is null)
        {
            Interlocked.Increment(ref Dropped);
            return null;
        }
        var options = _options;
        // A relay gets the RELAY-REPL on port 547; a client on its link-local address (scoped to the link), port 546.
        var to = request!.Relays.Count > 0
            ? new IPEndPoint(from.Address, options.ServerPort)
            : new IPEndPoint(from.Address.IsIPv6LinkLocal ? new IPAddress(from.Address.GetAddressBytes(), interfaceIndex) : from.Address, options.ClientPort);
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            var expired = _leases.RemoveExpired(now);
            var decision = Dhcp6Responder.Respond(request!, link, _options, _leases, now);
            var touched = Names is null ? new List<string?>() : Dhcp6LeaseNames.Touched(_leases, decision.Changes).Concat(expired.Select(l => l.HostName)).ToList();
            var before = LeaseWriter is null ? null : AddressesTouched(decision.Changes);
            foreach (var change in decision.Changes) _leases.Apply(change, TimeSpan.FromSeconds(Math.Min(3600, link.Pools[0].LeaseTime.TotalSeconds)));
            Task? durable = null;
            if (LeaseWriter is { } writer)
            {
                if (expired.Count > 0) writer.Forget(expired);
                // Queued under the lock, so the journal holds the changes in the order the table took them.
                if (Written(before!) is { } written) durable = writer.WriteAsync(written.Bound, written.Ended);
            }
            if (decision.Changes.Count > 0 || expired.Count > 0) Persist?.Invoke(_leases.Snapshot());
            TransactionLog?.Invoke(decision.Log);
            byte[]? bytes = decision.Reply is null ? null : Dhcp6ReplyWriter.Write(decision.Reply);
            if (decision.Reply is not null && bytes is null) Interlocked.Increment(ref Dropped);
            var pending = new Pending(bytes, to, durable, touched);
            if (durable is null or { IsCompletedSuccessfully: true }) UpdateNames(pending);
            return pending;
        }
    }

    /// <summary>Names, after the changes are durable and before the reply leaves, as DHCPv4 names a committed lease.</summary>
    private void UpdateNames(Pending pending)
    {
        if (pending.Touched.Count == 0) return;
        Names!.Update(_leases, pending.Touched);
        pending.Touched.Clear();
    }

    private void Reply(Socket socket, Pending pending)
    {
        if (pending.Touched.Count > 0)
            lock (_gate) UpdateNames(pending);
        if (pending.Bytes is null) return;
        socket.SendTo(pending.Bytes, pending.To);
        Interlocked.Increment(ref Replied);
    }

    /// <summary>Every address <paramref name="changes"/> may change, with the binding on it before (under the lock).</summary>
    private Dictionary<IPAddress, Dhcp6Lease?> AddressesTouched(IReadOnlyList<Dhcp6LeaseChange> changes)
    {
        var before = new Dictionary<IPAddress, Dhcp6Lease?>();
        foreach (var change in changes)
        {
            before.TryAdd(change.Lease.Address, _leases.ByAddress(change.Lease.Address));
            // A client's binding that moves to another address ends on the old one.
            if (change.Kind == Dhcp6LeaseChangeKind.Bind && _leases.Find(change.Lease.ClientId, change.Lease.Iaid) is { } old)
                before.TryAdd(old.Address, old);
        }
        return before;
    }

    /// <summary>What the applied changes did to the touched addresses: bindings made or renewed, bindings ended; null when nothing.</summary>
    private (List<Dhcp6Lease> Bound, List<Dhcp6Lease> Ended)? Written(Dictionary<IPAddress, Dhcp6Lease?> before)
    {
        if (before.Count == 0) return null;
        List<Dhcp6Lease> bound = [], ended = [];
        foreach (var (address, was) in before)
        {
            var now = _leases.ByAddress(address);
            if (now is not null) { if (!ReferenceEquals(now, was)) bound.Add(now); }
            else if (was is not null) ended.Add(was);
        }
        return bound.Count + ended.Count == 0 ? null : (bound, ended);
    }

    /// <summary>
    /// The link a message is for: a direct one's receiving interface; a relayed one's prefix from the link-address of
    /// the relay nearest the client (pools of every plain range on that prefix), with the receiving interface's addresses.
    /// </summary>
    private Dhcp6Link? LinkFor(Dhcp6Request request, int interfaceIndex)
    {
        if (!_links.ContainsKey(interfaceIndex) && DateTime.UtcNow - _linksRead > TimeSpan.FromSeconds(2))
        {
            var fresh = ReadLinks();
            foreach (var index in fresh.Keys.Except(_links.Keys)) Join(_socket!, index);
            _links = fresh;
            _linksRead = DateTime.UtcNow;
        }
        _links.TryGetValue(interfaceIndex, out var direct);
        if (request.Relays.Count == 0) return direct;
        var linkAddress = request.Relays.Reverse().Select(r => r.LinkAddress).FirstOrDefault(a => !a.Equals(IPAddress.IPv6Any) && !a.IsIPv6LinkLocal);
        if (linkAddress is null) return null;
        var pools = _options.Ranges.Select(r => Dhcp6Pool.ForRelay(r, linkAddress)).OfType<Dhcp6Pool>().ToList();
        if (pools.Count == 0) return null;
        var serverAddresses = direct?.ServerAddresses ?? [];
        return new Dhcp6Link(direct?.Name ?? $"relay:{linkAddress}", serverAddresses, pools);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _socket?.Dispose();
        foreach (var task in new[] { _loop, _sweeper })
        {
            if (task is null) continue;
            try { await task.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
