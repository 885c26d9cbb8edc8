using System.Management.Automation;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Empties the DNS cache of the Pint servers running in this session and of the local service.</summary>
[Cmdlet(VerbsCommon.Clear, "PintDnsCache", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class ClearPintDnsCacheCommand : PintCmdlet
{
    /// <summary>Only the server of this config file (Get-PintServer output binds here); all running servers otherwise.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ConfigPath { get; set; }

    /// <summary>The control socket of the local service; default $env:PINT_CONTROL, then /run/pint/pint.sock.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    protected override void ProcessRecord()
    {
        var wanted = ConfigPath is null ? null : ResolveConfigPath(ConfigPath);
        var cleared = false;
        foreach (var server in ServerRegistry.All)
        {
            if (wanted is not null && !ServerRegistry.PathComparer.Equals(wanted, server.Host.ConfigPath)) continue;
            foreach (var dns in server.Host.Services.OfType<DnsService>())
            {
                cleared = true;
                if (ShouldProcess(server.Host.ConfigPath, "Clear DNS cache")) dns.Server.ClearCache();
            }
        }
        var socket = LocalService.SocketPath(ControlSocket is null ? null : ResolvePath(ControlSocket));
        if ((wanted is null || !cleared) && ControlClient.IsAvailable(socket) && ShouldProcess(socket, "Clear DNS cache of the local service"))
        {
            try
            {
                if (LocalService.TryCall<DnsService.CacheCleared>(socket, DnsService.ClearCacheCommand) is { Cleared: true }) cleared = true;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                WriteNonTerminating(new InvalidOperationException($"The Pint service on '{socket}' did not clear its cache: {e.Message}", e), "ControlChannelFailed", ErrorCategory.ConnectionError, socket);
                return;
            }
        }
        if (!cleared)
        {
            var what = wanted is null ? "No Pint server with DNS runs in this session or behind " + socket + "." : $"No Pint server for '{wanted}' runs in this session or behind '{socket}'.";
            WriteNonTerminating(new ItemNotFoundException(what), "ServerNotFound", ErrorCategory.ObjectNotFound, ConfigPath);
        }
    }
}
