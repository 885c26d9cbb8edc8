using Xunit;
using static Pint.Engine.Tests.Dns.RoutedDnsLab;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// A multi-homed server listening on all addresses (the default config) in a <see cref="RoutedDnsLab"/>: the server
/// gets a second address on the near client's subnet, and the client asks that one. Left to the route, the reply
/// leaves from the subnet's first address (IPv4: the route's src; IPv6: the second address is deprecated, and the
/// kernel never picks a deprecated source) and dig drops it as coming from an unexpected source. Pint, like dnsmasq,
/// answers from the address asked: local answers, forwarded ones, with and without log-queries (two receive loops).
/// </summary>
public class WildcardReplySourceNamespaceTests
{
    private const string Probe = "probe.lab.test", ProbeAddress = "10.231.9.9";
    private const string SecondV4 = "10.231.1.53", SecondV6 = "fd31:1::53";
    private const int UpstreamPort = 5300;
    private static readonly (string Name, string Address)[] Upstream = [("far4.upstream.test", "10.231.8.4"), ("far6.upstream.test", "10.231.8.6")];

    [Theory]
    [InlineData("pint")]
    [InlineData("pint with log-queries")]
    [InlineData("dnsmasq")]
    public async Task A_client_asking_a_second_address_of_the_server_is_answered_from_that_address(string server)
    {
        using var lab = Create();
        lab.Ip($"-n {lab.Server} addr add {SecondV4}/24 dev {lab.ServerNearLink}");
        lab.Ip($"-n {lab.Server} addr add {SecondV6}/64 dev {lab.ServerNearLink} nodad preferred_lft 0");
        using var upstream = await NamespacedDnsServer.StartUpstreamAsync(lab, UpstreamPort, Upstream);
        var config = $"no-resolv\nno-hosts\nhost-record={Probe},{ProbeAddress}\nserver=127.0.0.1#{UpstreamPort}\n";
        using var dns = server switch
        {
            "pint" => await NamespacedDnsServer.StartPintAsync(lab, config, Probe),
            "pint with log-queries" => await NamespacedDnsServer.StartPintAsync(lab, config + "log-queries\n", Probe),
            _ => await NamespacedDnsServer.StartDnsmasqAsync(lab, config, Probe),
        };

        await AssertAnswerAsync(lab, dns, ServerNear, Probe, ProbeAddress); // the address the route picks anyway
        // A forwarded name of its own per address, so neither answer is a cache hit.
        foreach (var (asked, forwarded) in new[] { (SecondV4, Upstream[0]), (SecondV6, Upstream[1]) })
        {
            await AssertAnswerAsync(lab, dns, asked, Probe, ProbeAddress);
            await AssertAnswerAsync(lab, dns, asked, forwarded.Name, forwarded.Address);
        }
    }

    private static async Task AssertAnswerAsync(RoutedDnsLab lab, NamespacedDnsServer dns, string asked, string name, string expected)
    {
        // dig prints ";; reply from unexpected source" (or times out) for an answer from another address: no answer.
        var answer = await lab.DigAsync(lab.Near, asked, name);
        Assert.True(answer == expected, $"{name} asked at {asked}: got '{answer}', expected {expected} from {asked}\n{dns.Output}");
    }
}
