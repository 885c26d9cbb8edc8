using System.Net;
using Pint.Engine.Config;

namespace Pint.Engine.Tftp;

/// <summary>
/// enable-tftp and the tftp-* options as TFTP server options, with findings: port 69 on the DNS listen addresses, as
/// dnsmasq. The one step start, reload and <c>Test-PintConfig</c> all take.
/// </summary>
public static class TftpSetup
{
    public static SetupResult<TftpServerOptions> Build(PintConfig config, string workingDirectory, int port = TftpServerOptions.DefaultPort)
    {
        var tftp = config.Tftp;
        var diagnostics = new List<ConfigDiagnostic>();
        string Full(string dir) => Path.IsPathRooted(dir) ? dir : Path.GetFullPath(Path.Combine(workingDirectory, dir));
        foreach (var r in tftp.Roots.Where(r => !Directory.Exists(Full(r.Directory))))
            diagnostics.Add(new ConfigDiagnostic(r.Source, "tftp-root", DiagnosticSeverity.Warning, $"directory {Full(r.Directory)} does not exist; requests for its files fail until it does"));
        var root = tftp.Roots.FirstOrDefault(r => r.Interface is null)?.Directory ?? workingDirectory;
        var listen = config.Dns.ListenAddresses
            .Select(a => IPAddress.TryParse(a, out var ip) ? new IPEndPoint(ip, port) : null)
            .OfType<IPEndPoint>()
            .ToList();
        var options = new TftpServerOptions
        {
            ListenEndPoints = listen.Count > 0 ? listen : [new IPEndPoint(IPAddress.Any, port)],
            Root = Full(root),
            RootsByInterface = RootsByInterface(tftp, Full, diagnostics),
            Secure = tftp.Secure,
            NoBlockSize = tftp.NoBlockSize,
            Mtu = tftp.Mtu,
            Lowercase = tftp.Lowercase,
            UniqueRoot = tftp.UniqueRoot,
            MaxTransfers = tftp.MaxTransfers,
            PortRange = tftp.PortRange,
        };
        return new SetupResult<TftpServerOptions>(options, diagnostics);
    }

    /// <summary>tftp-root=dir,interface per interface; an interface named twice keeps its first root, and is told.</summary>
    private static Dictionary<string, string> RootsByInterface(TftpConfig tftp, Func<string, string> full, List<ConfigDiagnostic> diagnostics)
    {
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in tftp.Roots.Where(r => r.Interface is not null))
        {
            if (!roots.TryAdd(r.Interface!, full(r.Directory)))
                diagnostics.Add(new ConfigDiagnostic(r.Source, "tftp-root", DiagnosticSeverity.Warning, $"interface {r.Interface} already has tftp-root {roots[r.Interface!]}; this line is ignored"));
        }
        return roots;
    }
}
