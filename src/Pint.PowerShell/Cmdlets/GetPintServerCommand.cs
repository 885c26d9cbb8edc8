using System.Management.Automation;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Shows running Pint servers: those started in this PowerShell session, and the local service (Install-PintService
/// or `pint`) reached through its control socket.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintServer")]
[OutputType(typeof(PintServerInfo))]
public sealed class GetPintServerCommand : PintServerCmdlet
{
    protected override void ProcessRecord()
    {
        var wanted = WantedConfig;
        var found = false;
        foreach (var s in SessionServers())
        {
            found = true;
            WriteObject(PintServerInfo.From(s.Host));
        }
        var socket = SocketPath;
        try
        {
            if (LocalService.TryCall<ServerStatus>(socket, "status") is { } status &&
                (wanted is null || ServerRegistry.PathComparer.Equals(wanted, status.ConfigPath)))
            {
                found = true;
                WriteObject(PintServerInfo.From(status, socket));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            WriteNonTerminating(new InvalidOperationException($"The Pint service on '{socket}' did not answer: {e.Message}", e), "ControlChannelFailed", ErrorCategory.ConnectionError, socket);
        }
        if (!found && wanted is not null)
            WriteNonTerminating(new ItemNotFoundException($"No Pint server for '{wanted}' runs in this session or behind '{socket}'."), "ServerNotFound", ErrorCategory.ObjectNotFound, wanted);
    }
}
