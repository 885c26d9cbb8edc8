using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>
/// local-service: the DNS server admits a client only when its address is on a network the machine is directly
/// connected to (<see cref="LocalNetworks"/>), so an open resolver on a public address cannot be used to amplify
/// attacks. A query from elsewhere is dropped without a reply (as dnsmasq does), counted in
/// <see cref="DnsCounters.RefusedNonLocal"/> and logged at most once a minute. The networks follow interface changes:
/// they are read again when the system reports an address change, and every 30 seconds for a change it does not
/// report; a check only reads the current snapshot and never allocates.
/// </summary>
public sealed class LocalServiceFilter : IDisposable
{
    private static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(30);
    private const long LogIntervalMs = 60_000;
    private readonly DnsCounters _counters;
    private readonly Action<string>? _log;
    private readonly Func<LocalNetworks> _read;
    private readonly Func<long> _clockMs;
    private readonly Lock _rereading = new();
    private readonly Timer _timer;
    private volatile LocalNetworks _networks;
    private long _nextLogAt;

    /// <param name="readNetworks">Where the networks come from; default: this machine's interfaces.</param>
    /// <param name="log">Where the "ignoring query" lines go.</param>
    public LocalServiceFilter(DnsCounters counters, Action<string>? log, Func<LocalNetworks>? readNetworks = null, Func<long>? clockMs = null)
    {
        _counters = counters;
        _log = log;
        _read = readNetworks ?? LocalNetworks.OfThisMachine;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
        _networks = LocalNetworks.Of([]);
        Reread();
        NetworkChange.NetworkAddressChanged += OnAddressChanged;
        _timer = new Timer(_ => Reread(), null, RereadInterval, RereadInterval);
    }

    /// <summary>The networks clients are admitted from right now.</summary>
    public LocalNetworks Networks => _networks;

    /// <summary>Reads the networks again (the timer and address-change events call this).</summary>
    public void Reread()
    {
        // One reader at a time, so an older read can never replace a newer one.
        lock (_rereading)
        {
            try { _networks = _read(); }
            catch (NetworkInformationException e) { _log?.Invoke($"local-service: cannot read the interfaces, keeping {_networks}: {e.Message}"); }
        }
    }

    /// <summary>
    /// A client address as the socket layer holds it (sockaddr_in or sockaddr_in6 bytes) on a socket of
    /// <paramref name="family"/>: the address sits at byte 4 or byte 8 on every platform.
    /// </summary>
    public bool Admits(AddressFamily family, ReadOnlySpan<byte> socketAddress)
    {
        int offset = family == AddressFamily.InterNetwork ? 4 : 8, length = family == AddressFamily.InterNetwork ? 4 : 16;
        if (socketAddress.Length < offset + length) return Reject(default);
        var address = socketAddress.Slice(offset, length);
        return _networks.Contains(address) || Reject(address);
    }

    public bool Admits(SocketAddress client) => Admits(client.Family, client.Buffer.Span[..client.Size]);

    public bool Admits(IPAddress client)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!client.TryWriteBytes(bytes, out int written)) return Reject(default);
        return _networks.Contains(bytes[..written]) || Reject(bytes[..written]);
    }

    private bool Reject(ReadOnlySpan<byte> address)
    {
        _counters.CountRefusedNonLocal();
        long now = _clockMs(), next = Interlocked.Read(ref _nextLogAt);
        if (_log is null || now < next || Interlocked.CompareExchange(ref _nextLogAt, now + LogIntervalMs, next) != next) return false;
        var source = address.Length is 4 or 16 ? new IPAddress(address).ToString() : "an unreadable address";
        _log($"ignoring query from non-local network {source} (local-service: logged at most once a minute, every one counted)");
        return false;
    }

    private void OnAddressChanged(object? sender, EventArgs e) => Reread();

    public void Dispose()
    {
        NetworkChange.NetworkAddressChanged -= OnAddressChanged;
        _timer.Dispose();
    }
}
