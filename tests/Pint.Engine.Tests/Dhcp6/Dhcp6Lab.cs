using System.Diagnostics;
using Pint.Engine.Tests.Dhcp.Integration;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// The DHCPv4 tests' netns lab (two namespaces of the test's own, a veth pair) with the server end also holding
/// <see cref="ServerAddress"/>/64: dnsmasq serves an IPv6 range only on an interface with an address on its prefix,
/// and both servers are given the same setup (no router advertisements from either: enable-ra is not set).
/// </summary>
internal sealed class Dhcp6Lab : IDisposable
{
    public const string ServerAddress = "fd00:77::1";
    public const string Range = "fd00:77::1000,fd00:77::13e7";

    private readonly List<Process> _servers = [];

    private Dhcp6Lab(NetnsLab lab) => Net = lab;

    public NetnsLab Net { get; }
    public string Directory => Net.Directory;

    public static Dhcp6Lab? TryCreate(params string[] tools)
    {
        var lab = NetnsLab.TryCreate(tools);
        if (lab is null) return null;
        var (code, output) = NetnsLab.Run("ip", $"-n {lab.ServerNamespace} addr add {ServerAddress}/64 dev {lab.ServerLink} nodad");
        if (code != 0)
        {
            lab.Dispose();
            throw new InvalidOperationException(output);
        }
        // Clients need their link-local address, past duplicate address detection, before they can send.
        WaitForLinkLocal(lab.ClientNamespace, lab.ClientLink);
        WaitForLinkLocal(lab.ServerNamespace, lab.ServerLink);
        return new Dhcp6Lab(lab);
    }

    private static void WaitForLinkLocal(string ns, string link)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var (_, output) = NetnsLab.Run("ip", $"-n {ns} -6 addr show dev {link}");
            if (output.Contains("scope link", StringComparison.Ordinal) && !output.Contains("tentative", StringComparison.Ordinal)) return;
            Thread.Sleep(100);
        }
    }

    public string WriteConfig(string name, string extra = "")
    {
        var path = Path.Combine(Directory, name + ".conf");
        File.WriteAllText(path, $"""
            port=0
            no-resolv
            no-hosts
            dhcp-range={Range},64,12h
            dhcp-option=option6:dns-server,[::],[fd00:77::53]
            dhcp-option=option6:domain-search,lab.test,example.test
            dhcp-leasefile={LeaseFile(name)}
            {extra}
            """);
        return path;
    }

    public string LeaseFile(string name) => Path.Combine(Directory, name + ".leases");

    public Process StartPint(string config)
    {
        var socket = Path.Combine(Directory, Path.GetFileNameWithoutExtension(config) + ".sock");
        var process = Net.StartInServer("dotnet", $"{PintHostAssembly()} -C {config} --control-socket {socket}");
        _servers.Add(process);
        Net.WaitForUdpListener(547, process, TimeSpan.FromSeconds(20));
        return process;
    }

    public Process StartDnsmasq(string config)
    {
        var process = Net.StartInServer("dnsmasq", $"-C {config} -k --log-facility=- --pid-file= -u root");
        _servers.Add(process);
        Net.WaitForUdpListener(547, process, TimeSpan.FromSeconds(10));
        return process;
    }

    public static void Stop(Process server)
    {
        if (!server.HasExited) server.Kill(entireProcessTree: true);
        server.WaitForExit();
    }

    /// <summary>
    /// dhclient -6 -1 with <paramref name="duid"/> as its DUID; the BOUND6 variables, or null. The daemon it leaves is
    /// stopped by <see cref="DhclientRelease"/> or dispose. <paramref name="fqdn"/>: also <c>send fqdn.fqdn "NAME";</c>
    /// (the system dhclient.conf otherwise, so it asks for the same options).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Dhclient(string nic, string duid, string? fqdn = null)
    {
        var (script, env) = Script($"dh6-{nic}", "BOUND6");
        var leases = Path.Combine(Directory, $"dh6-{nic}.leases");
        File.WriteAllText(leases, $"default-duid \"{Octal(duid)}\";\n");
        var conf = "";
        if (fqdn is not null)
        {
            var path = Path.Combine(Directory, $"dh6-{nic}.conf");
            var system = File.Exists("/etc/dhcp/dhclient.conf") ? File.ReadAllText("/etc/dhcp/dhclient.conf") : "request dhcp6.name-servers, dhcp6.domain-search, dhcp6.fqdn;\n";
            File.WriteAllText(path, $"{system}\nsend fqdn.fqdn \"{fqdn}\";\n");
            conf = $"-cf {path} ";
        }
        Net.InClient("dhclient", $"-6 -1 {conf}-sf {script} -lf {leases} -pf {Path.Combine(Directory, $"dh6-{nic}.pid")} {nic}", 25000);
        return Read(env);
    }

    /// <summary>dhclient -6 -r: RELEASE the lease it holds, and stop the daemon.</summary>
    public void DhclientRelease(string nic)
    {
        var (script, _) = Script($"dh6-{nic}", "BOUND6");
        Net.InClient("dhclient", $"-6 -r -sf {script} -lf {Path.Combine(Directory, $"dh6-{nic}.leases")} -pf {Path.Combine(Directory, $"dh6-{nic}.pid")} {nic}", 15000);
    }

    /// <summary>
    /// dhcpcd -6 -1 asking for IA_NA 1 without waiting for router advertisements; the BOUND6 variables, or null.
    /// <paramref name="hostName"/>: dhcpcd -h NAME (it then sends the name in a Client FQDN option).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Dhcpcd(string nic, string? hostName = null)
    {
        var (script, env) = Script($"dcd-{nic}", "BOUND6");
        var config = Path.Combine(Directory, $"dcd-{nic}.conf");
        File.WriteAllText(config, $"noipv6rs\nia_na 1\noption dhcp6_name_servers, dhcp6_domain_search\nscript {script}\n");
        File.Delete($"/var/lib/dhcpcd/{nic}.lease6");
        Net.InClient("dhcpcd", $"-f {config} {(hostName is null ? "" : $"-h {hostName} ")}-6 -1 -t 15 {nic}", 25000);
        File.Delete($"/var/lib/dhcpcd/{nic}.lease6");
        return Read(env);
    }

    /// <summary>The DHCPv6 lease lines of a dnsmasq-format lease file (after its duid line), and that duid line.</summary>
    public (string? Duid, string[] Leases) ReadLeaseFile(string name)
    {
        var lines = File.Exists(LeaseFile(name)) ? File.ReadAllLines(LeaseFile(name)) : [];
        var at = Array.FindIndex(lines, l => l.StartsWith("duid ", StringComparison.Ordinal));
        return at < 0 ? (null, []) : (lines[at], lines[(at + 1)..]);
    }

    private (string Script, string Env) Script(string name, string reason)
    {
        var script = Path.Combine(Directory, name + ".sh");
        var env = script + ".env";
        File.Delete(env);
        File.WriteAllText(script, $"#!/bin/sh\nif [ \"$reason\" = {reason} ]; then env > {env}; fi\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (script, env);
    }

    private static IReadOnlyDictionary<string, string>? Read(string env) =>
        File.Exists(env)
            ? File.ReadAllLines(env).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1])
            : null;

    private static string Octal(string duid) => string.Concat(duid.Split(':').Select(h => "\\" + Convert.ToString(Convert.ToInt32(h, 16), 8).PadLeft(3, '0')));

    /// <summary>pint.dll built beside this test build, built on demand (as the DHCPv4 tests' ServerProcess does).</summary>
    private static string PintHostAssembly()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Pint.sln"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var assembly = Path.Combine(root, "src", "Pint.Service", "bin", configuration, "net10.0", "pint.dll");
        var hostEngine = Path.Combine(Path.GetDirectoryName(assembly)!, "Pint.Engine.dll");
        var testEngine = typeof(Pint.Engine.Hosting.Dhcp6Service).Assembly.Location;
        if (!File.Exists(assembly) || !File.Exists(hostEngine) || File.GetLastWriteTimeUtc(hostEngine) < File.GetLastWriteTimeUtc(testEngine))
        {
            var (code, output) = NetnsLab.Run("dotnet", $"build {Path.Combine(root, "src", "Pint.Service")} -c {configuration} --nologo -v quiet", 300_000);
            Assert.True(code == 0, $"building the service host failed: {output}");
        }
        return assembly;
    }

    public void Dispose()
    {
        foreach (var pidFile in System.IO.Directory.GetFiles(Directory, "dh6-*.pid"))
            if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        foreach (var s in _servers) Stop(s);
        Net.Dispose();
    }
}
