using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Ra;
using Pint.Engine.Dns;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// ra-names without sockets: the EUI-64 guess, which leases on which links are guessed at, the probe schedule and
/// what is published and withdrawn (a fake registry, and DNS's real registry of DHCP names), and the loop with a fake ping.
/// </summary>
public class RaNamesTests
{
    private static readonly IPAddress Slaac = IPAddress.Parse("fd00:77::5054:ff:fe12:3456");

    [Theory]
    [InlineData("52:54:00:12:34:56", "5054:ff:fe12:3456")]
    [InlineData("00:1b:a9:fa:98:a9", "21b:a9ff:fefa:98a9")]
    [InlineData("02:00:00:00:00:01", "0:ff:fe00:1")]
    [InlineData("06-52:54:00:12:34:56", "5054:ff:fe12:3456")] // IEEE 802, as dnsmasq
    [InlineData("1b-00:11:22:33:44:55:66:77", "211:2233:4455:6677")] // EUI-64 hardware: the address itself, U/L bit flipped
    public void The_interface_id_is_the_modified_EUI_64_of_the_MAC(string mac, string id)
    {
        Assert.Equal(IPAddress.Parse("fd00:77::" + id), SlaacGuess.Address(IPAddress.Parse("fd00:77::"), mac));
        Assert.Equal(IPAddress.Parse("::" + id).GetAddressBytes()[8..], SlaacGuess.InterfaceId(mac));
    }

    [Theory]
    [InlineData("20-00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33")] // InfiniBand
    [InlineData("52:54:00:12:34")]
    [InlineData("52:54:00:12:34:zz")]
    [InlineData("")]
    public void Other_hardware_gives_no_guess(string mac)
    {
        Assert.Null(SlaacGuess.InterfaceId(mac));
        Assert.Null(SlaacGuess.Address(IPAddress.Parse("fd00:77::"), mac));
    }

    [Fact]
    public void The_guess_keeps_only_the_upper_64_bits_of_the_prefix() =>
        Assert.Equal(Slaac, SlaacGuess.Address(IPAddress.Parse("fd00:77::1000"), "52:54:00:12:34:56"));

    private static IReadOnlyList<DhcpRange6> Ranges(string lines)
    {
        var result = ConfigAssert.Load(lines);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Config.Dhcp.Ranges6;
    }

    private static (string, IReadOnlyList<(IPAddress, int)>) Nic(string name, params string[] addresses) =>
        (name, addresses.Select(a => a.Split('/')).Select(p => (IPAddress.Parse(p[0]), int.Parse(p[1]))).ToList());

    private static DhcpLease Lease(string address, string mac, string? name, DateTimeOffset? expires = null) =>
        new(IPAddress.Parse(address), mac, name, null, expires ?? DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public void Only_links_with_an_IPv4_network_and_an_ra_names_prefix_count()
    {
        var ranges = Ranges("""
            dhcp-range=10.77.0.100,10.77.0.200,12h
            dhcp-range=fd00:77::,ra-names,64,12h
            dhcp-range=fd00:78::,slaac,64,12h
            dhcp-range=::1000,::1fff,constructor:lan*,ra-names,slaac,64
            """);
        var links = RaNamesLink.From(ranges, [
            Nic("eth0", "10.77.0.1/24", "fd00:77::1/64", "fe80::1/64"),
            Nic("eth1", "10.78.0.1/24", "fd00:78::1/64"),           // slaac only: no names
            Nic("eth2", "fd00:77::2/64"),                            // no IPv4 lease can be there
            Nic("lan5", "10.79.0.1/24", "2001:db8:5:6::1/64", "fe80::5/64"), // constructor: completed from the link's prefix
        ]);
        Assert.Equal(["eth0", "lan5"], links.Select(l => l.Name));
        Assert.Equal([IPAddress.Parse("fd00:77::")], links[0].Prefixes);
        Assert.Equal([IPAddress.Parse("2001:db8:5:6::")], links[1].Prefixes);
        Assert.Empty(RaNamesLink.From(Ranges("dhcp-range=fd00:77::,slaac,64"), [Nic("eth0", "10.77.0.1/24", "fd00:77::1/64")]));
    }

    [Fact]
    public void Live_named_leases_on_the_link_are_guessed_at()
    {
        var links = RaNamesLink.From(Ranges("dhcp-range=fd00:77::,ra-names,64"), [Nic("eth0", "10.77.0.1/24", "fd00:77::1/64")]);
        var now = DateTimeOffset.UtcNow;
        var candidates = RaNamesLink.Candidates([
            Lease("10.77.0.157", "52:54:00:12:34:56", "alpha"),
            Lease("10.77.0.158", "52:54:00:12:34:57", null),                             // no name
            Lease("10.77.0.159", "52:54:00:12:34:58", "gone", now.AddSeconds(-1)),      // expired
            Lease("10.99.0.5", "52:54:00:12:34:59", "relayed"),                          // not on a served link
            Lease("10.77.0.160", "20-00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33", "ib"), // no EUI-64
        ], links, now).ToList();
        Assert.Equal([new RaNameCandidate("alpha", Slaac, "eth0")], candidates);
    }

    private sealed class FakeRegistry : IRaNameRegistry
    {
        public readonly Dictionary<string, IPAddress> V6 = new(StringComparer.OrdinalIgnoreCase);
        public readonly List<string> Calls = [];
        public IPAddress? CurrentV6(string name) => V6.GetValueOrDefault(name);
        public void Publish(string name, IPAddress address) { V6[name] = address; Calls.Add($"publish {name} {address}"); }
        public void Withdraw(string name) { V6.Remove(name); Calls.Add($"withdraw {name}"); }
    }

    private static readonly RaNameCandidate Alpha = new("alpha", Slaac, "eth0");

    [Fact]
    public void A_guess_is_pinged_at_once_then_on_a_backoff_and_published_once_it_answers()
    {
        var registry = new FakeRegistry();
        var probes = new RaNameProbes(registry, new Random(1));
        var t = DateTime.UtcNow;
        Assert.Equal([Alpha], probes.Update([Alpha], t));
        Assert.Empty(probes.Update([Alpha], t.AddSeconds(0.9))); // the second ping comes 1-4 s after the first
        var pings = new List<double>();
        for (var s = 1.0; s < 30; s += 0.25)
            if (probes.Update([Alpha], t.AddSeconds(s)).Count > 0) pings.Add(s);
        // dnsmasq's gaps: 1+r, 2+r, 4+r, 8+r (r in 0..3), then 16 and more (the fifth comes after 31 s at the earliest).
        Assert.Equal(4, pings.Count);
        var gaps = pings.Prepend(0).Zip(pings, (a, b) => b - a).ToList();
        for (var i = 0; i < 4; i++) Assert.InRange(gaps[i], 1 << i, (1 << i) + 3.25);
        Assert.Empty(registry.Calls);

        Assert.Equal([Alpha], probes.Confirm(Slaac));
        Assert.Equal(["publish alpha fd00:77::5054:ff:fe12:3456"], registry.Calls);
        Assert.Empty(probes.Confirm(Slaac)); // a second reply changes nothing
        Assert.Empty(probes.Update([Alpha], t.AddHours(1))); // confirmed: no more pings
        Assert.Equal([Alpha], probes.ConfirmedNames);
        Assert.Single(registry.Calls);
    }

    [Fact]
    public void The_name_is_withdrawn_when_the_lease_ends()
    {
        var registry = new FakeRegistry();
        var probes = new RaNameProbes(registry);
        var t = DateTime.UtcNow;
        probes.Update([Alpha], t);
        probes.Confirm(Slaac);
        probes.Update([], t.AddSeconds(1));
        Assert.Equal(["publish alpha fd00:77::5054:ff:fe12:3456", "withdraw alpha"], registry.Calls);
        Assert.Equal(0, probes.Count);
        // An unconfirmed guess that goes withdraws nothing.
        probes.Update([Alpha], t.AddSeconds(2));
        probes.Update([], t.AddSeconds(3));
        Assert.Equal(2, registry.Calls.Count);
    }

    [Fact]
    public void A_name_DHCPv6_gave_another_address_is_left_alone()
    {
        var dhcp6 = IPAddress.Parse("fd00:77::1234");
        var registry = new FakeRegistry();
        registry.V6["alpha"] = dhcp6;
        var probes = new RaNameProbes(registry);
        var t = DateTime.UtcNow;
        probes.Update([Alpha], t);
        Assert.Equal([Alpha], probes.Confirm(Slaac));
        probes.Update([Alpha], t.AddSeconds(1));
        probes.Update([], t.AddSeconds(2)); // the DHCPv4 lease ends: DHCPv6's address stays
        Assert.Empty(registry.Calls);
        Assert.Equal(dhcp6, registry.V6["alpha"]);
    }

    [Fact]
    public void A_confirmed_name_is_published_again_once_the_registry_lost_it()
    {
        var dhcp6 = IPAddress.Parse("fd00:77::1234");
        var registry = new FakeRegistry();
        var probes = new RaNameProbes(registry);
        var t = DateTime.UtcNow;
        probes.Update([Alpha], t);
        probes.Confirm(Slaac);
        // DHCPv6 names the host later: its address replaces the guess, which is then not withdrawn over it.
        registry.V6["alpha"] = dhcp6;
        probes.Update([Alpha], t.AddSeconds(1));
        Assert.Equal(dhcp6, registry.V6["alpha"]);
        // The DHCPv6 lease goes (or DNS restarted, empty): the guess answers again.
        registry.V6.Remove("alpha");
        probes.Update([Alpha], t.AddSeconds(2));
        Assert.Equal(Slaac, registry.V6["alpha"]);
        probes.Clear();
        Assert.False(registry.V6.ContainsKey("alpha"));
    }

    [Fact]
    public void A_renamed_or_moved_host_swaps_its_name()
    {
        var registry = new FakeRegistry();
        var probes = new RaNameProbes(registry);
        var t = DateTime.UtcNow;
        probes.Update([Alpha], t);
        probes.Confirm(Slaac);
        var beta = Alpha with { Name = "beta" };
        Assert.Equal([beta], probes.Update([beta], t.AddSeconds(1))); // a new name is a new guess, pinged at once
        Assert.False(registry.V6.ContainsKey("alpha"));
        probes.Confirm(Slaac);
        Assert.Equal(Slaac, registry.V6["beta"]);
    }

    [Fact]
    public void Through_DNS_registry_the_guess_answers_AAAA_and_PTR_and_goes_leaving_the_A_record()
    {
        var dns = new DynamicNames("lab.test", 0);
        dns.AddOrUpdate("alpha", IPAddress.Parse("10.77.0.157")); // what DHCPv4 published
        var registry = RaNames.Registry(() => dns);
        var probes = new RaNameProbes(registry);
        probes.Update([Alpha], DateTime.UtcNow);
        probes.Confirm(Slaac);
        var records = dns.Find(DnsName.FromText("alpha.lab.test"));
        Assert.NotNull(records);
        Assert.Equal([Slaac.GetAddressBytes()], records.Aaaa);
        Assert.Single(records.A);
        Assert.Equal(Slaac, registry.CurrentV6("alpha"));
        var ptr = dns.Find(DnsName.ReverseOf(Slaac));
        Assert.NotNull(ptr);
        Assert.Equal([DnsName.FromText("alpha.lab.test")], ptr.Ptr);

        probes.Update([], DateTime.UtcNow);
        records = dns.Find(DnsName.FromText("alpha.lab.test"));
        Assert.NotNull(records);
        Assert.Empty(records.Aaaa);
        Assert.Single(records.A);
        Assert.Null(dns.Find(DnsName.ReverseOf(Slaac)));
        Assert.Null(registry.CurrentV6("alpha"));
        // DNS off: nothing to publish into, nothing thrown.
        var none = RaNames.Registry(() => null);
        none.Publish("alpha", Slaac);
        none.Withdraw("alpha");
        Assert.Null(none.CurrentV6("alpha"));
    }

    [Fact]
    public async Task The_loop_reads_the_lease_table_pings_and_publishes()
    {
        var dns = new DynamicNames("lab.test", 0);
        var leases = new List<DhcpLease> { Lease("10.77.0.157", "52:54:00:12:34:56", "alpha") };
        var pinged = new List<IPAddress>();
        var answering = false;
        var log = new List<string>();
        var names = new RaNames(Ranges("dhcp-range=fd00:77::,ra-names,64"), () => { lock (leases) return leases.ToList(); }, RaNames.Registry(() => dns),
            (address, _) => { lock (pinged) pinged.Add(address); return Task.FromResult(Volatile.Read(ref answering)); },
            () => [Nic("eth0", "10.77.0.1/24", "fd00:77::1/64")]) { Log = line => { lock (log) log.Add(line); } };
        names.Start();
        try
        {
            await Until(() => { lock (pinged) return pinged.Count > 0; });
            Assert.Null(dns.Find(DnsName.ReverseOf(Slaac))); // no answer yet: no name
            Volatile.Write(ref answering, true);
            await Until(() => dns.Find(DnsName.ReverseOf(Slaac)) is not null, 10);
            lock (pinged) Assert.All(pinged, a => Assert.Equal(Slaac, a));
            lock (log) Assert.Equal(["SLAAC-CONFIRM(eth0) fd00:77::5054:ff:fe12:3456 alpha"], log);
            Assert.Equal(1, names.Confirmed);
            lock (leases) leases.Clear();
            await Until(() => dns.Find(DnsName.ReverseOf(Slaac)) is null);
        }
        finally
        {
            await names.DisposeAsync();
        }
    }

    private static async Task Until(Func<bool> condition, int seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
