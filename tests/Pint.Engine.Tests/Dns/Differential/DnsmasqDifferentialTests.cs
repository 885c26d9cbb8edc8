using System.Net;
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
}
