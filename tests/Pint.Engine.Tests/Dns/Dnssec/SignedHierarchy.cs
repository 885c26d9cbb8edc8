using System.Diagnostics;
using System.Net.Sockets;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>
/// A signed hierarchy built at test time by TestData/Dnssec/make-hierarchy.sh (dnssec-keygen, dnssec-signzone) and
/// served by one named on 127.0.0.1 at a free port: a local root, the TLD test. and signed, unsigned and broken zones
/// below it. Skips (fails under CI) when bind9 or bind9-utils is missing. Stopped and deleted on dispose.
/// </summary>
internal sealed class SignedHierarchy : IDisposable
{
    private readonly Process _named;
    private readonly DirectoryInfo _dir;

    private SignedHierarchy(Process named, DirectoryInfo dir, int port, string trustAnchor)
    {
        _named = named;
        _dir = dir;
        Port = port;
        TrustAnchor = trustAnchor;
    }

    public int Port { get; }

    /// <summary>The local root's KSK as a dnsmasq line: <c>trust-anchor=.,TAG,8,2,DIGEST</c>.</summary>
    public string TrustAnchor { get; }

    public string QueryLog => File.Exists(Path.Combine(_dir.FullName, "query.log")) ? File.ReadAllText(Path.Combine(_dir.FullName, "query.log")) : "";

    public static async Task<SignedHierarchy> StartAsync()
    {
        var named = ConfigTestTools.RequireTool("named");
        foreach (var tool in new[] { "dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey", "bash" }) ConfigTestTools.RequireTool(tool);
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-");
        int port = DnsmasqProcess.FreeLoopbackPort();
        var script = Path.Combine(AppContext.BaseDirectory, "TestData", "Dnssec", "make-hierarchy.sh");
        var (code, output) = ConfigTestTools.Run("bash", script, Path.Combine(dir.FullName, "zones"), port.ToString());
        if (code != 0) throw new InvalidOperationException($"make-hierarchy.sh failed: {output}");
        var anchor = output.Split('\n').Single(l => l.StartsWith("trust-anchor=")).Trim();
        var start = new ProcessStartInfo(named) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-g", "-4", "-c", Path.Combine(dir.FullName, "zones", "named.conf") }) start.ArgumentList.Add(a);
        if (Environment.UserName == "root") { start.ArgumentList.Add("-u"); start.ArgumentList.Add("root"); }
        var process = Process.Start(start)!;
        // With -g named logs to stderr; "running" comes once every zone is loaded (before it, a zone may answer SERVFAIL).
        var running = new TaskCompletionSource();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data?.EndsWith(" running") == true) running.TrySetResult(); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var hierarchy = new SignedHierarchy(process, dir, port, anchor);
        await Task.WhenAny(running.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        await hierarchy.WaitReadyAsync();
        return hierarchy;
    }

    /// <summary>named answers once its zones are loaded: a SOA query for the root over UDP.</summary>
    private async Task WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        var query = Pint.Engine.Dns.Dnssec.DnssecQueryBits.Query([0], Pint.Engine.Dns.DnsType.SOA, 1232);
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_named.HasExited) throw new InvalidOperationException("named exited");
            using var udp = new UdpClient("127.0.0.1", Port);
            await udp.SendAsync(query);
            var receive = udp.ReceiveAsync();
            if (await Task.WhenAny(receive, Task.Delay(200)) == receive) return;
        }
        throw new TimeoutException("named did not answer");
    }

    /// <summary>A zone's own DS (dsset-ZONE. as dnssec-signzone wrote it) as a dnsmasq line: <c>trust-anchor=ZONE,TAG,ALG,TYPE,DIGEST</c>.</summary>
    public string TrustAnchorFor(string zone)
    {
        var fields = File.ReadAllText(Path.Combine(_dir.FullName, "zones", $"dsset-{zone}.")).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        int ds = Array.IndexOf(fields, "DS");
        return $"trust-anchor={zone},{fields[ds + 1]},{fields[ds + 2]},{fields[ds + 3]},{string.Concat(fields[(ds + 4)..])}";
    }

    /// <summary>
    /// A second named serving the same zones on another free port, with a query log (what server=/domain/ tests send
    /// where): its log is <see cref="Mirror.QueryLog"/>. Stopped on its own dispose.
    /// </summary>
    public async Task<Mirror> StartMirrorAsync()
    {
        int port = DnsmasqProcess.FreeLoopbackPort();
        var zones = Path.Combine(_dir.FullName, "zones");
        var log = Path.Combine(_dir.FullName, $"mirror-{port}.log");
        var conf = File.ReadAllText(Path.Combine(zones, "named.conf"))
            .Replace($"port {Port}", $"port {port}")
            .Replace($"\"{zones}/named.pid\"", $"\"{_dir.FullName}/mirror-{port}.pid\"")
            .Replace($"\"{zones}/query.log\"", $"\"{log}\"");
        var confPath = Path.Combine(_dir.FullName, $"mirror-{port}.conf");
        File.WriteAllText(confPath, conf);
        // -f, not -g: -g sends every log to stderr, and the query log is what the tests read.
        var start = new ProcessStartInfo(ConfigTestTools.RequireTool("named")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "-4", "-c", confPath }) start.ArgumentList.Add(a);
        if (Environment.UserName == "root") { start.ArgumentList.Add("-u"); start.ArgumentList.Add("root"); }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mirror = new Mirror(process, port, log);
        try
        {
            return await mirror.WaitReadyAsync();
        }
        catch
        {
            mirror.Dispose(); // never left running
            throw;
        }
    }

    public sealed class Mirror(Process named, int port, string log) : IDisposable
    {
        public int Port => port;

        /// <summary>The queries named logged so far, one a line ("NAME IN TYPE +FLAGS"; D among the flags is DO).</summary>
        public string QueryLog => File.Exists(log) ? File.ReadAllText(log) : "";

        public void ClearLog() { if (File.Exists(log)) File.WriteAllText(log, ""); }

        /// <summary>Loaded once the last zone answers with its SOA (before that named may say SERVFAIL).</summary>
        internal async Task<Mirror> WaitReadyAsync()
        {
            var deadline = Stopwatch.StartNew();
            var query = Pint.Engine.Dns.Dnssec.DnssecQueryBits.Query(Pint.Engine.Dns.DnsName.FromText("insecure.nsec3.test"), Pint.Engine.Dns.DnsType.SOA, 1232);
            while (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                if (named.HasExited) throw new InvalidOperationException("mirror named exited");
                try
                {
                    using var udp = new UdpClient("127.0.0.1", port);
                    await udp.SendAsync(query);
                    var receive = udp.ReceiveAsync();
                    if (await Task.WhenAny(receive, Task.Delay(200)) == receive && (receive.Result.Buffer[3] & 0x0F) == 0 && receive.Result.Buffer[7] > 0) return this;
                }
                catch (Exception e) when (e is SocketException or AggregateException) { } // not listening yet: port unreachable
                await Task.Delay(100);
            }
            throw new TimeoutException("mirror named did not answer");
        }

        public void Dispose()
        {
            try { if (!named.HasExited) { named.Kill(); named.WaitForExit(5000); } } catch (InvalidOperationException) { }
            named.Dispose();
        }
    }

    public void Dispose()
    {
        try { if (!_named.HasExited) { _named.Kill(); _named.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _named.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}
