using System.Management.Automation;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Stops Pint servers running in this PowerShell process: all of them, or the one of a config file.</summary>
[Cmdlet(VerbsLifecycle.Stop, "PintServer", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class StopPintServerCommand : PintCmdlet
{
    /// <summary>Only the server of this config file (Get-PintServer output binds here).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ConfigPath { get; set; }

    protected override void ProcessRecord()
    {
        var targets = ConfigPath is null
            ? ServerRegistry.All
            : ServerRegistry.TryGet(ResolveConfigPath(ConfigPath), out var one) ? new[] { one } : Array.Empty<RunningServer>();
        if (ConfigPath is not null && targets.Count == 0)
        {
            WriteNonTerminating(new ItemNotFoundException($"No Pint server for '{ResolveConfigPath(ConfigPath)}' runs in this session."), "ServerNotFound", ErrorCategory.ObjectNotFound, ConfigPath);
            return;
        }
        foreach (var server in targets)
        {
            if (!ShouldProcess(server.Host.ConfigPath, "Stop Pint server")) continue;
            server.Host.StopAsync().GetAwaiter().GetResult();
            ServerRegistry.TryRemove(server.Host.ConfigPath, out _);
            // A server started without -Wait has only queued its log; this is the last chance to tell it.
            WriteServerLog(server.Log);
        }
    }
}
