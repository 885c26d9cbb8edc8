using System.Net;
using System.Net.NetworkInformation;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dns;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Server;
using Pint.Engine.Hosting.Control;
using Pint.Engine.Management;

namespace Pint.Engine.Hosting;

/// <summary>
/// The DHCPv6 server (stateful IA_NA addresses from the config's IPv6 <c>dhcp-range</c> lines) as a host service.
/// Leases live in memory and, when this service owns the lease file (no IPv4 range is served from it), are written to
/// it in dnsmasq's format before each reply leaves: the IPv4 lines the file held, <c>duid SERVER-DUID</c>, then one line
/// a DHCPv6 lease. When DHCPv4 is served too, its lease store owns the file (and rewrites the DHCPv6 part as it found
/// it at start), so DHCPv6 leases are kept in memory only; the server DUID is still read from the file.
/// Leased names (from the client's FQDN option or a dhcp-host line) answer AAAA and ip6.arpa PTR in the DNS service
/// started before it, as DHCPv4 names do: at start for the loaded leases, and on every bind, release, decline and expiry.
/// </summary>
public sealed class Dhcp6Service : IPintService, IServiceControl
{
    /// <summary>The control command that returns the live DHCPv6 leases as lease objects (Get-PintLease).</summary>
    public const string LeasesCommand = "dhcp6-leases";

    private readonly PintConfig _config;
    private readonly string _leaseFile;
    private readonly bool _ownsLeaseFile;
    private readonly IPintLog _log;
    private readonly int? _serverPort, _clientPort;
    private readonly Func<DnsService?> _dns;
    private Dhcp6Server? _server;
    private LeaseFileLock? _lock;

    /// <param name="dns">
    /// The DNS service that answers for leased names now (null when DNS is off); a function, because a reload may
    /// replace the DNS service while this one keeps running. Null: names are not published.
    /// </param>
    public Dhcp6Service(PintConfig config, string leaseFile, bool ownsLeaseFile, IPintLog log, int? serverPort = null, int? clientPort = null,
        Func<DnsService?>? dns = null)
    {
        _dns = dns ?? (() => null);
        _config = config;
        _leaseFile = leaseFile;
        _ownsLeaseFile = ownsLeaseFile;
        _log = log;
        _serverPort = serverPort;
        _clientPort = clientPort;
    }

    public string Name => "dhcp6";

    public string LeaseFile => _leaseFile;

    /// <summary>The server DUID in use while running.</summary>
    public byte[]? ServerDuid { get; private set; }

    /// <summary>The live lease table while running.</summary>
    public IReadOnlyList<Dhcp6Lease> Leases => _server?.Leases.Snapshot() ?? [];

    /// <summary>The live lease table as lease objects (AddressFamily InterNetworkV6); empty while stopped.</summary>
    public IReadOnlyList<PintLease> LiveLeases(DateTimeOffset now) => LeaseCatalog.Live6(_config, Leases, now);

    public Task<ControlResponse?> TryHandleAsync(ControlRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Command == LeasesCommand ? ControlResponse.Success(LiveLeases(DateTimeOffset.UtcNow)) : null);

    public IReadOnlyList<string> Endpoints => _server is { } s ? [$"udp/{s.LocalEndPoint}", .. s.Links.Values.Select(l => $"ff02::1:2%{l.Name}")] : [];

    public IReadOnlyDictionary<string, long> Counters => _server is { } s
        ? new Dictionary<string, long> { ["received"] = s.Received, ["replied"] = s.Replied, ["dropped"] = s.Dropped, ["leases"] = s.Leases.Count }
        : new Dictionary<string, long>();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_ownsLeaseFile) _lock = LeaseFileLock.Acquire(_leaseFile);
        try
        {
            var contents = Dhcp6LeaseFile.Read(_leaseFile);
            foreach (var p in contents.Problems) _log.Write(PintLogLevel.Warning, Name, p);
            var now = DateTimeOffset.UtcNow;
            var duid = contents.ServerDuid ?? Dhcp6Duid.CreateLlt(ServerMac(), now);
            ServerDuid = duid;
            var table = new Dhcp6LeaseTable();
            foreach (var lease in contents.Leases.Where(l => !l.IsExpiredAt(now))) table.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, lease), TimeSpan.Zero);
            var options = Dhcp6ServerOptions.FromConfig(_config, duid);
            if (_serverPort is { } sp) options = options with { ServerPort = sp };
            if (_clientPort is { } cp) options = options with { ClientPort = cp };
            var ipv4 = contents.IPv4Leases;
            if (_ownsLeaseFile)
                Dhcp6LeaseFile.Write(_leaseFile, ipv4, duid, table.Snapshot()); // the duid line is there before the first client
            else
                _log.Write(PintLogLevel.Warning, Name, $"DHCPv4 owns {_leaseFile}: DHCPv6 leases are kept in memory only in this version");
            Dhcp6LeaseNames names = new(new DnsLeaseNames(() => _dns()?.Server.DhcpNames, options.Domain), () => options.Domain,
                () => _dns()?.Server.DhcpNames);
            names.PublishAll(table);
            _server = new Dhcp6Server(options, table)
            {
                Names = names,
                Persist = _ownsLeaseFile ? leases => Dhcp6LeaseFile.Write(_leaseFile, ipv4, duid, leases) : null,
                TransactionLog = _config.Dhcp.QuietDhcp ? null : line => _log.Write(PintLogLevel.Information, Name, line),
                Warning = line => _log.Write(PintLogLevel.Warning, Name, line),
            };
            _server.Start();
            if (_server.Links.Count == 0)
                _log.Write(PintLogLevel.Warning, Name, "no interface has an address on a configured IPv6 range's prefix: nothing is served until one does");
            _log.Write(PintLogLevel.Information, Name, $"server DUID {Dhcp6Duid.Format(duid)}, {table.Count} lease(s) loaded from {_leaseFile}");
        }
        catch
        {
            _lock?.Dispose();
            _lock = null;
            throw;
        }
        return Task.CompletedTask;
    }

    /// <summary>The MAC for a new DUID-LLT: the first up, non-loopback interface with a 6-byte hardware address.</summary>
    private static byte[] ServerMac()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            var mac = nic.GetPhysicalAddress().GetAddressBytes();
            if (mac.Length == 6 && mac.Any(b => b != 0)) return mac;
        }
        return [0x02, 0, 0, 0, 0, 1];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        _server = null;
        _lock?.Dispose();
        _lock = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <summary>Names every held lease in DNS again (a new DNS service knows none); a no-op while stopped.</summary>
    /// <remarks>The server also notices a replaced DNS service by itself within a second and does the same.</remarks>
    public void PublishNames() => _server?.PublishNames();

    /// <summary>
    /// Feeds lease names to DNS as DHCPv4's does: names come qualified with the domain; DNS gets the bare name so it
    /// answers both "host" and "host.domain", and gives "host.domain" as the PTR of the address.
    /// </summary>
    private sealed class DnsLeaseNames(Func<DynamicNames?> names, string? domain) : ILeaseNameSink
    {
        public void Add(string fqdn, IPAddress address)
        {
            try { names()?.AddOrUpdate(Bare(fqdn), address); }
            catch (Exception e) when (e is ArgumentException or FormatException) { } // a name DNS cannot carry is simply not served
        }

        public void Remove(string fqdn) => names()?.Remove(Bare(fqdn), System.Net.Sockets.AddressFamily.InterNetworkV6);

        private string Bare(string fqdn) =>
            domain is { } d && "." + d.TrimEnd('.') is var suffix && fqdn.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                ? fqdn[..^suffix.Length]
                : fqdn;
    }

    /// <summary>The service for a config with IPv6 ranges; it owns the lease file unless DHCPv4 is served too.</summary>
    /// <param name="dns">The DNS service that names leased hosts now (see the constructor); null: names are not published.</param>
    public static Dhcp6Service Create(PintConfig config, string workingDirectory, IPintLog log, Func<DnsService?>? dns = null) =>
        new(config, LeaseCatalog.LeaseFilePath(config, workingDirectory), ownsLeaseFile: !config.Dhcp.Enabled, log, dns: dns);
}
