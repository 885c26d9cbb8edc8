using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// bogus-nxdomain, alias, filterwin2k, mx-target, localmx and selfmx against the real dnsmasq 2.90: the same
/// upstream answers reach the client the same way (status, flags, EDE, records), and each server asks its
/// upstream as often as the other. The machine's own name gets mx-target's MX record on both. Only 127.0.0.1 on the wire.
/// </summary>
public sealed class DnsmasqRewriteDifferentialTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pint_rewrites_filters_and_makes_mx_records_like_dnsmasq(bool selfMx)
    {
        await using var comparison = DnsmasqComparison.Create();
        using var dnsmasqUpstream = UpstreamRewriteScenario.Upstream();
        using var pintUpstream = UpstreamRewriteScenario.Upstream();
        var hosts = Path.Combine(comparison.Directory, "hosts");
        File.WriteAllText(hosts, UpstreamRewriteScenario.HostsFile());
        await comparison.StartAsync(UpstreamRewriteScenario.Config(hosts, selfMx),
            dnsmasqLines: $"server=127.0.0.1#{dnsmasqUpstream.EndPoint.Port}", pintLines: $"server=127.0.0.1#{pintUpstream.EndPoint.Port}");

        var queries = UpstreamRewriteScenario.Queries().Append(new DigQuery($"{Environment.MachineName} MX"));
        var (failures, slowest) = await comparison.CompareAsync(queries);
        var asked = new StringBuilder();
        foreach (var name in UpstreamRewriteScenario.AskedNames())
        {
            int expected = dnsmasqUpstream.QueriesFor(name), actual = pintUpstream.QueriesFor(name);
            if (expected != actual) asked.AppendLine($"  {name}: dnsmasq asked upstream {expected} times | pint {actual}");
        }
        output.WriteLine(slowest);
        output.WriteLine($"dnsmasq log:\n{comparison.DnsmasqLog}");
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
        Assert.True(asked.Length == 0, $"Pint asks its upstream differently from dnsmasq 2.90:\n{asked}");
    }

    [Fact]
    public async Task With_localise_queries_a_name_answers_with_its_addresses_on_the_query_subnet_like_dnsmasq()
    {
        await using var comparison = DnsmasqComparison.Create();
        var hosts = Path.Combine(comparison.Directory, "hosts");
        // 127.0.0.1, where both servers listen, is on 127.0.0.0/8: only the 127.x addresses of "multi" answer there.
        File.WriteAllText(hosts, "127.0.0.5 multi\n10.1.1.1 multi\n192.168.9.9 multi\n127.0.0.6 multi\n10.2.2.2 other\n10.3.3.3 other\nfd00::1 other\n");
        await comparison.StartAsync($"no-hosts\nno-resolv\naddn-hosts={hosts}\nlocalise-queries\n");

        var queries = new[] { "multi A", "multi A", "multi A +tcp", "other A", "other AAAA", "multi ANY", "-x 10.1.1.1" }.Select(q => new DigQuery(q));
        var (failures, slowest) = await comparison.CompareAsync(queries);
        output.WriteLine(slowest);
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
    }
}
