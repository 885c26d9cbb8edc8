using System.Diagnostics;
using System.Text;
using Pint.Engine.Tests.Config;
using Pint.Soak;

namespace Pint.Engine.Tests.Dns;

/// <summary>The service host (<c>pint -C file</c>) or dnsmasq serving DNS inside a <see cref="RoutedDnsLab"/>'s server namespace, its output kept.</summary>
internal sealed class NamespacedDnsServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NamespacedDnsServer(RoutedDnsLab lab, string command)
    {
        _process = Process.Start(new ProcessStartInfo("ip", $"netns exec {lab.Server} {command}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try { lab.WaitForUdpListener(53, () => _process.HasExited ? $"exit code {_process.ExitCode}\n{Output}" : null, TimeSpan.FromSeconds(30)); }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>What the server wrote so far (its log).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static NamespacedDnsServer StartPint(RoutedDnsLab lab, string config)
    {
        var path = Path.Combine(lab.Directory, "pint.conf");
        File.WriteAllText(path, config);
        // Its own control socket beside the config: never the machine's.
        return new NamespacedDnsServer(lab, $"dotnet {ServiceHost()} -C {path} --control-socket {Path.Combine(lab.Directory, "pint.sock")}");
    }

    public static NamespacedDnsServer StartDnsmasq(RoutedDnsLab lab, string config)
    {
        var path = Path.Combine(lab.Directory, "dnsmasq.conf");
        File.WriteAllText(path, config);
        return new NamespacedDnsServer(lab, $"{ConfigTestTools.RequireTool("dnsmasq")} -C {path} -k --log-facility=- --pid-file= -u root");
    }

    /// <summary>
    /// pint.dll from src/Pint.Service, rebuilt first when it carries an older engine than this test build (a targeted
    /// test run does not build the service host).
    /// </summary>
    private static string ServiceHost()
    {
        var dll = PintServiceProcess.Locate(AppContext.BaseDirectory);
        var engine = Path.Combine(Path.GetDirectoryName(dll)!, "Pint.Engine.dll");
        if (File.Exists(engine) && File.GetLastWriteTimeUtc(engine) >= File.GetLastWriteTimeUtc(typeof(Engine.Dns.DnsServer).Assembly.Location)) return dll;
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));
        var configuration = Path.GetFileName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..")));
        var (code, output) = RoutedDnsLab.Run("dotnet", $"build {project} -c {configuration} --nologo -v quiet", 600_000);
        return code == 0 ? dll : throw new InvalidOperationException($"building the service host failed: {output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
