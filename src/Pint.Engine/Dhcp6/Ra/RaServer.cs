using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pint.Engine.Dhcp6.Ra;

/// <summary>
/// Router advertisements on the interfaces where <see cref="RaOptions.Plan"/> finds a range: one raw ICMPv6 socket
/// (hop limit 255, only router solicitations let in, joined to ff02::2 on each such interface). Unsolicited RAs go to
/// ff02::1 at once, then every 5 to 16 seconds for the first minute (as dnsmasq 2.90 was seen doing), then every
/// 0.75 to 1 interval (ra-param, default 600 s); a solicitation is answered at once, to its source address (to ff02::1
/// from ::). Malformed solicitations are counted and ignored. Interfaces are re-read every few seconds, so one that
/// gains an address on a range's prefix starts getting RAs.
/// </summary>
public sealed class RaServer : IAsyncDisposable
{
    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");
    private static readonly IPAddress AllRouters = IPAddress.Parse("ff02::2");
    private static readonly TimeSpan InitialPeriod = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private readonly RaOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<int, Link> _links = [];
    private readonly Random _random = new();
    private Socket? _socket;
    private Task? _receive, _advertise;

    public RaServer(RaOptions options) => _options = options;

    public Action<string>? Log { get; init; }
    public Action<string>? Warning { get; init; }

    public long Solicitations, Malformed, Sent, Errors;

    /// <summary>The interfaces advertised on now, by index.</summary>
    public IReadOnlyList<string> Interfaces { get { lock (_gate) return _links.Values.Select(l => l.Facts.Name).ToList(); } }

    private sealed class Link(int index, RaInterface facts)
    {
        public int Index { get; } = index;
        public RaInterface Facts { get; set; } = facts;
        public DateTime Since { get; } = DateTime.UtcNow;
        public DateTime Next { get; set; } = DateTime.UtcNow;
    }

    public void Start()
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, 255);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IpTimeToLive, 255);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastLoopback, false);
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(58, 1, SolicitationsOnly()); // IPPROTO_ICMPV6, ICMP6_FILTER
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0)); // receiving needs a bound socket
            socket.ReceiveTimeout = 500;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        Refresh();
        _receive = Task.Factory.StartNew(() => Receive(_stop.Token), TaskCreationOptions.LongRunning);
        _advertise = Task.Run(() => AdvertiseAsync(_stop.Token));
    }

    /// <summary>Linux's ICMP6_FILTER bitmap: a set bit blocks a type; all but 133 (router solicitation) are blocked.</summary>
    private static byte[] SolicitationsOnly()
    {
        var words = new uint[8];
        Array.Fill(words, uint.MaxValue);
        words[133 >> 5] &= ~(1u << (133 & 31));
        var bytes = new byte[32];
        Buffer.BlockCopy(words, 0, bytes, 0, 32);
        return bytes;
    }

    /// <summary>Re-reads the interfaces: new ones with a range are joined to ff02::2 and advertised on at once.</summary>
    private void Refresh()
    {
        var found = ReadInterfaces();
        lock (_gate)
        {
            foreach (var index in _links.Keys.Except(found.Keys).ToList()) _links.Remove(index);
            foreach (var (index, facts) in found)
            {
                if (_links.TryGetValue(index, out var link)) { link.Facts = facts; continue; }
                _links[index] = new Link(index, facts);
                try { _socket!.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(AllRouters, index)); }
                catch (SocketException e) { Warning?.Invoke($"cannot join {AllRouters} on {facts.Name}: {e.Message}"); }
                var plan = _options.Plan(facts, MtuOf);
                Log?.Invoke($"router advertisement on {string.Join(", ", plan!.Prefixes.Select(p => $"{p.Prefix}/{p.Length}"))} ({facts.Name})");
            }
        }
    }

    private Dictionary<int, RaInterface> ReadInterfaces()
    {
        var result = new Dictionary<int, RaInterface>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus == OperationalStatus.Down || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            if (!nic.Supports(NetworkInterfaceComponent.IPv6)) continue;
            try
            {
                var props = nic.GetIPProperties();
                var v6 = props.GetIPv6Properties();
                var addresses = props.UnicastAddresses.Where(u => u.Address.AddressFamily == AddressFamily.InterNetworkV6)
                    .Select(u => (Address: new IPAddress(u.Address.GetAddressBytes()), u.PrefixLength)).ToList();
                var linkLocal = addresses.Select(a => a.Address).FirstOrDefault(a => a.IsIPv6LinkLocal);
                if (linkLocal is null) continue; // an RA must come from a link-local address
                var facts = new RaInterface(nic.Name, nic.GetPhysicalAddress().GetAddressBytes(), v6.Mtu, linkLocal, addresses);
                if (_options.Plan(facts, MtuOf) is not null) result[v6.Index] = facts;
            }
            catch (NetworkInformationException) { }
        }
        return result;
    }

    private static int? MtuOf(string name)
    {
        try
        {
            var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
            return nic?.GetIPProperties().GetIPv6Properties().Mtu;
        }
        catch (NetworkInformationException) { return null; }
    }

    private async Task AdvertiseAsync(CancellationToken cancel)
    {
        var refreshed = DateTime.UtcNow;
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow - refreshed >= RefreshEvery)
                {
                    Refresh();
                    refreshed = DateTime.UtcNow;
                }
                List<Link> due;
                lock (_gate) due = _links.Values.Where(l => l.Next <= DateTime.UtcNow).ToList();
                foreach (var link in due)
                {
                    Send(link, AllNodes);
                    var now = DateTime.UtcNow;
                    var interval = _options.IntervalFor(link.Facts.Name);
                    var gap = now - link.Since < InitialPeriod
                        ? TimeSpan.FromSeconds(Math.Min(5 + _random.NextDouble() * 11, interval))
                        : TimeSpan.FromSeconds(interval * (0.75 + 0.25 * _random.NextDouble()));
                    link.Next = now + gap;
                }
                DateTime next;
                lock (_gate) next = _links.Values.Select(l => l.Next).DefaultIfEmpty(DateTime.MaxValue).Min();
                var wait = next - DateTime.UtcNow;
                if (wait > RefreshEvery) wait = RefreshEvery;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (ObjectDisposedException) { break; }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref Errors);
                Warning?.Invoke($"router advertisement loop: {e.Message}");
                try { await Task.Delay(RefreshEvery, cancel).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private void Send(Link link, IPAddress to)
    {
        Span<byte> buffer = stackalloc byte[1280];
        var length = RouterAdvertisementBuilder.Build(_options, link.Facts, buffer, MtuOf);
        if (length <= 0)
        {
            if (length < 0) Warning?.Invoke($"router advertisement for {link.Facts.Name} does not fit in 1280 bytes: not sent");
            return;
        }
        try
        {
            _socket!.SendTo(buffer[..length], new IPEndPoint(new IPAddress(to.GetAddressBytes(), link.Index), 0));
            Interlocked.Increment(ref Sent);
        }
        catch (SocketException e)
        {
            Interlocked.Increment(ref Errors);
            Warning?.Invoke($"router advertisement on {link.Facts.Name} to {to}: {e.Message}");
        }
    }

    /// <summary>
    /// The solicitation loop, on a thread of its own with blocking receives (a short timeout to see the stop): the
    /// async socket path never saw a raw ICMPv6 datagram under gVisor, whose epoll does not report them ready.
    /// </summary>
    private void Receive(CancellationToken cancel)
    {
        var socket = _socket!;
        var buffer = new byte[2048];
        while (!cancel.IsCancellationRequested)
        {
            int received;
            EndPoint remote = new IPEndPoint(IPAddress.IPv6Any, 0);
            try
            {
                // ReceiveFrom, not ReceiveMessageFrom (which fails with "Protocol not available" under gVisor): a
                // solicitation comes from a link-local address, whose scope is the interface, or from ::.
                received = socket.ReceiveFrom(buffer, ref remote);
            }
            catch (ObjectDisposedException) { break; }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted) { continue; }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (cancel.IsCancellationRequested) break;
                Interlocked.Increment(ref Errors);
                Warning?.Invoke($"router solicitations: {e.Message}");
                cancel.WaitHandle.WaitOne(1000);
                continue;
            }
            try
            {
                var from = ((IPEndPoint)remote).Address;
                var message = buffer.AsSpan(0, received);
                if (message.Length > 0 && message[0] != 133) continue; // a filter-less platform: not ours
                if (!IsValidSolicitation(message, from)) { Interlocked.Increment(ref Malformed); continue; }
                Interlocked.Increment(ref Solicitations);
                List<Link> links;
                lock (_gate)
                    links = from.Equals(IPAddress.IPv6Any) ? [.. _links.Values] // which link is unknown: answer on all, to ff02::1
                        : _links.TryGetValue((int)from.ScopeId, out var link) ? [link] : [];
                foreach (var l in links) Send(l, from.Equals(IPAddress.IPv6Any) ? AllNodes : new IPAddress(from.GetAddressBytes()));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref Errors);
                Warning?.Invoke($"router solicitation from {remote} not answered: {e.Message}");
            }
        }
    }

    /// <summary>
    /// RFC 4861 6.1.1's checks that can be made here (the kernel has checked the checksum): type 133, code 0, at least
    /// 8 bytes, every option of non-zero length and inside the message, and no source link-layer address option
    /// when the source is the unspecified address.
    /// </summary>
    public static bool IsValidSolicitation(ReadOnlySpan<byte> message, IPAddress from)
    {
        if (message.Length < 8 || message[0] != 133 || message[1] != 0) return false;
        var unspecified = from.Equals(IPAddress.IPv6Any);
        for (var at = 8; at < message.Length;)
        {
            if (message.Length - at < 2) return false;
            var length = message[at + 1] * 8;
            if (length == 0 || at + length > message.Length) return false;
            if (message[at] == 1 && unspecified) return false;
            at += length;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var task in new[] { _receive, _advertise })
        {
            if (task is null) continue;
            try { await task.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _socket?.Dispose(); // after the loops: the receive thread sees the stop within its timeout
        _stop.Dispose();
    }
}
