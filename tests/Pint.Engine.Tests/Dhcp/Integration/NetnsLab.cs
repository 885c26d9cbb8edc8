using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// Two network namespaces of the test's own, "server" and "client", joined by a veth pair; the server end holds
/// 10.77.0.1/24. Each client interface is a macvlan on the client end with a MAC of the test's choosing, so several
/// real DHCP clients can run side by side. Everything is deleted on dispose (deleting a namespace deletes its links).
/// </summary>
internal sealed class NetnsLab : IDisposable
{
    public static readonly IPAddress ServerAddress = IPAddress.Parse("10.77.0.1");
    private static int _next;
    private readonly string _id;
    private int _interfaces;

    private NetnsLab()
    {
        _id = $"{Environment.ProcessId % 100000}x{Interlocked.Increment(ref _next)}";
        ServerNamespace = $"pint-s{_id}";
        ClientSegment = $"pc{_id}";
        ClientNamespace = $"pint-c{_id}";
        Directory = System.IO.Directory.CreateTempSubdirectory("pint-netns-").FullName;
    }

    public string ServerNamespace { get; }
    public string ClientNamespace { get; }

    /// <summary>The server end of the veth pair, with <see cref="ServerAddress"/>.</summary>
    public string ServerLink => $"ps{_id}";

    /// <summary>The client end of the veth pair (no address until a test gives it one).</summary>
    public string ClientLink => $"pc{_id}";

    /// <summary>A scratch folder for configs, lease files and client scripts; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>
    /// Creates the lab, or returns null when this machine cannot (not root, not Linux, a tool missing): under CI=true
    /// that fails the test instead.
    /// </summary>
    public static NetnsLab? TryCreate(params string[] tools)
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") missing.Add("root on Linux");
        foreach (var tool in tools.Prepend("ip"))
            if (Which(tool) is null) missing.Add(tool);
        if (missing.Count > 0)
        {
            Assert.False(DhcpTestTools.IsCi, $"DHCP integration tests need: {string.Join(", ", missing)}");
            return null;
        }
        var lab = new NetnsLab();
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build()
    {
        Ip($"netns add {ServerNamespace}");
        Ip($"netns add {ClientNamespace}");
        Ip($"link add ps{_id} type veth peer name pc{_id}");
        Ip($"link set ps{_id} netns {ServerNamespace}");
        Ip($"link set pc{_id} netns {ClientNamespace}");
        Ip($"-n {ServerNamespace} addr add {ServerAddress}/24 dev ps{_id}");
        Ip($"-n {ServerNamespace} link set ps{_id} up");
        Ip($"-n {ServerNamespace} link set lo up");
        Ip($"-n {ClientNamespace} link set pc{_id} up");
        Ip($"-n {ClientNamespace} link set lo up");
    }

    /// <summary>The client side of the segment: the veth end, or the bridge once a second server is added.</summary>
    public string ClientSegment { get; private set; } = "";

    /// <summary>The second server's namespace (see <see cref="AddSecondServer"/>), or null.</summary>
    public string? SecondServerNamespace { get; private set; }

    /// <summary>
    /// Two servers on one segment: the client end goes onto a bridge in the client namespace, and a second server
    /// namespace joins the bridge with <paramref name="address"/>/24. Client interfaces made after this hang off the bridge.
    /// </summary>
    public string AddSecondServer(string address)
    {
        var bridge = $"pb{_id}";
        SecondServerNamespace = $"pint-t{_id}";
        Ip($"netns add {SecondServerNamespace}");
        Ip($"-n {ClientNamespace} link add {bridge} type bridge");
        Ip($"-n {ClientNamespace} link set pc{_id} master {bridge}");
        Ip($"link add pt{_id} type veth peer name pu{_id}");
        Ip($"link set pt{_id} netns {SecondServerNamespace}");
        Ip($"link set pu{_id} netns {ClientNamespace}");
        Ip($"-n {ClientNamespace} link set pu{_id} master {bridge}");
        Ip($"-n {ClientNamespace} link set pu{_id} up");
        Ip($"-n {ClientNamespace} link set {bridge} up");
        Ip($"-n {SecondServerNamespace} addr add {address}/24 dev pt{_id}");
        Ip($"-n {SecondServerNamespace} link set pt{_id} up");
        Ip($"-n {SecondServerNamespace} link set lo up");
        ClientSegment = bridge;
        return SecondServerNamespace;
    }

    /// <summary>Adds a client interface with <paramref name="mac"/>; returns its name.</summary>
    public string AddClientInterface(string mac)
    {
        var name = $"pm{_id}n{Interlocked.Increment(ref _interfaces)}";
        if (name.Length > 15) name = name[^15..];
        Ip($"-n {ClientNamespace} link add link {ClientSegment} name {name} type macvlan mode bridge");
        Ip($"-n {ClientNamespace} link set {name} address {mac} up");
        return name;
    }

    /// <summary>Adds an address to the server's end of the link, as an admin adding one to a bridge does.</summary>
    public void AddServerAddress(string address) => Ip($"-n {ServerNamespace} addr add {address}/24 dev ps{_id}");

    /// <summary>Gives a client interface the address its lease granted, so it can talk to the server (e.g. DNS).</summary>
    public void Configure(string interfaceName, string address) => Ip($"-n {ClientNamespace} addr add {address}/24 dev {interfaceName}");

    /// <summary>Removes every address of the client-side interface, as a client that gave up its lease does.</summary>
    public void Unconfigure(string interfaceName) => Ip($"-n {ClientNamespace} addr flush dev {interfaceName}");

    /// <summary>Runs a command inside the client namespace; returns exit code and output.</summary>
    public (int ExitCode, string Output) InClient(string command, string arguments, int timeoutMs = 15000) =>
        Run("ip", $"netns exec {ClientNamespace} {command} {arguments}", timeoutMs);

    /// <summary>Starts a long-running process inside the server namespace (or <paramref name="inNamespace"/>).</summary>
    public Process StartInServer(string command, string arguments, string? inNamespace = null)
    {
        var info = new ProcessStartInfo("ip", $"netns exec {inNamespace ?? ServerNamespace} {command} {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(info)!;
        var log = Environment.GetEnvironmentVariable("PINT_TEST_SERVER_LOG") is { Length: > 0 } dir ? Path.Combine(dir, $"{inNamespace ?? ServerNamespace}.log") : null;
        void Keep(string? line) { if (log is not null && line is not null) lock (this) File.AppendAllText(log, line + "\n"); }
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Waits until something in the server namespace listens on UDP <paramref name="port"/>.</summary>
    public void WaitForUdpListener(int port, Process owner, TimeSpan timeout) => WaitForUdpListener(port, owner, timeout, ServerNamespace);

    /// <summary>Waits until something in <paramref name="inNamespace"/> listens on UDP <paramref name="port"/>.</summary>
    public void WaitForUdpListener(int port, Process owner, TimeSpan timeout, string inNamespace)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(owner.HasExited, $"the server exited with code {(owner.HasExited ? owner.ExitCode : 0)} before listening");
            var (_, output) = Run("ip", $"netns exec {inNamespace} ss -H -uln sport = :{port}", 5000);
            if (output.Contains($":{port}", StringComparison.Ordinal)) return;
            Thread.Sleep(50);
        }
        Assert.Fail($"nothing listened on UDP port {port} in {inNamespace} within {timeout}");
    }

    public static (int ExitCode, string Output) Run(string file, string arguments, int timeoutMs = 15000)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void Ip(string arguments)
    {
        var (code, output) = Run("ip", arguments);
        if (code != 0) throw new InvalidOperationException($"ip {arguments}: {output}");
    }

    public static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        Run("ip", $"netns del {ClientNamespace}");
        Run("ip", $"netns del {ServerNamespace}");
        if (SecondServerNamespace is not null) Run("ip", $"netns del {SecondServerNamespace}");
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
