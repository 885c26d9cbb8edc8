using System.Diagnostics;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>The service host (<c>pint -C file</c>, src/Pint.Service) or dnsmasq, run inside the lab's server namespace.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ServerProcess StartPint(NetnsLab lab, string configPath) => StartPint(lab, configPath, null);

    /// <summary>The service host in <paramref name="inNamespace"/> (the lab's server namespace when null), its control socket named after the config.</summary>
    public static ServerProcess StartPint(NetnsLab lab, string configPath, string? inNamespace)
    {
        // Its own control socket beside the config: never the machine's /run/pint/pint.sock.
        var socket = Path.ChangeExtension(configPath, ".sock");
        if (inNamespace is null) socket = Path.Combine(Path.GetDirectoryName(configPath)!, "pint.sock");
        var process = lab.StartInServer("dotnet", $"{PintHostAssembly()} -C {configPath} --control-socket {socket}", inNamespace);
        var server = new ServerProcess(process);
        lab.WaitForUdpListener(67, process, TimeSpan.FromSeconds(20), inNamespace ?? lab.ServerNamespace);
        return server;
    }

    /// <summary>Whether the process has ended (crashed, or refused its config).</summary>
    public bool HasExited => _process.HasExited;

    public static ServerProcess StartDnsmasq(NetnsLab lab, string configPath)
    {
        var process = lab.StartInServer("dnsmasq", $"-C {configPath} -k --log-facility=- --pid-file= -u root");
        var server = new ServerProcess(process);
        lab.WaitForUdpListener(67, process, TimeSpan.FromSeconds(10));
        return server;
    }

    /// <summary>SIGHUP: what makes dnsmasq re-read its hosts files and dhcp-hostsfile (Pint re-reads a changed file by itself).</summary>
    public void Hangup()
    {
        using var kill = Process.Start("kill", $"-HUP {_process.Id}");
        kill.WaitForExit();
    }

    /// <summary>kill -9: no chance to flush anything.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Crash();
        _process.Dispose();
    }

    /// <summary>
    /// pint.dll built next to this test build (same configuration); built on demand when a targeted
    /// <c>dotnet test</c> of this project did not build the service host.
    /// </summary>
    private static string PintHostAssembly()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Pint.sln"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var assembly = Path.Combine(root, "src", "Pint.Service", "bin", configuration, "net10.0", "pint.dll");
        // Stale when the engine the service host carries is older than the one this test build uses.
        var hostEngine = Path.Combine(Path.GetDirectoryName(assembly)!, "Pint.Engine.dll");
        var testEngine = typeof(Pint.Engine.Hosting.DhcpService).Assembly.Location;
        if (!File.Exists(assembly) || !File.Exists(hostEngine) || File.GetLastWriteTimeUtc(hostEngine) < File.GetLastWriteTimeUtc(testEngine))
        {
            var (code, output) = NetnsLab.Run("dotnet", $"build {Path.Combine(root, "src", "Pint.Service")} -c {configuration} --nologo -v quiet", 300_000);
            Assert.True(code == 0, $"building the service host failed: {output}");
        }
        return assembly;
    }
}
