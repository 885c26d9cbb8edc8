using Pint.Engine.Config;

namespace Pint.PowerShell.Model;

/// <summary>
/// What Get-PintConfig shows: the config as the server reads it, typed, one section per service. Each section is the
/// engine's own model (every option the loader knows, as a property: <c>(Get-PintConfig).Dhcp.Script</c>), so the
/// view never lags behind what a start would serve.
/// </summary>
public sealed class PintConfigInfo
{
    /// <summary>The main config file; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }
    /// <summary>Every file read: the config, its conf-file= and conf-dir= includes, hosts and opts files.</summary>
    public required string[] Files { get; init; }
    public required DnsConfig Dns { get; init; }
    public required DhcpConfig Dhcp { get; init; }
    public required TftpConfig Tftp { get; init; }
    /// <summary>How many lines the loader found in error (each was also written as an error).</summary>
    public required int ErrorCount { get; init; }

    public override string ToString() => ConfigPath;
}
