using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Options;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Script;
using Pint.Engine.Dhcp.Server;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Dns;
using Pint.Engine.Hosting.Control;
using Pint.Engine.Management;

namespace Pint.Engine.Hosting;

/// <summary>
/// The DHCPv4 server as a host service: opens the lease file, serves the config's ranges, and names leased hosts
/// in the DNS service started before it (when DNS runs). A reload changes ranges, reservations and options in
/// place (<see cref="TryReconfigure"/>); the control channel lists and removes live leases (<see cref="TryHandleAsync"/>).
/// </summary>
public sealed class DhcpService : IPintService, IReconfigurable, IServiceControl
{
    /// <summary>Control command: the live lease table, as a list of <see cref="PintLease"/>.</summary>
    public const string LeasesCommand = "leases";

    /// <summary>Control command: ends the lease of argument <c>ip</c>; answers the removed <see cref="PintLease"/>.</summary>
    public const string RemoveLeaseCommand = "remove-lease";

    /// <summary>Control command: per-range use, as a list of <see cref="PintDhcpScopeStatistics"/>.</summary>
    public const string StatisticsCommand = "dhcp-statistics";

    private readonly string _leaseFile;
    private readonly Func<DnsService?> _dns;
    private readonly IPintLog _log;
    private readonly IPAddress? _bindAddress;
    private volatile Serving _serving;
    private LeaseStore? _leases;
    private DhcpServer? _server;
    private LeaseScriptRunner? _script;

    // The config and the options mapped from it change together on a reload.
    private sealed record Serving(PintConfig Config, DhcpServerOptions Options);

    /// <param name="config">The config the options come from: lease states and statistics read its reservations and ranges.</param>
    /// <param name="leaseFile">The dnsmasq-format lease file (created when missing).</param>
    /// <param name="dns">
    /// The DNS service that answers for leased names now (null when DNS is off). A function, because a reload may
    /// replace the DNS service while DHCP keeps running.
    /// </param>
    /// <param name="bindAddress">Where to listen; null = every interface (a real server).</param>
    public DhcpService(PintConfig config, DhcpServerOptions options, string leaseFile, Func<DnsService?> dns, IPintLog log, IPAddress? bindAddress = null)
    {
        _serving = new Serving(config, options);
        _leaseFile = leaseFile;
        _dns = dns;
        _log = log;
        _bindAddress = bindAddress;
    }

    public string Name => "dhcp";

    /// <summary>The options the next exchange is served with.</summary>
    public DhcpServerOptions Options => _serving.Options;

    /// <summary>The config being served.</summary>
    public PintConfig Config => _serving.Config;

    /// <summary>The live lease table while the service runs; null before start and after stop.</summary>
    public LeaseStore? Leases => _leases;

    public string LeaseFile => _leaseFile;

    /// <summary>The dhcp-script runner while the service runs (it idles when no script is configured); null when stopped.</summary>
    public LeaseScriptRunner? LeaseScript => _script;

    public IReadOnlyList<string> Endpoints => _server is { } s ? [$"udp/{s.LocalEndPoint}"] : [];

    public IReadOnlyDictionary<string, long> Counters
    {
        get
        {
            if (_server?.Counters.Snapshot() is not { } values) return new Dictionary<string, long>();
            values["leases"] = _leases?.Count ?? 0;
            values["fsyncs"] = _leases?.FsyncCount ?? 0;
            return values;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var names = new DnsLeaseNames(() => _dns()?.Server.DhcpNames, () => Options.Domain);
        var leases = Config.Dhcp.LeaseStore.Kind == LeaseStoreKind.PostgreSql ? OpenShared(names) : LeaseStore.Open(_leaseFile, DateTimeOffset.UtcNow);
        foreach (var d in leases.LoadDiagnostics) _log.Write(PintLogLevel.Warning, Name, d.ToString());
        // Created even without a script, so that a reload adding dhcp-script takes effect in place.
        var script = new LeaseScriptRunner(Options.LeaseScript, Options.LeaseScriptUser, _log, Name);
        try
        {
            PublishNames(leases, names);
            if (script.Enabled) QueueStartupScript(leases, script);
            // dnsmasq logs every DHCP transaction unless quiet-dhcp.
            _server = new DhcpServer(Options, leases, names, _bindAddress)
            {
                TransactionLog = Config.Dhcp.QuietDhcp ? null : line => _log.Write(PintLogLevel.Information, Name, line),
                LeaseScript = script,
            };
        }
        catch
        {
            script.DisposeAsync().AsTask().GetAwaiter().GetResult();
            leases.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        _script = script;
        _leases = leases;
        _server.Start();
        if (leases.Shared is { } shared)
        {
            shared.Start(granted => { leases.AddGrantedElsewhere(granted); PublishNames(granted, names); }, SharedSyncInterval);
            _log.Write(PintLogLevel.Information, Name, $"{leases.Count} lease(s) loaded from the lease database as server '{shared.ServerId}'");
        }
        else _log.Write(PintLogLevel.Information, Name, $"{leases.Count} lease(s) loaded from {_leaseFile}");
        return Task.CompletedTask;
    }

    // How often a server on a shared lease database reads the leases the others granted (their addresses then stay
    // out of its offers; a claim in the database stops a double lease either way).
    private static readonly TimeSpan SharedSyncInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// pint-lease-store=postgresql: the schema made or migrated, the live leases read, renewals queued while the
    /// database is away journaled beside the lease file. A database unreachable at start is not fatal: the table fills
    /// once it answers, and until then no new lease is granted.
    /// </summary>
    private LeaseStore OpenShared(ILeaseNameSink names)
    {
        var dhcp = Config.Dhcp;
        var serverId = dhcp.EffectiveServerId;
        var backend = new Dhcp.Leases.Postgres.PostgresLeaseBackend(new() { ConnectionString = dhcp.LeaseStore.ConnectionString!, ServerId = serverId });
        var offline = new Dhcp.Leases.Postgres.OfflineRenewalQueue(serverId, _leaseFile + ".offline");
        var ledger = new Dhcp.Leases.Postgres.SharedLeaseLedger(backend, offline,
            dhcp.Failovers.Select(f => (f.Name, f.Settings, f.ScopeIds)),
            address => DhcpScopeId.TextOf(address, Options.Ranges),
            message => _log.Write(PintLogLevel.Warning, Name, message));
        IReadOnlyList<DhcpLease> live;
        try
        {
            live = ledger.OpenAsync().GetAwaiter().GetResult();
        }
        catch (Dhcp.Leases.Postgres.LeaseBackendUnavailableException unavailable)
        {
            _log.Write(PintLogLevel.Warning, Name, $"lease database unreachable at start ({unavailable.Message}); no new leases until it answers");
            live = [];
        }
        catch
        {
            ledger.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return LeaseStore.OpenShared(ledger, live, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Names every held lease in DNS again: after a restart of this service, or of the DNS service beside it
    /// (a reload that changed DNS's listen addresses), the leased names must answer at once, not at the next renewal.
    /// </summary>
    public void PublishNames()
    {
        if (_leases is { } leases) PublishNames(leases, new DnsLeaseNames(() => _dns()?.Server.DhcpNames, () => Options.Domain));
    }

    /// <summary>
    /// dnsmasq 2.90 (without leasefile-ro) runs the script at start-up for the lease file's leases: "del" for those that
    /// ran out while it was down, then "old" for each live one, marked DNSMASQ_DATA_MISSING=1 (nothing but the file's
    /// fields is known). "init" belongs to leasefile-ro, which Pint does not have.
    /// </summary>
    private void QueueStartupScript(LeaseStore leases, LeaseScriptRunner script)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var lease in leases.ExpiredAtOpen) script.Enqueue(LeaseScriptEvents.ExpiredAtStartup(lease));
        var networks = LeaseScriptEvents.Networks();
        foreach (var lease in leases.Snapshot())
        {
            var nic = LeaseScriptEvents.InterfaceFor(lease.Address, networks);
            if (nic is not null) script.Interfaces[lease.Address] = nic;
            script.Enqueue(LeaseScriptEvents.AtStartup(lease, nic, Options.Domain, now));
        }
    }

    private void PublishNames(LeaseStore leases, ILeaseNameSink names) => PublishNames(leases.Snapshot(), names);

    private void PublishNames(IReadOnlyList<DhcpLease> leases, ILeaseNameSink names)
    {
        foreach (var lease in leases)
            if (lease.HostName is { } host) names.Add(DhcpDecisionEffects.Qualify(host, Options.Domain), lease.Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server) await server.DisposeAsync().ConfigureAwait(false);
        if (_script is { } script) await script.DisposeAsync().ConfigureAwait(false);
        if (_leases is { } leases) await leases.DisposeAsync().ConfigureAwait(false);
        _server = null;
        _script = null;
        _leases = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <summary>
    /// Takes a reloaded config in place: the next exchange sees the new ranges, reservations and options, while the
    /// socket, the lease table and the lease file stay open. False (restart me) only when the lease file moves.
    /// A DHCP option that no longer encodes never gets here: the host refuses the whole reload, naming the line.
    /// </summary>
    public bool TryReconfigure(PintSetupResult setup, PintHostOptions options, IPintLog log)
    {
        var config = setup.Config;
        // A setup with errors never gets here (the host refuses the reload); were it to, keep serving what we have.
        if (setup.Dhcp is not { } mapped) return true;
        var leaseFile = LeaseCatalog.LeaseFilePath(config, options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!string.Equals(Path.GetFullPath(leaseFile), Path.GetFullPath(_leaseFile), StringComparison.Ordinal)) return false;
        // Another lease store, server id or failover relationship: the store and its background work are made anew.
        if (!SameSharing(Config.Dhcp, config.Dhcp)) return false;
        var current = Options;
        // Ports are not config lines (tests and the host choose them): keep the ones the socket was opened with.
        mapped = mapped with { ServerPort = current.ServerPort, RelayPort = current.RelayPort, ClientPort = current.ClientPort };
        if (_server is { } server && !server.Reconfigure(mapped)) return false;
        _script?.Configure(mapped.LeaseScript, mapped.LeaseScriptUser);
        _serving = new Serving(config, mapped);
        return true;
    }

    private static bool SameSharing(DhcpConfig a, DhcpConfig b) =>
        a.LeaseStore.Kind == b.LeaseStore.Kind && a.LeaseStore.ConnectionString == b.LeaseStore.ConnectionString
        && a.EffectiveServerId == b.EffectiveServerId
        && a.Failovers.Select(f => (f.Name, f.Settings, string.Join(",", f.ScopeIds))).SequenceEqual(b.Failovers.Select(f => (f.Name, f.Settings, string.Join(",", f.ScopeIds))));

    /// <summary>The live lease table as lease objects; empty while the service is stopped.</summary>
    public IReadOnlyList<PintLease> LiveLeases(DateTimeOffset now)
    {
        if (_leases is not { } leases) return [];
        // A shared store: the database holds every server's leases; this table may lag the partner's by a second.
        if (leases.Shared is not null && LeaseCatalog.ReadShared(Config, now) is { Diagnostics.Count: 0 } shared) return shared.Leases;
        return LeaseCatalog.Live(Config, leases, now);
    }

    /// <summary>Per-range use of the live table.</summary>
    public IReadOnlyList<PintDhcpScopeStatistics> Statistics(DateTimeOffset now) =>
        DhcpStatistics.Compute(Config, _leases?.Snapshot() ?? [], now);

    /// <summary>
    /// Ends the lease on <paramref name="address"/> as a DHCPRELEASE would: durably (journaled and fsync'ed before
    /// this completes) and with its name withdrawn from DNS. Null when no lease holds the address.
    /// </summary>
    /// <exception cref="InvalidOperationException">The service is not running.</exception>
    public async Task<PintLease?> RemoveLeaseAsync(IPAddress address)
    {
        var leases = _leases ?? throw new InvalidOperationException("The DHCP service is not running.");
        var now = DateTimeOffset.UtcNow;
        var released = await leases.ReleaseAsync(address).ConfigureAwait(false);
        if (released is null) return null;
        if (released.HostName is { } host)
            new DnsLeaseNames(() => _dns()?.Server.DhcpNames, () => Options.Domain).Remove(DhcpDecisionEffects.Qualify(host, Options.Domain));
        if (_script is { Enabled: true } script)
        {
            script.Interfaces.TryRemove(released.Address, out var nic);
            script.Enqueue(LeaseScriptEvents.Ended(released, nic, Options.Domain));
        }
        _log.Write(PintLogLevel.Information, Name, $"lease of {released.Address} ({released.HardwareAddress}) removed by the administrator");
        return LeaseCatalog.ToPintLease(Config, released, now);
    }

    public async Task<ControlResponse?> TryHandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        switch (request.Command)
        {
            case LeasesCommand:
                return ControlResponse.Success(LiveLeases(now));
            case StatisticsCommand:
                return ControlResponse.Success(Statistics(now));
            case RemoveLeaseCommand:
                var text = request.Argument("ip");
                if (text is null || !IPAddress.TryParse(text, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                    return ControlResponse.Failure($"remove-lease needs an IPv4 address in argument \"ip\" (got '{text}').");
                return await RemoveLeaseAsync(address).ConfigureAwait(false) is { } removed
                    ? ControlResponse.Success(removed)
                    : ControlResponse.Failure($"No lease holds {address}.");
            default:
                return null;
        }
    }

    /// <summary>Builds the service for a config and its setup's options; lease file from dhcp-leasefile= (relative to <paramref name="workingDirectory"/>).</summary>
    public static DhcpService Create(PintConfig config, DhcpServerOptions options, string workingDirectory, Func<DnsService?> dns, IPintLog log) =>
        new(config, options, LeaseCatalog.LeaseFilePath(config, workingDirectory), dns, log);

    /// <summary>
    /// Feeds lease names to DNS. The DHCP server hands over names qualified with the domain; DNS gets the bare name
    /// so it answers both "host" and "host.domain", as dnsmasq does.
    /// </summary>
    private sealed class DnsLeaseNames(Func<DynamicNames?> names, Func<string?> domain) : ILeaseNameSink
    {

        public void Add(string fqdn, IPAddress address)
        {
            try { names()?.AddOrUpdate(Bare(fqdn), address); }
            catch (Exception e) when (e is ArgumentException or FormatException) { } // a name DNS cannot carry is simply not served
        }

        public void Remove(string fqdn) => names()?.Remove(Bare(fqdn), System.Net.Sockets.AddressFamily.InterNetwork);

        // The domain is read each time: a reload may change it while leases keep their names.
        private string Bare(string fqdn) =>
            domain() is { } d && "." + d.TrimEnd('.') is var suffix && fqdn.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                ? fqdn[..^suffix.Length]
                : fqdn;
    }
}
