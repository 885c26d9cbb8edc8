using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// stop-dns-rebind against the real dnsmasq 2.90: the same upstream answers (private, loopback, public, ULA,
/// link-local, CNAME chains) must reach the client the same way, blocked ones alike (status, flags, EDE), and each
/// server must ask its upstream as often as the other (a blocked answer is not cached). Local names with private
/// addresses are answered by both. Only 127.0.0.1 on the wire.
/// </summary>
public sealed class DnsmasqRebindDifferentialTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pint_withholds_rebinding_answers_like_dnsmasq(bool localhostOk)
    {
        await using var comparison = DnsmasqComparison.Create();
        using var dnsmasqUpstream = RebindScenario.Upstream();
        using var pintUpstream = RebindScenario.Upstream();
        var hosts = Path.Combine(comparison.Directory, "hosts");
        File.WriteAllText(hosts, RebindScenario.HostsFile());
        await comparison.StartAsync(RebindScenario.Config(hosts, localhostOk),
            dnsmasqLines: $"server=127.0.0.1#{dnsmasqUpstream.EndPoint.Port}", pintLines: $"server=127.0.0.1#{pintUpstream.EndPoint.Port}");

        var (failures, slowest) = await comparison.CompareAsync(RebindScenario.Queries());
        var asked = new StringBuilder();
        foreach (var name in RebindScenario.AskedNames())
        {
            int expected = dnsmasqUpstream.QueriesFor(name), actual = pintUpstream.QueriesFor(name);
            if (expected != actual) asked.AppendLine($"  {name}: dnsmasq asked upstream {expected} times | pint {actual}");
        }
        output.WriteLine(slowest);
        output.WriteLine($"dnsmasq log:\n{comparison.DnsmasqLog}");
        Assert.True(failures.Length == 0, $"Pint differs from dnsmasq 2.90:\n{failures}");
        Assert.True(asked.Length == 0, $"Pint caches differently from dnsmasq 2.90:\n{asked}");
        Assert.Contains("possible DNS-rebind attack detected: priv.test", comparison.DnsmasqLog);
    }
}
