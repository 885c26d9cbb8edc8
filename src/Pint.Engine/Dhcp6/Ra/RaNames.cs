using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dns;

namespace Pint.Engine.Dhcp6.Ra;

/// <summary>
/// dhcp-range=...,ra-names: DNS names for dual-stack hosts that do SLAAC. Once a second the DHCPv4 lease table is
/// read; each live lease with a host name on a link that has an ra-names range gives a guess of the host's SLAAC
/// address (<see cref="SlaacGuess"/>), which is pinged (ICMPv6 echo) on dnsmasq's schedule (<see cref="RaNameProbes"/>);
/// a reply publishes name -> AAAA (and the ip6.arpa PTR) in DNS's registry of DHCP names, and the end of the lease
/// withdraws it. Interfaces are re-read every 5 seconds. Nothing is done while the DHCPv4 service is not running.
/// </summary>
public sealed class RaNames : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InterfacesEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);
    private const int PingsPerTick = 32;

    private readonly IReadOnlyList<DhcpRange6> _ranges;
    private readonly Func<IReadOnlyList<DhcpLease>?> _leases;
    private readonly Func<IPAddress, CancellationToken, Task<bool>> _ping;
    private readonly Func<IEnumerable<(string Name, IReadOnlyList<(IPAddress Address, int PrefixLength)> Addresses)>> _interfaces;
    private readonly RaNameProbes _probes;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <param name="ranges">The config's IPv6 ranges (only the ra-names ones count).</param>
    /// <param name="leases">The DHCPv4 lease table now, or null while no DHCPv4 service runs (nothing then changes).</param>
    /// <param name="registry">Where names go (<see cref="Registry"/> over DNS's registry of DHCP names).</param>
    /// <param name="ping">An ICMPv6 echo to an address: true when it answered (default: <see cref="Ping"/>, 1 s).</param>
    /// <param name="interfaces">The interfaces and their addresses of both families (default: the machine's).</param>
    public RaNames(IReadOnlyList<DhcpRange6> ranges, Func<IReadOnlyList<DhcpLease>?> leases, IRaNameRegistry registry,
        Func<IPAddress, CancellationToken, Task<bool>>? ping = null,
        Func<IEnumerable<(string Name, IReadOnlyList<(IPAddress Address, int PrefixLength)> Addresses)>>? interfaces = null)
    {
        _ranges = ranges;
        _leases = leases;
        _ping = ping ?? EchoAsync;
        _interfaces = interfaces ?? ReadInterfaces;
        _probes = new RaNameProbes(registry);
    }

    /// <summary>Logs each confirmation as dnsmasq does: <c>SLAAC-CONFIRM(IFACE) ADDRESS NAME</c>.</summary>
    public Action<string>? Log { get; init; }
    public Action<string>? Warning { get; init; }

    public long Pings, Confirmed, Errors;

    /// <summary>True when the config has an ra-names range.</summary>
    public static bool IsEnabled(PintConfig config) => config.Dhcp.Ranges6.Any(r => (r.Modes & DhcpRange6Modes.RaNames) != 0);

    /// <summary>A registry over DNS's DHCP names (read each time: DNS may restart); null: DNS is off and nothing is published.</summary>
    public static IRaNameRegistry Registry(Func<DynamicNames?> names) => new DynamicNamesRegistry(names);

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancel)
    {
        IReadOnlyList<RaNamesLink> links = [];
        var read = DateTime.MinValue;
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                var now = DateTime.UtcNow;
                if (now - read >= InterfacesEvery)
                {
                    links = RaNamesLink.From(_ranges, _interfaces());
                    read = now;
                }
                if (_leases() is { } leases)
                {
                    var due = _probes.Update(RaNamesLink.Candidates(leases, links, DateTimeOffset.UtcNow), now, PingsPerTick);
                    if (due.Count > 0) await ProbeAsync(due, cancel).ConfigureAwait(false);
                }
                await Task.Delay(Tick, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref Errors);
                Warning?.Invoke($"ra-names: {e.Message}");
                try { await Task.Delay(InterfacesEvery, cancel).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task ProbeAsync(IReadOnlyList<RaNameCandidate> due, CancellationToken cancel)
    {
        var addresses = due.Select(c => c.Address).Distinct().ToList();
        Interlocked.Add(ref Pings, addresses.Count);
        var answered = await Task.WhenAll(addresses.Select(async a =>
        {
            try { return await _ping(a, cancel).ConfigureAwait(false); }
            catch (Exception e) when (e is PingException or SocketException or InvalidOperationException) { return false; }
        })).ConfigureAwait(false);
        cancel.ThrowIfCancellationRequested();
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!answered[i]) continue;
            foreach (var c in _probes.Confirm(addresses[i]))
            {
                Interlocked.Increment(ref Confirmed);
                Log?.Invoke($"SLAAC-CONFIRM({c.Interface}) {c.Address} {c.Name}");
            }
        }
    }

    private static async Task<bool> EchoAsync(IPAddress address, CancellationToken cancel)
    {
        using var ping = new Ping();
        var reply = await ping.SendPingAsync(address, PingTimeout, null, null, cancel).ConfigureAwait(false);
        return reply.Status == IPStatus.Success;
    }

    private static IEnumerable<(string Name, IReadOnlyList<(IPAddress Address, int PrefixLength)> Addresses)> ReadInterfaces()
    {
        var result = new List<(string, IReadOnlyList<(IPAddress, int)>)>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus == OperationalStatus.Down || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            try
            {
                result.Add((nic.Name, nic.GetIPProperties().UnicastAddresses
                    .Select(u => (new IPAddress(u.Address.GetAddressBytes()), u.PrefixLength)).ToList()));
            }
            catch (NetworkInformationException) { }
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is { } loop)
            try { await loop.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        _probes.Clear(); // the names this instance published go with it
        _stop.Dispose();
    }

    private sealed class DynamicNamesRegistry(Func<DynamicNames?> names) : IRaNameRegistry
    {
        public IPAddress? CurrentV6(string name)
        {
            if (names() is not { } registry) return null;
            try { return registry.Find(DnsName.FromText(name))?.Aaaa is [var first, ..] ? new IPAddress(first) : null; }
            catch (Exception e) when (e is ArgumentException or FormatException) { return null; }
        }

        public void Publish(string name, IPAddress address)
        {
            try { names()?.AddOrUpdate(name, address); }
            catch (Exception e) when (e is ArgumentException or FormatException) { } // a name DNS cannot carry is not served, as for DHCPv4
        }

        public void Withdraw(string name) => names()?.Remove(name, AddressFamily.InterNetworkV6);
    }
}
