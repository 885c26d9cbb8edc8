using Pint.Engine.Config;
using Pint.Engine.Hosting.Control;

namespace Pint.Engine.Hosting;

/// <summary>
/// Runs the services a config asks for (DNS, DHCP, TFTP) in this process: loads the config, refuses one with
/// errors before binding anything, starts the services in order and stops them in reverse. While running it
/// re-reads the config when its files change: a good edit is applied live, a broken one is reported and the
/// last good config keeps serving.
/// </summary>
public sealed class PintServerHost : IControlHandler, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly PintHostOptions _options;
    private readonly IPintLog _hostLog;
    private IPintLog _log;
    private List<IPintService> _services = new();
    private PintServerState _state = PintServerState.Stopped;
    private ConfigWatcher? _watcher;
    private string[] _watched = [];
    private ControlServer? _control;
    // The setup the next start serves: the loaded one until the first start, then none (the services hold what they
    // need, and 20,000 host names need not stay resident twice); a start after a stop takes the config afresh.
    private PintSetupResult? _pendingSetup;
    private string? _pidFile;
    private MetricsExporter? _metrics;
    private InterfaceWatcher? _interfaces;

    private PintServerHost(string configPath, PintSetupResult setup, PintHostOptions options, IPintLog log)
    {
        _options = options;
        _hostLog = log;
        _log = log;
        ConfigPath = configPath;
        Apply(setup);
        _pendingSetup = setup;
    }

    public string ConfigPath { get; }

    /// <summary>The config being served: the last one that loaded without errors.</summary>
    public PintConfig Config { get; private set; } = null!;

    /// <summary>
    /// Warnings (and informations) from the last good load and its setup steps; a config with errors never becomes
    /// current.
    /// </summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; private set; } = [];

    /// <summary>Every file the config was read from: itself, includes, hosts files.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    public PintServerState State { get { lock (_gate) return _state; } }

    public DateTimeOffset? StartedAt { get; private set; }

    public ReloadStatus? LastReload { get; private set; }

    public IReadOnlyList<IPintService> Services { get { lock (_gate) return _services.ToArray(); } }

    /// <summary>
    /// Loads <paramref name="configPath"/> and runs each protocol's setup step; throws <see cref="PintConfigException"/>
    /// naming the first bad line.
    /// </summary>
    public static PintServerHost Load(string configPath, PintHostOptions? options = null, IPintLog? log = null)
    {
        options ??= new PintHostOptions();
        if (!File.Exists(configPath))
            throw new FileNotFoundException($"Config file '{configPath}' does not exist.", configPath);
        var setup = Setup(configPath, options);
        if (setup.HasErrors) throw new PintConfigException(setup.Diagnostics);
        return new PintServerHost(configPath, setup, options, log ?? NullPintLog.Instance);
    }

    /// <summary>The config and its setup steps, exactly as <c>Test-PintConfig</c> sees them.</summary>
    private static PintSetupResult Setup(string path, PintHostOptions options) =>
        PintSetup.Check(path, new ConfigLoadOptions { AllowUnsupported = options.AllowUnsupported, WorkingDirectory = options.WorkingDirectory }, options.System);

    private void Apply(PintSetupResult setup)
    {
        Config = setup.Config;
        Diagnostics = setup.Diagnostics;
        Files = setup.Loaded.Files;
        _watched = WatchList(setup.Loaded);
    }

    /// <summary>
    /// The paths the watcher polls: every file read, and every addn-hosts, dhcp-hostsfile and dhcp-optsfile path whether it exists now or not, so a file
    /// dropped into a hosts directory, or a hosts file deleted and written again, is read when it appears.
    /// </summary>
    private string[] WatchList(ConfigLoadResult loaded)
    {
        var directory = _options.WorkingDirectory ?? Environment.CurrentDirectory;
        return loaded.Files
            .Concat(loaded.Config.Dns.AddnHostsPaths.Concat(loaded.Config.Dhcp.HostsFilePaths).Concat(loaded.Config.Dhcp.OptsFilePaths).Concat(PolledResolvFiles(loaded.Config)).Select(p => Path.GetFullPath(p, directory)))
            .Distinct().ToArray();
    }

    /// <summary>The resolv.conf files whose changes reload the servers, as dnsmasq polls them (none with no-poll or no-resolv).</summary>
    private IEnumerable<string> PolledResolvFiles(PintConfig config) =>
        config.Dns.NoPoll || config.Dns.NoResolv ? []
        : config.Dns.ResolvFiles.Count > 0 ? config.Dns.ResolvFiles
        : _options.System.DefaultResolvFile is { } file ? [file] : [];

    /// <summary>Builds and starts every service. If one fails to start, those already started are stopped again.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state is not (PintServerState.Stopped or PintServerState.Faulted))
                throw new InvalidOperationException($"The server for '{ConfigPath}' is {_state}.");
            _state = PintServerState.Starting;
        }
        var started = new List<IPintService>();
        try
        {
            var setup = _pendingSetup ?? Setup(ConfigPath, _options);
            _pendingSetup = null;
            if (setup.HasErrors) throw new PintConfigException(setup.Diagnostics);
            Apply(setup);
            _log = LogFacility.Create(Config.Dns.LogFacility, _options.WorkingDirectory ?? Environment.CurrentDirectory, _hostLog, _options.LogFacilityStandardError);
            LogDiagnostics();
            // While starting, "running" services are the ones started so far: DNS is up before DHCP asks for it.
            lock (_gate) _services = started;
            foreach (var plan in ServiceComposer.Plan(setup, _options, _log, Running))
            {
                var service = await StartServiceAsync(plan, cancellationToken).ConfigureAwait(false);
                lock (_gate) started.Add(service);
            }
            // Written once serving: a tool that waits for the pid file finds the ports bound. Kept until stop, as
            // dnsmasq does not move it on a reload either.
            if (Config.Dns.PidFile is { } pidFile)
            {
                _pidFile = Path.GetFullPath(pidFile, _options.WorkingDirectory ?? Environment.CurrentDirectory);
                PidFile.Write(_pidFile);
            }
            if (_options.ControlSocket is { } socket)
            {
                // Serving matters more than being managed: without the channel the server still runs, and says why.
                try
                {
                    _control = new ControlServer(socket, this, _log);
                    _control.Start();
                    _log.Write(PintLogLevel.Information, "control", $"control channel on {socket}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    _log.Write(PintLogLevel.Warning, "control", $"no control channel on {socket}: {e.Message}");
                }
            }
        }
        catch
        {
            await StopServicesAsync(started).ConfigureAwait(false);
            _pidFile = null;
            lock (_gate)
            {
                _services = new();
                _state = PintServerState.Faulted;
            }
            throw;
        }
        if (_options.MetricsEndpoint is { } metrics) _metrics = MetricsExporter.TryStart(metrics, _log);
        lock (_gate)
        {
            _services = started;
            _state = PintServerState.Running;
        }
        StartedAt = DateTimeOffset.Now;
        if (_options.WatchConfig) _watcher = new ConfigWatcher(_watched, () => ReloadAsync());
        if (Config.Dns.BindDynamic) _interfaces = new InterfaceWatcher(() => Config.Dns, _options.System, () => ReloadAsync());
    }

    private async Task<IPintService> StartServiceAsync(ServicePlan plan, CancellationToken cancellationToken)
    {
        IPintService service;
        try
        {
            service = plan.Create();
        }
        catch (Exception e) when (PortInUse(e))
        {
            throw new InvalidOperationException(DescribePortInUse(plan, e), e);
        }
        try
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await service.DisposeAsync().ConfigureAwait(false);
            if (PortInUse(e)) throw new InvalidOperationException(DescribePortInUse(plan, e), e);
            throw;
        }
        _log.Write(PintLogLevel.Information, service.Name, $"started, listening on {string.Join(", ", service.Endpoints)}");
        return service;
    }

    /// <summary>
    /// Re-reads the config. With errors, nothing changes and the error is kept in <see cref="LastReload"/>.
    /// Otherwise each service takes the new config in place when it can, and is restarted when it cannot
    /// (different listen addresses, say); services the config no longer asks for stop, new ones start.
    /// </summary>
    public async Task<ReloadStatus> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State != PintServerState.Running) return LastReload = new ReloadStatus(DateTimeOffset.Now, false, "The server is not running.");
            var setup = Setup(ConfigPath, _options);
            if (setup.HasErrors)
            {
                var error = setup.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error).ToString();
                _log.Write(PintLogLevel.Error, "config", $"reload refused, still serving the last good config: {error}");
                _watcher?.Watch(WatchList(setup.Loaded).Union(_watched).ToArray());
                return LastReload = new ReloadStatus(DateTimeOffset.Now, false, error);
            }
            Apply(setup);
            _watcher?.Watch(_watched);
            // What the new files say (a hosts file gone, a cut last line) is told on every reload, as dnsmasq does on SIGHUP.
            LogDiagnostics();

            var current = Services.ToList();
            var next = new List<IPintService>();
            var restarted = new List<string>();
            foreach (var plan in ServiceComposer.Plan(setup, _options, _log, Running))
            {
                var existing = current.FirstOrDefault(s => s.Name == plan.Name);
                if (existing is not null) current.Remove(existing);
                if (existing is IReconfigurable r && r.TryReconfigure(setup, _options, _log))
                {
                    next.Add(existing);
                    continue;
                }
                if (existing is not null)
                {
                    await StopServicesAsync([existing]).ConfigureAwait(false);
                    _log.Write(PintLogLevel.Information, existing.Name, "restarting for the new config");
                }
                // DHCPv4 starting beside a DHCPv6 service that holds the lease file alone: that one lets go first (its own
                // plan, later in this loop, starts it again writing through the DHCPv4 store).
                if (plan.Name == "dhcp" && existing is null && current.OfType<Dhcp6Service>().FirstOrDefault(d => d.OwnsLeaseFile) is { } holder)
                {
                    current.Remove(holder);
                    await StopServicesAsync([holder]).ConfigureAwait(false);
                    _log.Write(PintLogLevel.Information, holder.Name, "restarting: the DHCPv4 service now owns the lease file");
                }
                try
                {
                    var service = await StartServiceAsync(plan, cancellationToken).ConfigureAwait(false);
                    next.Add(service);
                    restarted.Add(service.Name);
                    // Swap it in at once, so services after it (DHCP after DNS) find the new one.
                    lock (_gate) _services = next.Concat(current).ToList();
                }
                catch (Exception e)
                {
                    _log.Write(PintLogLevel.Error, plan.Name, $"could not start with the new config: {e.Message}");
                }
            }
            await StopServicesAsync(current).ConfigureAwait(false);
            lock (_gate) _services = next;
            // A new DNS service knows no leased names yet: the DHCP service that kept running names them again.
            if (restarted.Contains("dns"))
            {
                foreach (var dhcp in next.OfType<DhcpService>()) dhcp.PublishNames();
                foreach (var dhcp6 in next.OfType<Dhcp6Service>()) dhcp6.PublishNames();
            }
            _log.Write(PintLogLevel.Information, "config", $"reloaded {ConfigPath}");
            return LastReload = new ReloadStatus(DateTimeOffset.Now, true, null);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private void LogDiagnostics()
    {
        // A note (a hosts file's last line without a line break) is no warning: a host shows it only when asked.
        foreach (var d in Diagnostics)
            _log.Write(d.Severity == DiagnosticSeverity.Information ? PintLogLevel.Information : PintLogLevel.Warning, "config", d.ToString());
    }

    private static bool PortInUse(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }) return true;
        return false;
    }

    /// <summary>"dns: port 53 (udp) is already in use by dnsmasq (pid 812)": the port, and the holder where the OS tells.</summary>
    private static string DescribePortInUse(ServicePlan plan, Exception e)
    {
        foreach (var (protocol, port) in plan.Ports)
        {
            if (PortOwner.Describe(protocol, port) is { } holder)
                return $"{plan.Name}: port {port} ({protocol}) is already in use by {holder}";
        }
        var first = plan.Ports.Count > 0 ? $" port {plan.Ports[0].Port}" : "";
        return $"{plan.Name}: cannot listen,{first} is already in use ({e.Message})";
    }

    private IPintService? Running(string name)
    {
        lock (_gate) return _services.FirstOrDefault(s => s.Name == name);
    }

    public ServerStatus Status() => new(
        ConfigPath,
        State,
        StartedAt,
        Services.Select(s => new ServiceStatus(s.Name, s.Endpoints, s.Counters)).ToArray(),
        Diagnostics.Select(d => d.ToString()).ToArray(),
        LastReload,
        Environment.ProcessId);

    /// <summary>Control requests: status and reload here; anything else goes to the service that knows it.</summary>
    public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        switch (request.Command)
        {
            case "status":
                return ControlResponse.Success(Status());
            case "reload":
                await ReloadAsync(cancellationToken).ConfigureAwait(false);
                return ControlResponse.Success(Status());
        }
        foreach (var service in Services.OfType<IServiceControl>())
        {
            if (await service.TryHandleAsync(request, cancellationToken).ConfigureAwait(false) is { } answer) return answer;
        }
        return ControlResponse.Failure($"Unknown control command '{request.Command}'.");
    }

    public async Task StopAsync()
    {
        lock (_gate)
        {
            if (_state != PintServerState.Running) return;
            _state = PintServerState.Stopping;
        }
        if (_watcher is not null) await _watcher.DisposeAsync().ConfigureAwait(false);
        if (_interfaces is not null) await _interfaces.DisposeAsync().ConfigureAwait(false);
        _interfaces = null;
        if (_control is not null) await _control.DisposeAsync().ConfigureAwait(false);
        if (_metrics is not null) await _metrics.DisposeAsync().ConfigureAwait(false);
        _metrics = null;
        await _reloadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopServicesAsync(Services.ToList()).ConfigureAwait(false);
        }
        finally
        {
            _reloadGate.Release();
        }
        if (_pidFile is { } pid) PidFile.Remove(pid);
        _pidFile = null;
        lock (_gate)
        {
            _services = new();
            _state = PintServerState.Stopped;
        }
        _log.Write(PintLogLevel.Information, "host", "stopped");
        if (_log is LogFacility facility) await facility.DisposeAsync().ConfigureAwait(false);
        _log = _hostLog;
    }

    private async Task StopServicesAsync(List<IPintService> services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await services[i].StopAsync(timeout.Token).ConfigureAwait(false);
                await services[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // One service failing to stop must not keep the others bound.
                _log.Write(PintLogLevel.Error, services[i].Name, $"stop failed: {e.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
