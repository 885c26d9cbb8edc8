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
/// Leases live in memory and in the lease file, in dnsmasq's format: the IPv4 lines, <c>duid SERVER-DUID</c>, then one
/// line a DHCPv6 lease. One writer owns the file for both families (<see cref="LeaseDiskWriter"/>): the DHCPv4 service's
/// when it serves from the file, else this service's own. Either way each binding is journaled and fsync'ed, in the
/// group commit DHCPv4's records share, before the REPLY that grants it leaves, and the file's snapshot holds the
/// DHCPv6 lines after the duid line; a kill -9 loses no lease a client was given.
/// Leased names (from the client's FQDN option or a dhcp-host line) answer AAAA and ip6.arpa PTR in the DNS service
/// started before it, as DHCPv4 names do: at start for the loaded leases, and on every bind, release, decline and expiry.
/// A reload that changes DHCPv6 ranges, options or hosts is taken in place (<see cref="TryReconfigure"/>).
/// </summary>
public sealed class Dhcp6Service : IPintService, IServiceControl, IReconfigurable
{
    /// <summary>The control command that returns the live DHCPv6 leases as lease objects (Get-PintLease).</summary>
    public const string LeasesCommand = "dhcp6-leases";

    private volatile PintConfig _config;
    private readonly string _leaseFile;
    private readonly bool _ownsLeaseFile;
    // The writer of the DHCPv4 service that owns the lease file (null: this service owns it, or keeps leases in memory).
    private readonly Func<LeaseDiskWriter?>? _sharedWriter;
    private readonly IPintLog _log;
    private readonly int? _serverPort, _clientPort;
    private readonly Func<DnsService?> _dns;
    private Dhcp6Server? _server;
    private LeaseFileLock? _lock;
    private LeaseDiskWriter? _ownWriter;

    /// <param name="ownsLeaseFile">
    /// True: this service owns the lease file (locks it and writes it, keeping its IPv4 lines). False: leases are kept
    /// in memory only (the file is read at start).
    /// </param>
    /// <param name="dns">
    /// The DNS service that answers for leased names now (null when DNS is off); a function, because a reload may
    /// replace the DNS service while this one keeps running. Null: names are not published.
    /// </param>
    public Dhcp6Service(PintConfig config, string leaseFile, bool ownsLeaseFile, IPintLog log, int? serverPort = null, int? clientPort = null,
        Func<DnsService?>? dns = null)
        : this(config, leaseFile, ownsLeaseFile, log, serverPort, clientPort, dns, sharedWriter: null)
    {
    }

    /// <param name="sharedWriter">
    /// With <paramref name="ownsLeaseFile"/> false: the writer of the DHCPv4 lease store that owns the file now, asked
    /// at each commit (a reload may restart that service); DHCPv6 leases are committed through it.
    /// </param>
    internal Dhcp6Service(PintConfig config, string leaseFile, bool ownsLeaseFile, IPintLog log, int? serverPort, int? clientPort,
        Func<DnsService?>? dns, Func<LeaseDiskWriter?>? sharedWriter)
    {
        _dns = dns ?? (() => null);
        _config = config;
        _leaseFile = leaseFile;
        _ownsLeaseFile = ownsLeaseFile;
        _sharedWriter = ownsLeaseFile ? null : sharedWriter;
        _log = log;
        _serverPort = serverPort;
        _clientPort = clientPort;
    }

    public string Name => "dhcp6";

    public string LeaseFile => _leaseFile;

    /// <summary>True while this service holds the lease file itself (no DHCPv4 service serves from it).</summary>
    public bool OwnsLeaseFile => _ownsLeaseFile;

    /// <summary>The server DUID in use while running.</summary>
    public byte[]? ServerDuid { get; private set; }

    /// <summary>The options the next exchange is answered with; null while stopped.</summary>
    public Dhcp6ServerOptions? Options => _server?.Options;

    /// <summary>The config being served.</summary>
    public PintConfig Config => _config;

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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_ownsLeaseFile) _lock = LeaseFileLock.Acquire(_leaseFile);
        try
        {
            var contents = Dhcp6LeaseFile.Read(_leaseFile);
            foreach (var p in contents.Problems) _log.Write(PintLogLevel.Warning, Name, p);
            var now = DateTimeOffset.UtcNow;
            var duid = contents.ServerDuid ?? Dhcp6Duid.CreateLlt(ServerMac(), now);
            ServerDuid = duid;
            var duidLine = Dhcp6JournalWriter.DuidLine(duid);
            var table = new Dhcp6LeaseTable();
            foreach (var lease in contents.Leases.Where(l => !l.IsExpiredAt(now))) table.Apply(new Dhcp6LeaseChange(Dhcp6LeaseChangeKind.Bind, lease), TimeSpan.Zero);
            var options = Dhcp6ServerOptions.FromConfig(_config, duid);
            if (_serverPort is { } sp) options = options with { ServerPort = sp };
            if (_clientPort is { } cp) options = options with { ClientPort = cp };
            Func<LeaseDiskWriter?>? writer = null;
            if (_ownsLeaseFile)
            {
                // This service's own writer: the file's IPv4 lines kept, the duid line there before the first client.
                var own = new LeaseDiskWriter(_leaseFile, contents.IPv4Leases, duidLine, table.Snapshot().Select(Dhcp6LeaseFile.FormatLine).ToList());
                _ownWriter = own;
                writer = () => own;
            }
            else if (_sharedWriter is { } shared)
            {
                writer = shared;
                if (shared() is { } disk)
                {
                    // The duid line durable before the first ADVERTISE names it; expired bindings leave the file.
                    disk.ForgetDhcp6(contents.Leases.Where(l => l.IsExpiredAt(now)).Select(l => new Dhcp6Record(l.Address.ToString(), Dhcp6LeaseFile.FormatLine(l))).ToList());
                    try { await disk.AppendDhcp6Async(duidLine, []).ConfigureAwait(false); }
                    catch (Exception e) when (e is IOException or ObjectDisposedException)
                    {
                        // The DHCPv4 service is stopping or its disk fails: every commit says so again, and no REPLY goes out unrecorded.
                        _log.Write(PintLogLevel.Warning, Name, $"cannot record the server DUID in {_leaseFile}: {e.Message}");
                    }
                }
                else
                    _log.Write(PintLogLevel.Warning, Name, $"the DHCPv4 service that owns {_leaseFile} is not running: no DHCPv6 lease is granted until it is");
            }
            else
                _log.Write(PintLogLevel.Warning, Name, $"DHCPv6 leases are kept in memory only ({_leaseFile} is not written)");
            Dhcp6LeaseNames names = new(new DnsLeaseNames(() => _dns()?.Server.DhcpNames, () => Options?.Domain ?? options.Domain),
                () => Options?.Domain ?? options.Domain, () => _dns()?.Server.DhcpNames);
            names.PublishAll(table);
            _server = new Dhcp6Server(options, table)
            {
                Names = names,
                LeaseWriter = writer is null ? null : new Dhcp6JournalWriter(writer, duid, _leaseFile),
                // Read at each exchange: a reload may turn quiet-dhcp on or off.
                TransactionLog = line => { if (!_config.Dhcp.QuietDhcp) _log.Write(PintLogLevel.Information, Name, line); },
                Warning = line => _log.Write(PintLogLevel.Warning, Name, line),
            };
            _server.Start();
            if (_server.Links.Count == 0)
                _log.Write(PintLogLevel.Warning, Name, "no interface has an address on a configured IPv6 range's prefix: nothing is served until one does");
            _log.Write(PintLogLevel.Information, Name, $"server DUID {Dhcp6Duid.Format(duid)}, {table.Count} lease(s) loaded from {_leaseFile}");
        }
        catch
        {
            if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
            _server = null;
            if (_ownWriter is { } own) await own.DisposeAsync().ConfigureAwait(false);
            _ownWriter = null;
            _lock?.Dispose();
            _lock = null;
            throw;
        }
    }

    /// <summary>
    /// Takes a reloaded config in place: the next exchange sees the new ranges, options and hosts (and quiet-dhcp,
    /// domain), while the socket, the lease table and the lease file stay. False (restart me) when the lease file
    /// moves or changes owner (DHCPv4 starts or stops serving from it), or while stopped.
    /// </summary>
    public bool TryReconfigure(PintSetupResult setup, PintHostOptions options, IPintLog log)
    {
        var config = setup.Config;
        if (_server is not { } server) return false;
        var leaseFile = LeaseCatalog.LeaseFilePath(config, options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!string.Equals(Path.GetFullPath(leaseFile), Path.GetFullPath(_leaseFile), StringComparison.Ordinal)) return false;
        if (IsOwnerOfLeaseFile(config) != IsOwnerOfLeaseFile(_config)) return false;
        var current = server.Options;
        // Ports are not config lines (tests choose them): keep the ones the socket was opened with.
        var mapped = Dhcp6ServerOptions.FromConfig(config, current.ServerDuid) with { ServerPort = current.ServerPort, ClientPort = current.ClientPort };
        if (!server.Reconfigure(mapped)) return false;
        _config = config;
        return true;
    }

    /// <summary>Whether the DHCPv6 service owns the lease file for <paramref name="config"/>: unless DHCPv4 serves from it.</summary>
    private static bool IsOwnerOfLeaseFile(PintConfig config) => !config.Dhcp.Enabled || config.Dhcp.LeaseStore.Kind == LeaseStoreKind.PostgreSql;

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
        // The last snapshot holds every durable lease; the journal goes.
        if (_ownWriter is { } writer) await writer.DisposeAsync().ConfigureAwait(false);
        _ownWriter = null;
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
    private sealed class DnsLeaseNames(Func<DynamicNames?> names, Func<string?> domain) : ILeaseNameSink
    {
        public void Add(string fqdn, IPAddress address)
        {
            try { names()?.AddOrUpdate(Bare(fqdn), address); }
            catch (Exception e) when (e is ArgumentException or FormatException) { } // a name DNS cannot carry is simply not served
        }

        public void Remove(string fqdn) => names()?.Remove(Bare(fqdn), System.Net.Sockets.AddressFamily.InterNetworkV6);

        private string Bare(string fqdn) =>
            domain() is { } d && "." + d.TrimEnd('.') is var suffix && fqdn.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                ? fqdn[..^suffix.Length]
                : fqdn;
    }

    /// <summary>The service for a config with IPv6 ranges; it owns the lease file unless DHCPv4 serves from it too.</summary>
    /// <param name="dns">The DNS service that names leased hosts now (see the constructor); null: names are not published.</param>
    /// <remarks>Without the DHCPv4 writer (see the internal overload) a config serving DHCPv4 too keeps DHCPv6 leases in memory.</remarks>
    public static Dhcp6Service Create(PintConfig config, string workingDirectory, IPintLog log, Func<DnsService?>? dns = null) =>
        Create(config, workingDirectory, log, dns, sharedWriter: null);

    /// <param name="sharedWriter">
    /// The writer of the running DHCPv4 service's lease store (asked at each commit): when DHCPv4 serves from the lease
    /// file, DHCPv6 leases are committed through it, into the same journal and file.
    /// </param>
    internal static Dhcp6Service Create(PintConfig config, string workingDirectory, IPintLog log, Func<DnsService?>? dns, Func<LeaseDiskWriter?>? sharedWriter) =>
        new(config, LeaseCatalog.LeaseFilePath(config, workingDirectory), ownsLeaseFile: IsOwnerOfLeaseFile(config), log, null, null, dns, sharedWriter);
}
