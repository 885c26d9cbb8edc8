using System.Management.Automation;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// A lease cmdlet that prefers the live server to the lease file: the server of the config running in this session,
/// then the local service behind its control socket, and the file only when neither serves DHCP. A running server
/// owns its lease file (it appends to it as a journal), so the file is read or changed only when no server runs.
/// </summary>
public abstract class PintDhcpCmdlet : PintConfigCmdlet
{
    /// <summary>The control socket of the local service; default $env:PINT_CONTROL, then /run/pint/pint.sock.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    /// <summary>
    /// The running DHCP server for this config, or null. The local service counts when -ControlSocket names it or
    /// when it serves the same config file.
    /// </summary>
    internal LiveDhcp? FindLiveServer()
    {
        if (ServerRegistry.TryGet(ConfigFile, out var running)
            && running.Host.Services.OfType<DhcpService>().FirstOrDefault() is { Leases: not null } dhcp)
            return LiveDhcp.InProcess(dhcp, running.Host.Services.OfType<Dhcp6Service>().FirstOrDefault());

        var socket = LocalService.SocketPath(ControlSocket is null ? null : ResolvePath(ControlSocket));
        ServerStatus? status;
        try
        {
            status = LocalService.TryCall<ServerStatus>(socket, "status");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            if (ControlSocket is not null)
                ThrowTerminating(new InvalidOperationException($"The Pint service on '{socket}' did not answer: {e.Message}", e), "ControlChannelFailed", ErrorCategory.ConnectionError, socket);
            WriteVerbose($"The Pint service on '{socket}' did not answer ({e.Message}); using the lease file.");
            return null;
        }
        if (status is null || !status.Services.Any(s => s.Name == "dhcp")) return null;
        if (ControlSocket is null && !ServerRegistry.PathComparer.Equals(ConfigFile, status.ConfigPath)) return null;
        WriteVerbose($"Using the live lease table of the Pint service on '{socket}' ({status.ConfigPath}).");
        return LiveDhcp.Channel(socket, status.Services.Any(s => s.Name == "dhcp6"));
    }
}
