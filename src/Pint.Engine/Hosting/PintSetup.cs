using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dns;
using Pint.Engine.Tftp;

namespace Pint.Engine.Hosting;

/// <summary>
/// A loaded config after each protocol's setup step: the options of every service it turns on (null for one it
/// leaves off) and every finding, the loader's and the setups', in one list.
/// </summary>
public sealed record PintSetupResult(
    ConfigLoadResult Loaded,
    DnsServerOptions? Dns,
    DhcpServerOptions? Dhcp,
    TftpServerOptions? Tftp,
    IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    public PintConfig Config => Loaded.Config;

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>
/// Runs the setup step of every protocol the config turns on: the one path from a loaded config to server options,
/// taken by start, reload, <c>Test-PintConfig</c> and the service's <c>--test</c>, so all four report the same problems.
/// </summary>
public static class PintSetup
{
    public static PintSetupResult Run(ConfigLoadResult loaded, SystemFacts system, string workingDirectory)
    {
        var config = loaded.Config;
        var diagnostics = new List<ConfigDiagnostic>(loaded.Diagnostics);
        // port=0 turns DNS off, dhcp-range turns DHCP on, enable-tftp TFTP, as in dnsmasq.
        var dns = config.Dns.Port != 0 ? Take(DnsSetup.Build(config, system, workingDirectory), diagnostics) : null;
        var dhcp = config.Dhcp.Enabled ? Take(DhcpSetup.Build(config, system), diagnostics) : null;
        var tftp = config.Tftp.Enabled ? Take(TftpSetup.Build(config, workingDirectory), diagnostics) : null;
        return new PintSetupResult(loaded, dns, dhcp, tftp, diagnostics);
    }

    /// <summary>Loads the config at <paramref name="path"/> and runs the setups: what <c>Test-PintConfig</c> reports.</summary>
    public static PintSetupResult Check(string path, ConfigLoadOptions options, SystemFacts? system = null) =>
        Run(ConfigLoader.Load(path, options), system ?? SystemFacts.Live, options.WorkingDirectory ?? Environment.CurrentDirectory);

    private static T? Take<T>(SetupResult<T> result, List<ConfigDiagnostic> diagnostics) where T : class
    {
        diagnostics.AddRange(result.Diagnostics);
        return result.Options;
    }
}
