using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>
/// Runs the services a config asks for (DNS, DHCP, TFTP) in this process: loads the config, refuses one with
/// errors before binding anything, starts the services in order and stops them in reverse.
/// </summary>
public sealed class PintServerHost : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly IPintLog _log;
    private List<IPintService> _services = new();
    private PintServerState _state = PintServerState.Stopped;

    private readonly PintHostOptions _options;

    private PintServerHost(string configPath, ConfigLoadResult loaded, PintHostOptions options, IPintLog log)
    {
        _options = options;
        ConfigPath = configPath;
        Config = loaded.Config;
        Diagnostics = loaded.Diagnostics;
        _log = log;
    }

    public string ConfigPath { get; }

    public PintConfig Config { get; }

    /// <summary>Warnings (and informations) from the load; a config with errors never gets this far.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    public PintServerState State { get { lock (_gate) return _state; } }

    public DateTimeOffset? StartedAt { get; private set; }

    public IReadOnlyList<IPintService> Services { get { lock (_gate) return _services.ToArray(); } }

    /// <summary>Loads <paramref name="configPath"/>; throws <see cref="PintConfigException"/> naming the first bad line.</summary>
    public static PintServerHost Load(string configPath, PintHostOptions? options = null, IPintLog? log = null)
    {
        options ??= new PintHostOptions();
        if (!File.Exists(configPath))
            throw new FileNotFoundException($"Config file '{configPath}' does not exist.", configPath);
        var loaded = ConfigLoader.Load(configPath, new ConfigLoadOptions { AllowUnsupported = options.AllowUnsupported, WorkingDirectory = options.WorkingDirectory });
        if (loaded.HasErrors) throw new PintConfigException(loaded.Diagnostics);
        return new PintServerHost(configPath, loaded, options, log ?? NullPintLog.Instance);
    }

    /// <summary>Builds and starts every service. If one fails to start, those already started are stopped again.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state is not (PintServerState.Stopped or PintServerState.Faulted))
                throw new InvalidOperationException($"The server for '{ConfigPath}' is {_state}.");
            _state = PintServerState.Starting;
        }
        foreach (var d in Diagnostics) _log.Write(d.Severity == DiagnosticSeverity.Error ? PintLogLevel.Error : PintLogLevel.Warning, "config", d.ToString());
        var started = new List<IPintService>();
        try
        {
            foreach (var service in ServiceComposer.Compose(Config, _options, _log))
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
                started.Add(service);
                _log.Write(PintLogLevel.Information, service.Name, $"started, listening on {string.Join(", ", service.Endpoints)}");
            }
        }
        catch
        {
            await StopServicesAsync(started).ConfigureAwait(false);
            lock (_gate) _state = PintServerState.Faulted;
            throw;
        }
        lock (_gate)
        {
            _services = started;
            _state = PintServerState.Running;
        }
        StartedAt = DateTimeOffset.Now;
    }

    public async Task StopAsync()
    {
        List<IPintService> services;
        lock (_gate)
        {
            if (_state != PintServerState.Running) return;
            _state = PintServerState.Stopping;
            services = _services;
        }
        await StopServicesAsync(services).ConfigureAwait(false);
        lock (_gate)
        {
            _services = new();
            _state = PintServerState.Stopped;
        }
        _log.Write(PintLogLevel.Information, "host", "stopped");
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
