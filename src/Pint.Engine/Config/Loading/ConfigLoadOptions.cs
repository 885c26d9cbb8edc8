namespace Pint.Engine.Config;

/// <summary>How <see cref="ConfigLoader"/> treats a config.</summary>
public sealed class ConfigLoadOptions
{
    /// <summary>
    /// When true, dnsmasq options Pint does not implement give a Warning instead of an Error, so a config written for
    /// dnsmasq can be loaded for the parts Pint serves.
    /// </summary>
    public bool AllowUnsupported { get; init; }

    /// <summary>Whether to read the files named by <c>addn-hosts</c> (cmdlets that only edit configs can skip them).</summary>
    public bool ReadHostsFiles { get; init; } = true;

    /// <summary>
    /// The directory relative include and hosts paths are resolved against. dnsmasq uses its current directory
    /// (checked: <c>conf-file=inc.conf</c> is found only when dnsmasq runs in inc.conf's folder), so null, the default,
    /// means <see cref="Environment.CurrentDirectory"/>.
    /// </summary>
    public string? WorkingDirectory { get; init; }
}
