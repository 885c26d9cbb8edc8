using System.Diagnostics;
using System.Text;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// The real dnsmasq 2.90 and Pint side by side on 127.0.0.1, each loading a shared config plus lines of its own
/// (its upstream, say), and dig asking both the same queries. Everything is deleted and stopped on dispose.
/// </summary>
internal sealed class DnsmasqComparison : IAsyncDisposable
{
    private readonly string _dig;
    private readonly DirectoryInfo _dir;
    private DnsmasqProcess? _dnsmasq;
    private PintServerHost? _pint;
    private int _pintPort;

    private DnsmasqComparison(string dig, DirectoryInfo dir)
    {
        _dig = dig;
        _dir = dir;
    }

    /// <summary>A scratch folder for hosts files the config names.</summary>
    public string Directory => _dir.FullName;

    public string DnsmasqLog => _dnsmasq?.Log ?? "";

    /// <summary>Skips (or fails under CI) when dnsmasq or dig is missing. Call <see cref="StartAsync"/> once the files are in place.</summary>
    public static DnsmasqComparison Create()
    {
        ConfigTestTools.RequireTool("dnsmasq");
        var dig = ConfigTestTools.RequireTool("dig");
        return new DnsmasqComparison(dig, System.IO.Directory.CreateTempSubdirectory("pint-dns-diff-"));
    }

    public async Task StartAsync(string sharedConfig, string dnsmasqLines = "", string pintLines = "")
    {
        var shared = Path.Combine(Directory, "shared.conf");
        File.WriteAllText(shared, sharedConfig);
        var dnsmasqConf = Path.Combine(Directory, "dnsmasq.conf");
        File.WriteAllText(dnsmasqConf, $"conf-file={shared}\n{dnsmasqLines}\n");
        _dnsmasq = new DnsmasqProcess(ConfigTestTools.RequireTool("dnsmasq"), dnsmasqConf, DnsmasqProcess.FreeLoopbackPort());

        _pintPort = DnsmasqProcess.FreeLoopbackPort();
        var pintConf = Path.Combine(Directory, "pint.conf");
        File.WriteAllText(pintConf, $"conf-file={shared}\n{pintLines}\nport={_pintPort}\nlisten-address=127.0.0.1\nbind-interfaces\n");
        _pint = PintServerHost.Load(pintConf);
        await _pint.StartAsync();
        await _dnsmasq.WaitReadyAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Asks both servers each query in turn; returns one block per query that differs (empty when all agree) and
    /// the slowest queries, for the test output.
    /// </summary>
    public async Task<(string Failures, string Slowest)> CompareAsync(IEnumerable<DigQuery> queries)
    {
        var failures = new StringBuilder();
        var timings = new List<(double Seconds, string Query)>();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var expected = RunDigAsync(_dnsmasq!.Port, query);
            var actual = RunDigAsync(_pintPort, query);
            await Task.WhenAll(expected, actual);
            timings.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, query.Arguments));
            var dnsmasq = DigResponse.Parse(await expected, query.Upstream);
            var diff = DigResponse.Diff(dnsmasq, DigResponse.Parse(await actual, query.Upstream));
            if (query.DnsmasqFlags is { } flags && dnsmasq.Flags != flags)
                diff = $"  scenario: dnsmasq was expected to give flags [{flags}], gave [{dnsmasq.Flags}]\n" + diff;
            if (diff.Length > 0) failures.AppendLine($"dig {query}:").Append(diff);
        }
        var slowest = string.Join(", ", timings.OrderByDescending(x => x.Seconds).Take(3).Select(x => $"{x.Query} {x.Seconds:F2}s"));
        return (failures.ToString(), $"{timings.Count} queries compared; slowest: {slowest}");
    }

    private async Task<string> RunDigAsync(int port, DigQuery query)
    {
        var start = new ProcessStartInfo(_dig) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "@127.0.0.1", "-p", port.ToString(), "+tries=1", "+time=3" }) start.ArgumentList.Add(arg);
        foreach (var arg in query.Arguments.Split(' ')) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pint is not null) await _pint.DisposeAsync();
        _dnsmasq?.Dispose();
        _dir.Delete(recursive: true);
    }
}
