using System.Management.Automation;

namespace Pint.PowerShell.Infrastructure;

/// <summary>
/// A cmdlet that acts on running servers: those of this session (picked by -ConfigPath) and the local service
/// behind its control socket (-ControlSocket).
/// </summary>
public abstract class PintServerCmdlet : PintCmdlet
{
    /// <summary>Only the server of this config file (Get-PintServer output binds here).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ConfigPath { get; set; }

    /// <summary>The control socket of the local service; default $env:PINT_CONTROL, then the platform default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControlSocket { get; set; }

    /// <summary>The config file asked for, resolved; null for "every server".</summary>
    protected string? WantedConfig => ConfigPath is null ? null : ResolveConfigPath(ConfigPath);

    protected string SocketPath => LocalService.SocketPath(ControlSocket is null ? null : ResolvePath(ControlSocket));

    /// <summary>This session's servers that match -ConfigPath.</summary>
    private protected IEnumerable<RunningServer> SessionServers()
    {
        var wanted = WantedConfig;
        return ServerRegistry.All.Where(s => wanted is null || ServerRegistry.PathComparer.Equals(wanted, s.Host.ConfigPath));
    }
}
