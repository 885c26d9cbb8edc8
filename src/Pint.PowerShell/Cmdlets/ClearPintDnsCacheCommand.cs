using System.Management.Automation;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Empties the DNS cache of the Pint servers running in this session and of the local service.</summary>
[Cmdlet(VerbsCommon.Clear, "PintDnsCache", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class ClearPintDnsCacheCommand : PintServerCmdlet
{
    protected override void ProcessRecord()
    {
        var wanted = WantedConfig;
        var cleared = false;
        foreach (var server in SessionServers())
        {
            foreach (var dns in server.Host.Services.OfType<DnsService>())
            {
                cleared = true;
                if (ShouldProcess(server.Host.ConfigPath, "Clear DNS cache")) dns.Server.ClearCache();
            }
        }
        var socket = SocketPath;
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
