using System.Management.Automation;
using Pint.Engine.Hosting.Control;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// The counters of each service of the running servers (this session's, and the local service behind its control
/// socket): one object per service, PintDnsStatistics, PintDhcpServerStatistics or PintTftpStatistics.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintStatistics")]
[OutputType(typeof(PintDnsStatistics), typeof(PintDhcpServerStatistics), typeof(PintTftpStatistics))]
public sealed class GetPintStatisticsCommand : PintServerCmdlet
{
    /// <summary>Only these services.</summary>
    [Parameter]
    [ValidateSet("dns", "dhcp", "tftp")]
    public string[]? Service { get; set; }

    protected override void ProcessRecord()
    {
        var wanted = WantedConfig;
        var found = false;
        foreach (var s in SessionServers())
        {
            found = true;
            Write(s.Host.Status(), "Session");
        }
        var socket = SocketPath;
        try
        {
            if (LocalService.TryCall<ServerStatus>(socket, "status") is { } status &&
                (wanted is null || ServerRegistry.PathComparer.Equals(wanted, status.ConfigPath)))
            {
                found = true;
                Write(status, socket);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            WriteNonTerminating(new InvalidOperationException($"The Pint service on '{socket}' did not answer: {e.Message}", e), "ControlChannelFailed", ErrorCategory.ConnectionError, socket);
        }
        if (!found && wanted is not null)
            WriteNonTerminating(new ItemNotFoundException($"No Pint server for '{wanted}' runs in this session or behind '{socket}'."), "ServerNotFound", ErrorCategory.ObjectNotFound, wanted);
    }

    private void Write(ServerStatus status, string location)
    {
        foreach (var service in status.Services)
        {
            if (Service is { } only && !only.Contains(service.Name, StringComparer.OrdinalIgnoreCase)) continue;
            if (PintServiceStatistics.From(service, status.ConfigPath, location) is { } statistics) WriteObject(statistics);
        }
    }
}
