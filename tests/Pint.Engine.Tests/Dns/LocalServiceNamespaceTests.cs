using System.Diagnostics;
using Xunit;
using static Pint.Engine.Tests.Dns.RoutedDnsLab;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// local-service for real: the service host runs in a namespace of its own with a near client on a directly
/// connected subnet and a far client behind a router (see <see cref="RoutedDnsLab"/>). Pint's default config answers
/// the near one and drops the far one, as dnsmasq does with local-service; a listen-address turns that off.
/// </summary>
public class LocalServiceNamespaceTests
{
    private const string Probe = "probe.lab.test", ProbeAddress = "10.231.9.9";
    private const string Base = $"no-resolv\nno-hosts\nhost-record={Probe},{ProbeAddress}\n";

    [Fact]
    public async Task By_default_only_directly_connected_networks_are_answered_and_new_ones_are_picked_up()
    {
        using var lab = Create();
        using var pint = await NamespacedDnsServer.StartPintAsync(lab, Base, Probe);

        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNear, Probe));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNearV6, Probe));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNear, Probe, "+tcp"));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Router, ServerUplink, Probe)); // the router is on a connected subnet too
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplink, Probe));
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerNear, Probe)); // the source decides, not the address asked
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplinkV6, Probe));
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplink, Probe, "+tcp"));
        Assert.Contains("ignoring query from non-local network 10.231.3.2", pint.Output);

        // A route to a subnet is not an interface on it: a client there is still refused (and could be answered).
        lab.Ip($"-n {lab.Near} addr add 10.231.4.2/24 dev {lab.NearLink}");
        lab.Ip($"-n {lab.Server} route add 10.231.4.0/24 dev {lab.ServerNearLink}");
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Near, ServerNear, Probe, "-b 10.231.4.2"));
        // The server gains an address there while running: the subnet becomes local without a restart.
        lab.Ip($"-n {lab.Server} route del 10.231.4.0/24 dev {lab.ServerNearLink}");
        lab.Ip($"-n {lab.Server} addr add 10.231.4.1/24 dev {lab.ServerNearLink}");
        var waited = Stopwatch.StartNew();
        string answer;
        while ((answer = await lab.DigAsync(lab.Near, "10.231.4.1", Probe, "-b 10.231.4.2", tries: 1)) == "" && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(200);
        Assert.True(answer == ProbeAddress, $"a client on a subnet the server joined while running was not answered within {waited.Elapsed}:\n{pint.Output}");
    }

    [Fact]
    public async Task With_log_queries_the_far_client_is_dropped_too_and_never_logged_as_a_query()
    {
        using var lab = Create();
        using var pint = await NamespacedDnsServer.StartPintAsync(lab, Base + "log-queries\n", Probe); // the unbatched receive loop
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNear, Probe));
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplink, Probe));
        Assert.Contains("from 10.231.1.2", pint.Output);
        Assert.DoesNotContain("from 10.231.3.2", pint.Output);
        Assert.Contains("ignoring query from non-local network 10.231.3.2", pint.Output);
    }

    [Fact]
    public async Task A_listen_address_serves_the_far_network_too_as_in_dnsmasq()
    {
        using var lab = Create();
        // local-service given explicitly changes nothing once a listen address is chosen (dnsmasq 2.90, observed).
        using var pint = await NamespacedDnsServer.StartPintAsync(lab, Base + $"local-service\nlisten-address={ServerNear},{ServerUplink},{ServerUplinkV6}\n", Probe);
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Far, ServerUplink, Probe));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Far, ServerUplinkV6, Probe));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNear, Probe));
    }

    [Fact]
    public async Task Dnsmasq_with_local_service_draws_the_same_line()
    {
        using var lab = Create();
        using var dnsmasq = await NamespacedDnsServer.StartDnsmasqAsync(lab, Base + "local-service\n", Probe);
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Near, ServerNear, Probe));
        Assert.Equal(ProbeAddress, await lab.DigAsync(lab.Router, ServerUplink, Probe));
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplink, Probe));
        Assert.Equal("", await lab.DigUnansweredAsync(lab.Far, ServerUplinkV6, Probe));
        Assert.Contains("ignoring query from non-local network 10.231.3.2", dnsmasq.Output);
    }
}
