using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Dns;

/// <summary>local-service without sockets: which client addresses count as directly connected, and what a refused one costs.</summary>
public class LocalNetworksTests
{
    private static readonly LocalNetworks Lab = LocalNetworks.Of(
    [
        (IPAddress.Parse("10.231.1.1"), 24),
        (IPAddress.Parse("172.20.5.9"), 16),
        (IPAddress.Parse("192.0.2.77"), 32),
        (IPAddress.Parse("fd31:1::1"), 64),
        (IPAddress.Parse("2001:db8:abcd::1"), 48),
        (IPAddress.Parse("fe80::1%2"), 64),
    ]);

    [Theory]
    [InlineData("10.231.1.2", true)]
    [InlineData("10.231.1.255", true)]
    [InlineData("10.231.2.1", false)]   // the next /24 is reached through a router
    [InlineData("10.231.0.255", false)]
    [InlineData("172.20.200.1", true)]  // host bits in the interface address do not matter
    [InlineData("172.21.0.1", false)]
    [InlineData("192.0.2.77", true)]    // a /32 admits only itself
    [InlineData("192.0.2.78", false)]
    [InlineData("127.0.0.1", true)]     // loopback always counts
    [InlineData("127.45.1.2", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("fd31:1::2", true)]
    [InlineData("fd31:1::ffff:ffff:ffff:ffff", true)]
    [InlineData("fd31:1:0:1::2", false)]
    [InlineData("2001:db8:abcd:ff::1", true)]
    [InlineData("2001:db8:abce::1", false)]
    [InlineData("fe80::a00:27ff:fe4e:66a1", true)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("::ffff:10.231.1.9", true)]  // an IPv4 client seen on an IPv6 socket
    [InlineData("::ffff:10.231.3.2", false)]
    public void Directly_connected_networks_and_loopback_are_local(string client, bool local)
    {
        Assert.Equal(local, Lab.Contains(IPAddress.Parse(client)));
    }

    [Fact]
    public void No_interfaces_still_admit_loopback_only()
    {
        var none = LocalNetworks.Of([]);
        Assert.True(none.Contains(IPAddress.Loopback) && none.Contains(IPAddress.IPv6Loopback));
        Assert.False(none.Contains(IPAddress.Parse("10.0.0.1")) || none.Contains(IPAddress.Parse("fd00::1")));
        Assert.Equal("127.0.0.0/8, ::1/128", none.ToString());
    }

    [Fact]
    public void The_set_lists_its_networks_once_each()
    {
        var twice = LocalNetworks.Of([(IPAddress.Parse("10.231.1.1"), 24), (IPAddress.Parse("10.231.1.7"), 24), (IPAddress.Parse("fd31:1::1"), 64)]);
        Assert.Equal("10.231.1.0/24, 127.0.0.0/8, fd31:1::/64, ::1/128", twice.ToString());
    }

    [Fact]
    public void Filter_reads_the_client_from_raw_socket_addresses()
    {
        using var filter = new LocalServiceFilter(new DnsCounters(), null, () => Lab);
        Assert.True(filter.Admits(new IPEndPoint(IPAddress.Parse("10.231.1.2"), 40000).Serialize()));
        Assert.False(filter.Admits(new IPEndPoint(IPAddress.Parse("10.231.3.2"), 40000).Serialize()));
        Assert.True(filter.Admits(new IPEndPoint(IPAddress.Parse("fd31:1::2"), 53).Serialize()));
        Assert.False(filter.Admits(new IPEndPoint(IPAddress.Parse("fd31:3::2"), 53).Serialize()));
        var v4 = new IPEndPoint(IPAddress.Parse("10.231.1.2"), 1).Serialize();
        Assert.True(filter.Admits(AddressFamily.InterNetwork, v4.Buffer.Span[..v4.Size]));
        Assert.False(filter.Admits(AddressFamily.InterNetwork, v4.Buffer.Span[..3])); // too short to hold an address: refused
    }

    [Fact]
    public void Refused_clients_are_all_counted_but_logged_at_most_once_a_minute()
    {
        var counters = new DnsCounters();
        var log = new List<string>();
        long now = 5_000;
        using var filter = new LocalServiceFilter(counters, log.Add, () => Lab, () => now);
        var far = new IPEndPoint(IPAddress.Parse("10.231.3.2"), 5300).Serialize();
        for (int i = 0; i < 100; i++) filter.Admits(far);
        now += 59_000;
        filter.Admits(IPAddress.Parse("fd31:3::2"));
        Assert.Equal(101, counters.RefusedNonLocal);
        Assert.Equal("ignoring query from non-local network 10.231.3.2 (local-service: logged at most once a minute, every one counted)", Assert.Single(log));
        now += 1_000;
        filter.Admits(IPAddress.Parse("fd31:3::2"));
        Assert.Equal(2, log.Count);
        Assert.Contains("fd31:3::2", log[1]);
        filter.Admits(IPAddress.Parse("10.231.1.2"));
        Assert.Equal(102, counters.RefusedNonLocal); // an admitted client is not counted
    }

    [Fact]
    public void Filter_follows_the_interfaces_when_read_again()
    {
        var current = LocalNetworks.Of([]);
        using var filter = new LocalServiceFilter(new DnsCounters(), null, () => current);
        var client = IPAddress.Parse("10.231.4.2");
        Assert.False(filter.Admits(client));
        current = LocalNetworks.Of([(IPAddress.Parse("10.231.4.1"), 24)]);
        filter.Reread();
        Assert.True(filter.Admits(client));
    }

    [Fact]
    public void Checking_a_client_allocates_nothing()
    {
        using var filter = new LocalServiceFilter(new DnsCounters(), null, () => Lab);
        var near = new IPEndPoint(IPAddress.Parse("fd31:1::2"), 53).Serialize();
        var far = new IPEndPoint(IPAddress.Parse("10.231.3.2"), 53).Serialize();
        filter.Admits(near);
        filter.Admits(far); // the first refusal logs (nowhere here) and may allocate; later ones must not
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            filter.Admits(near);
            filter.Admits(far);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
