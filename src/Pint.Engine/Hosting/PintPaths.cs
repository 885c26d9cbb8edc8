namespace Pint.Engine.Hosting;

/// <summary>Where Pint looks for its files when nobody says: the per-platform defaults.</summary>
public static class PintPaths
{
    /// <summary>The environment variable that names the config file for cmdlets and the service.</summary>
    public const string ConfigVariable = "PINT_CONFIG";

    /// <summary>
    /// The config file when neither -ConfigPath nor PINT_CONFIG says: %ProgramData%\Pint\pint.conf on Windows,
    /// /etc/pint/pint.conf elsewhere (beside, not on top of, a system's /etc/dnsmasq.conf).
    /// </summary>
    public static string DefaultConfigPath =>
        OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Pint", "pint.conf")
            : "/etc/pint/pint.conf";

    /// <summary>
    /// The lease file when the config has no dhcp-leasefile=: %ProgramData%\Pint\pint.leases on Windows,
    /// /var/lib/pint/pint.leases elsewhere (not dnsmasq's own file, so both can run side by side).
    /// </summary>
    public static string DefaultLeaseFile =>
        OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Pint", "pint.leases")
            : "/var/lib/pint/pint.leases";

    /// <summary>The config path to use: the one given, else PINT_CONFIG, else the platform default.</summary>
    public static string ResolveConfigPath(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return Path.GetFullPath(given);
        var fromEnvironment = Environment.GetEnvironmentVariable(ConfigVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultConfigPath : Path.GetFullPath(fromEnvironment);
    }
}
