using System.Management.Automation;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Makes a running server re-read its config files now (it also does so by itself within a second or two of a
/// change). A broken config is not applied: the server keeps serving the last good one and the error is shown.
/// </summary>
[Cmdlet(VerbsData.Update, "PintServer", SupportsShouldProcess = true)]
[OutputType(typeof(PintServerInfo))]
public sealed class UpdatePintServerCommand : PintServerCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var wanted = WantedConfig;
        foreach (var s in SessionServers())
        {
            if (!ShouldProcess(s.Host.ConfigPath, "Reload config")) continue;
            var result = s.Host.ReloadAsync().GetAwaiter().GetResult();
            // What the reload (and the server since the last cmdlet that wrote its log) logged; a refusal is this
            // cmdlet's own error below, so its log line is not told again as a warning.
            WriteServerLog(s.Log, e => result is { Applied: false, Error: { } error } && e is { Level: PintLogLevel.Error, Category: "config" } && e.Message.EndsWith(error, StringComparison.Ordinal));
            Report(result.Applied ? null : result.Error, s.Host.ConfigPath);
            if (PassThru) WriteObject(PintServerInfo.From(s.Host));
        }
        if (wanted is not null && ServerRegistry.TryGet(wanted, out _)) return;
        var socket = SocketPath;
        if (!ControlClient.IsAvailable(socket) || !ShouldProcess(socket, "Reload config of the local service")) return;
        try
        {
            if (LocalService.TryCall<ServerStatus>(socket, "reload") is { } status)
            {
                Report(status.LastReload is { Applied: false } r ? r.Error : null, status.ConfigPath);
                if (PassThru) WriteObject(PintServerInfo.From(status, socket));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            WriteNonTerminating(new InvalidOperationException($"The Pint service on '{socket}' did not reload: {e.Message}", e), "ControlChannelFailed", ErrorCategory.ConnectionError, socket);
        }
    }

    private void Report(string? error, string configPath)
    {
        if (error is null) WriteVerbose($"Reloaded {configPath}.");
        else WriteNonTerminating(new FormatException($"Not reloaded, still serving the last good config: {error}"), "ReloadRefused", ErrorCategory.InvalidData, configPath);
    }
}
