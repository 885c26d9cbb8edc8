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
    }

    /// <param name="probe">A name the server answers, asked once before the tests ask anything.</param>
    /// <param name="probeAt">Where the probe is asked (in the server namespace): <see cref="RoutedDnsLab.ServerNear"/> port 53 unless given.</param>
    private static async Task<NamespacedDnsServer> StartAsync(RoutedDnsLab lab, string command, string probe, (string Address, int Port)? probeAt = null)
    {
        var (address, port) = probeAt ?? (RoutedDnsLab.ServerNear, 53);
        var server = new NamespacedDnsServer(lab, command);
        try
        {
            await lab.WaitForUdpListenerAsync(port, () => server._process.HasExited ? $"exit code {server._process.ExitCode}\n{server.Output}" : null, TimeSpan.FromSeconds(30));
            // Answered once from the server's own namespace, so a fresh process's first (slow) answer is behind us.
            if (await lab.DigAsync(lab.Server, address, probe, $"-p {port}", tries: 5) == "") throw new TimeoutException($"the server does not answer:\n{server.Output}");
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>What the server wrote so far (its log).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<NamespacedDnsServer> StartPintAsync(RoutedDnsLab lab, string config, string probe)
    {
        var path = Path.Combine(lab.Directory, "pint.conf");
        File.WriteAllText(path, config);
        // Its own control socket beside the config: never the machine's.
        return await StartAsync(lab, $"dotnet {PintServiceProcess.Locate(AppContext.BaseDirectory)} -C {path} --control-socket {Path.Combine(lab.Directory, "pint.sock")}", probe);
    }

    public static Task<NamespacedDnsServer> StartDnsmasqAsync(RoutedDnsLab lab, string config, string probe) => StartDnsmasqAsync(lab, "dnsmasq.conf", config, probe, null);

    /// <summary>
    /// An upstream server for the one under test to forward to: dnsmasq on 127.0.0.1:<paramref name="port"/> in the
    /// server namespace, answering <paramref name="names"/> (name, IPv4 address) and nothing else.
    /// </summary>
    public static Task<NamespacedDnsServer> StartUpstreamAsync(RoutedDnsLab lab, int port, params (string Name, string Address)[] names)
    {
        var config = $"port={port}\nlisten-address=127.0.0.1\nbind-interfaces\nno-resolv\nno-hosts\n"
            + string.Concat(names.Select(n => $"host-record={n.Name},{n.Address}\n"));
        return StartDnsmasqAsync(lab, $"upstream-{port}.conf", config, names[0].Name, ("127.0.0.1", port));
    }

    private static Task<NamespacedDnsServer> StartDnsmasqAsync(RoutedDnsLab lab, string file, string config, string probe, (string, int)? probeAt)
    {
        var path = Path.Combine(lab.Directory, file);
        File.WriteAllText(path, config);
        return StartAsync(lab, $"{ConfigTestTools.RequireTool("dnsmasq")} -C {path} -k --log-facility=- --pid-file= -u root", probe, probeAt);
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
