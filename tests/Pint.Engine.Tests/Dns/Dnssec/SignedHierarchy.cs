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

    public void Dispose()
    {
        try { if (!_named.HasExited) { _named.Kill(); _named.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _named.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}
