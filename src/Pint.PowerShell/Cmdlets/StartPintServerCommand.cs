using System.Management.Automation;
using System.Runtime.InteropServices;
using Pint.Engine.Hosting;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Starts the DNS, DHCP and TFTP services a config asks for, in this PowerShell process. Without -Wait it returns
/// once they listen; with -Wait it serves in the foreground until Ctrl+C or SIGTERM and then stops cleanly.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "PintServer", SupportsShouldProcess = true)]
[OutputType(typeof(PintServerInfo))]
public sealed class StartPintServerCommand : PintConfigCmdlet
{
    /// <summary>Serve in the foreground until Ctrl+C or SIGTERM.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Write the server object to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Start even if the config uses dnsmasq options that Pint does not implement yet (they are ignored with a warning).</summary>
    [Parameter]
    public SwitchParameter AllowUnsupported { get; set; }

    /// <summary>
    /// Serve Prometheus metrics at http://ADDRESS:PORT/metrics: "9153" (loopback), "127.0.0.1:9153", "[::1]:9153";
    /// every address only when written out ("0.0.0.0:9153").
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MetricsEndpoint { get; set; }

    private CancellationTokenSource? _stop;

    protected override void EndProcessing()
    {
        var path = ConfigFile;
        if (ServerRegistry.TryGet(path, out var already))
        {
            ThrowTerminating(new InvalidOperationException($"A Pint server for '{path}' is already running in this session (state {already.Host.State}). Stop it with Stop-PintServer first."),
                "ServerAlreadyRunning", ErrorCategory.ResourceExists, path);
        }
        System.Net.IPEndPoint? metrics = null;
        try
        {
            if (MetricsEndpoint is { } text) metrics = Engine.Hosting.MetricsEndpoint.Parse(text);
        }
        catch (FormatException e)
        {
            ThrowTerminating(new ArgumentException(e.Message, nameof(MetricsEndpoint), e), "MetricsEndpointInvalid", ErrorCategory.InvalidArgument, MetricsEndpoint);
        }
        if (!ShouldProcess(path, "Start Pint server")) return;

        // Lines below warning would only reach the verbose stream: queue them only when it is shown.
        var log = new QueueLog { MinimumLevel = VerboseWanted ? PintLogLevel.Debug : PintLogLevel.Warning };
        PintServerHost host;
        try
        {
            // log-facility=- means this session's streams: stderr would bypass -WarningAction and redirection.
            host = PintServerHost.Load(path, new PintHostOptions { AllowUnsupported = AllowUnsupported, WorkingDirectory = WorkingDirectory, LogFacilityStandardError = false, MetricsEndpoint = metrics }, log);
        }
        catch (PintConfigException e)
        {
            ThrowTerminating(e, "ConfigInvalid", ErrorCategory.InvalidData, path);
            return;
        }
        catch (FileNotFoundException e)
        {
            ThrowTerminating(e, "ConfigNotFound", ErrorCategory.ObjectNotFound, path);
            return;
        }

        var running = new RunningServer(host, log);
        if (!ServerRegistry.TryAdd(running))
            ThrowTerminating(new InvalidOperationException($"A Pint server for '{path}' was started concurrently."), "ServerAlreadyRunning", ErrorCategory.ResourceExists, path);
        try
        {
            host.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            ServerRegistry.TryRemove(path, out _);
            WriteServerLog(log);
            ThrowTerminating(new InvalidOperationException($"The Pint server for '{path}' could not start: {e.Message}", e), "ServerStartFailed", ErrorCategory.OpenError, path);
        }
        // The config's warnings are in the log already (the host logs them on every load), so they are told once.
        WriteServerLog(log);
        if (PassThru) WriteObject(PintServerInfo.From(host));
        if (Wait) ServeUntilStopped(running);
    }

    private void ServeUntilStopped(RunningServer running)
    {
        _stop = new CancellationTokenSource();
        // A service manager stops us with SIGTERM: treat it as Ctrl+C so leases and sockets are closed cleanly.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; _stop.Cancel(); });
        try
        {
            while (!_stop.IsCancellationRequested && running.Host.State == PintServerState.Running)
            {
                running.Log.Wait(TimeSpan.FromMilliseconds(500), _stop.Token);
                WriteServerLog(running.Log);
            }
        }
        finally
        {
            running.Host.StopAsync().GetAwaiter().GetResult();
            ServerRegistry.TryRemove(running.Host.ConfigPath, out _);
            // After Ctrl+C (a pipeline stop) the streams can no longer be written.
            if (!Stopping) WriteServerLog(running.Log);
        }
    }

    protected override void StopProcessing() => _stop?.Cancel();
}
