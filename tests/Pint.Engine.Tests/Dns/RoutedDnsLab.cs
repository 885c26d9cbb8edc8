using System.Diagnostics;
using Pint.Engine.Tests.Config;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// Four network namespaces of the test's own: a DNS server with a near client on one subnet and a router on
/// another, and a far client behind the router, whose subnet the server reaches only through the router:
/// <code>
/// near 10.231.1.2 fd31:1::2 ── 10.231.1.1 fd31:1::1 [server] 10.231.2.1 fd31:2::1 ── 10.231.2.2 [router] 10.231.3.1 ── 10.231.3.2 fd31:3::2 far
/// </code>
/// The addresses exist only inside these namespaces; deleting them on dispose deletes their links too.
/// </summary>
internal sealed class RoutedDnsLab : IDisposable
{
    public const string ServerNear = "10.231.1.1", ServerNearV6 = "fd31:1::1", ServerUplink = "10.231.2.1", ServerUplinkV6 = "fd31:2::1";
    private static int _next;
    private readonly string _id;
    private readonly List<string> _namespaces = [];

    private RoutedDnsLab()
    {
        _id = $"{Environment.ProcessId % 100000}d{Interlocked.Increment(ref _next)}";
        Directory = System.IO.Directory.CreateTempSubdirectory("pint-dns-netns-").FullName;
    }

    public string Server => $"pint-dns-s{_id}";
    public string Near => $"pint-dns-n{_id}";
    public string Router => $"pint-dns-r{_id}";
    public string Far => $"pint-dns-f{_id}";
    /// <summary>The server's link to the near client, and the near client's end of it.</summary>
    public string ServerNearLink => $"dsn{_id}";
    public string NearLink => $"dns{_id}";

    /// <summary>A scratch folder for configs; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>Builds the lab; skips without root on Linux, ip or dig (fails instead under CI=true).</summary>
    public static RoutedDnsLab Create()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            if (ConfigTestTools.IsCi) throw new InvalidOperationException("the namespace tests need root on Linux");
            Skip.Because("the namespace tests need root on Linux");
        }
        ConfigTestTools.RequireTool("ip");
        ConfigTestTools.RequireTool("dig");
        var lab = new RoutedDnsLab();
        try { lab.Build(); }
        catch
        {
            lab.Dispose(); // whatever was built so far
            throw;
        }
        return lab;
    }

    private void Build()
    {
        foreach (var ns in new[] { Server, Near, Router, Far })
        {
            Ip($"netns add {ns}");
            _namespaces.Add(ns);
            Ip($"-n {ns} link set lo up");
            // No duplicate address detection: until it ends, a fresh link's IPv6 neighbours go unanswered for a while.
            Ip($"netns exec {ns} sysctl -q -w net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0");
        }
        Link(Server, ServerNearLink, $"{ServerNear}/24", $"{ServerNearV6}/64", Near, NearLink, "10.231.1.2/24", "fd31:1::2/64");
        Link(Server, $"dsu{_id}", $"{ServerUplink}/24", $"{ServerUplinkV6}/64", Router, $"dru{_id}", "10.231.2.2/24", "fd31:2::2/64");
        Link(Router, $"drf{_id}", "10.231.3.1/24", "fd31:3::1/64", Far, $"dfr{_id}", "10.231.3.2/24", "fd31:3::2/64");
        Ip($"netns exec {Router} sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1");
        Ip($"-n {Server} route add 10.231.3.0/24 via 10.231.2.2");
        Ip($"-n {Server} -6 route add fd31:3::/64 via fd31:2::2");
        Ip($"-n {Far} route add default via 10.231.3.1");
        Ip($"-n {Far} -6 route add default via fd31:3::1");
    }

    /// <summary>A veth pair between two namespaces, each end with an IPv4 and an IPv6 address.</summary>
    private void Link(string leftNs, string left, string leftV4, string leftV6, string rightNs, string right, string rightV4, string rightV6)
    {
        Ip($"link add {left} type veth peer name {right}");
        foreach (var (ns, name, v4, v6) in new[] { (leftNs, left, leftV4, leftV6), (rightNs, right, rightV4, rightV6) })
        {
            Ip($"link set {name} netns {ns}");
            Ip($"-n {ns} addr add {v4} dev {name}");
            Ip($"-n {ns} addr add {v6} dev {name} nodad");
            Ip($"-n {ns} link set {name} up");
        }
    }

    /// <summary>
    /// A dig from <paramref name="ns"/>: the answer section, empty when nothing came back. Expecting an answer, allow
    /// a busy machine three tries; expecting none, one try of two seconds is the wait.
    /// </summary>
    public async Task<string> DigAsync(string ns, string server, string name, string extra = "", int tries = 3)
    {
        var (_, output) = await RunAsync("ip", $"netns exec {ns} dig @{server} {name} A +short +tries={tries} +time=2 {extra}");
        return output.Contains(";;") ? "" : output.Trim(); // ";; communications error ..." when nothing answered
    }

    /// <summary>A dig that must go unanswered: one try, two seconds.</summary>
    public Task<string> DigUnansweredAsync(string ns, string server, string name, string extra = "") => DigAsync(ns, server, name, extra, tries: 1);

    /// <summary>Waits until something in the server namespace listens on UDP <paramref name="port"/>.</summary>
    public async Task WaitForUdpListenerAsync(int port, Func<string?> exited, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (exited() is { } why) throw new InvalidOperationException($"the server exited before listening: {why}");
            if ((await RunAsync("ip", $"netns exec {Server} ss -H -uln sport = :{port}")).Output.Contains($":{port}", StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"nothing listened on UDP port {port} in {Server} within {timeout}");
    }

    public void Ip(string arguments)
    {
        var (code, output) = RunAsync("ip", arguments).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"ip {arguments}: {output}");
    }

    /// <summary>Runs a tool to its end (killed after <paramref name="timeoutMs"/>) without holding a thread meanwhile.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, int timeoutMs = 20_000)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeoutMs);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        foreach (var ns in _namespaces) RunAsync("ip", $"netns del {ns}").GetAwaiter().GetResult();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
