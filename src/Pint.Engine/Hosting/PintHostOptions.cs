using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

public sealed class PintHostOptions
{
    /// <summary>Load configs that use dnsmasq options Pint does not implement yet (they become warnings).</summary>
    public bool AllowUnsupported { get; init; }

    /// <summary>
    /// The folder relative paths in the config (addn-hosts=, conf-file=, tftp-root=, dhcp-leasefile=) are read
    /// from, as dnsmasq reads them from its working directory. Null: the process's current directory.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Re-read the config, its includes and hosts files when they change, and apply the change live.</summary>
    public bool WatchConfig { get; init; } = true;

    /// <summary>The machine the setup steps read (hosts file, resolv.conf, interfaces); tests give their own.</summary>
    public SystemFacts System { get; init; } = SystemFacts.Live;

    /// <summary>Serve the local control channel on this Unix socket path (null: no control channel).</summary>
    public string? ControlSocket { get; init; }

    /// <summary>
    /// Whether log-facility=- writes to stderr, as dnsmasq does. A host that already shows its log to the user sets
    /// false, and "-" then means that log only: PowerShell's streams may only be written through the cmdlet.
    /// </summary>
    public bool LogFacilityStandardError { get; init; } = true;

    /// <summary>
    /// Serve the meters at http://ADDRESS:PORT/metrics in the Prometheus text format (null: no endpoint, the default).
    /// Parse the user's text with <see cref="MetricsEndpoint.Parse"/>: a port alone means loopback, so every address
    /// (0.0.0.0) is only ever served when written out.
    /// </summary>
    public System.Net.IPEndPoint? MetricsEndpoint { get; init; }
}
