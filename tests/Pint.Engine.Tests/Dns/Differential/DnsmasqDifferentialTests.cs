using System.Diagnostics;
using System.Net;
using System.Text;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// The bar for the DNS server: the real dnsmasq 2.90 and Pint load the same config, get the same queries from dig
/// (UDP, TCP, with and without EDNS, tiny buffers) and must give the same status, flags and record sets.
/// Everything listens on 127.0.0.1 only; the upstreams are fake servers in this process.
/// </summary>
public sealed class DnsmasqDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pint_answers_like_dnsmasq_for_the_same_config()
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        var dig = ConfigTestTools.RequireTool("dig");

        using var corp = new FakeUpstreamDns(IPAddress.Parse("198.51.100.2"), typed: true);
        using var internet = new FakeUpstreamDns(IPAddress.Parse("198.51.100.1"), typed: true);
        var dir = Directory.CreateTempSubdirectory("pint-dns-diff-");
        try
        {
            var hosts = Path.Combine(dir.FullName, "hosts");
            File.WriteAllText(hosts, DifferentialScenario.HostsFile());
            var shared = Path.Combine(dir.FullName, "shared.conf");
            File.WriteAllText(shared, DifferentialScenario.Config(hosts, corp.EndPoint.Port, internet.EndPoint.Port));

            int dnsmasqPort = DnsmasqProcess.FreeLoopbackPort();
            using var reference = new DnsmasqProcess(dnsmasq, shared, dnsmasqPort);

            int pintPort = DnsmasqProcess.FreeLoopbackPort();
            var pintConf = Path.Combine(dir.FullName, "pint.conf");
            File.WriteAllText(pintConf, $"conf-file={shared}\nport={pintPort}\nlisten-address=127.0.0.1\nbind-interfaces\n");
            await using var pint = PintServerHost.Load(pintConf);
            await pint.StartAsync();
            await reference.WaitReadyAsync(TimeSpan.FromSeconds(10));

            var failures = new StringBuilder();
            var queries = DifferentialScenario.Queries();
            var slow = new List<(double Seconds, string Query)>();
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                var expected = RunDigAsync(dig, dnsmasqPort, query);
                var actual = RunDigAsync(dig, pintPort, query);
                await Task.WhenAll(expected, actual);
                slow.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, query.Arguments));
                var diff = DigResponse.Diff(DigResponse.Parse(await expected, query.Upstream), DigResponse.Parse(await actual, query.Upstream));
                if (diff.Length > 0) failures.AppendLine($"dig {query}:").Append(diff);
            }
            output.WriteLine($"{queries.Count} queries compared; slowest: {string.Join(", ", slow.OrderByDescending(x => x.Seconds).Take(3).Select(x => $"{x.Query} {x.Seconds:F2}s"))}");
            output.WriteLine($"dnsmasq log:\n{reference.Log}");
            Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string> RunDigAsync(string dig, int port, DigQuery query)
    {
        var start = new ProcessStartInfo(dig) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "@127.0.0.1", "-p", port.ToString(), "+tries=1", "+time=3" }) start.ArgumentList.Add(arg);
        foreach (var arg in query.Arguments.Split(' ')) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
