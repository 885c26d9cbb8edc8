using System.Net;
using System.Text;
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
        await using var comparison = DnsmasqComparison.Create();
        using var corp = new FakeUpstreamDns(IPAddress.Parse("198.51.100.2"), typed: true);
        using var internet = new FakeUpstreamDns(IPAddress.Parse("198.51.100.1"), typed: true);
        var hosts = Path.Combine(comparison.Directory, "hosts");
        File.WriteAllText(hosts, DifferentialScenario.HostsFile());
        await comparison.StartAsync(DifferentialScenario.Config(hosts, corp.EndPoint.Port, internet.EndPoint.Port));

        var (failures, slowest) = await comparison.CompareAsync(DifferentialScenario.Queries());
        output.WriteLine(slowest);
        output.WriteLine($"dnsmasq log:\n{comparison.DnsmasqLog}");
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
    }

    [Fact]
    public async Task Pint_forwards_like_dnsmasq_flags_tcp_truncation_and_standard_servers()
    {
        await using var comparison = DnsmasqComparison.Create();
        using var dnsmasqUpstreams = new ForwardingScenario.Upstreams();
        using var pintUpstreams = new ForwardingScenario.Upstreams();
        await comparison.StartAsync(ForwardingScenario.Config(), dnsmasqLines: dnsmasqUpstreams.ServerLines(), pintLines: pintUpstreams.ServerLines());

        var (failures, slowest) = await comparison.CompareAsync(ForwardingScenario.Queries());
        var asked = new StringBuilder();
        foreach (var name in ForwardingScenario.AskedNames())
        {
            var expected = (dnsmasqUpstreams.All.Sum(u => u.QueriesFor(name)), dnsmasqUpstreams.All.Sum(u => u.TcpQueriesFor(name)));
            var actual = (pintUpstreams.All.Sum(u => u.QueriesFor(name)), pintUpstreams.All.Sum(u => u.TcpQueriesFor(name)));
            if (expected != actual) asked.AppendLine($"  {name}: dnsmasq asked upstream {expected.Item1} times ({expected.Item2} over TCP) | pint {actual.Item1} ({actual.Item2})");
        }
        output.WriteLine(slowest);
        output.WriteLine($"dnsmasq log:\n{comparison.DnsmasqLog}");
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
        Assert.True(asked.Length == 0, $"Pint asks its upstreams differently from dnsmasq 2.90:\n{asked}");
    }

    [Fact]
    public async Task With_no_negcache_negative_answers_are_asked_upstream_each_time_as_by_dnsmasq()
    {
        await using var comparison = DnsmasqComparison.Create();
        using var dnsmasqUpstreams = new ForwardingScenario.Upstreams();
        using var pintUpstreams = new ForwardingScenario.Upstreams();
        await comparison.StartAsync("no-hosts\nno-resolv\nno-negcache\n", dnsmasqLines: dnsmasqUpstreams.ServerLines(), pintLines: pintUpstreams.ServerLines());
        string[] names = ["nxname.auth.test", "www.auth.test"];
        var queries = names.SelectMany(n => new[] { new DigQuery($"{n} A", Upstream: true), new DigQuery($"{n} A", Upstream: true) }).ToArray();

        var (failures, _) = await comparison.CompareAsync(queries);
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
        foreach (var name in names)
            Assert.Equal(dnsmasqUpstreams.All.Sum(u => u.QueriesFor(name)), pintUpstreams.All.Sum(u => u.QueriesFor(name)));
        Assert.Equal((2, 1), (pintUpstreams.Authoritative.QueriesFor("nxname.auth.test"), pintUpstreams.Authoritative.QueriesFor("www.auth.test")));
    }
}
