using System.Net;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// The DHCP options that LXD, Pi-hole and OpenWrt write: dhcp-rapid-commit, dhcp-name-match with dhcp-ignore-names,
/// dhcp-broadcast and no-dhcp-interface, as dnsmasq's man page gives them.
/// </summary>
public class DhcpGeneratorOptionsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly IPAddress Server = IPAddress.Parse("10.77.0.1");
    private static readonly DhcpReceiveContext Lan = new(Server, 24, "eth0");
    private readonly LeaseStore _leases = LeaseStore.InMemory();

    private static DhcpServerOptions Options(Func<DhcpServerOptions, DhcpServerOptions>? change = null)
    {
        var options = new DhcpServerOptions
        {
            Domain = "lan",
            Authoritative = true,
            Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.150"), IPAddress.Parse("255.255.255.0"), LeaseTime: TimeSpan.FromHours(1))],
        };
        return change?.Invoke(options) ?? options;
    }

    private async Task<DhcpDecision> Exchange(DhcpServerOptions options, byte[] packet, DhcpReceiveContext? context = null)
    {
        var decision = new DhcpResponder(options, _leases).Respond(packet, context ?? Lan, Now);
        if (decision.Reply is not null) Assert.True(await DhcpDecisionEffects.ApplyAsync(decision, _leases, new NoNames(), options.Domain));
        return decision;
    }

    private async Task<DhcpLease> Dora(DhcpServerOptions options, DhcpTestPackets client)
    {
        var offer = DhcpTestReply.Read((await Exchange(options, client.Discover())).Reply!);
        var ack = DhcpTestReply.Read((await Exchange(options, client.Select(offer.YourAddress, Server))).Reply!);
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        return _leases.FindByAddress(ack.YourAddress)!;
    }

    [Fact]
    public async Task Rapid_commit_answers_a_discover_that_asks_for_it_with_an_ack_and_a_committed_lease()
    {
        var client = new DhcpTestPackets("52:54:00:aa:cc:01");
        client.ExtraOptions.Add((DhcpOptionCode.RapidCommit, []));
        var decision = await Exchange(Options(o => o with { RapidCommit = true }), client.Discover());
        var ack = DhcpTestReply.Read(decision.Reply!);
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.NotNull(ack.Option(DhcpOptionCode.RapidCommit));
        Assert.Equal(ack.YourAddress, decision.LeaseToCommit!.Address);
        Assert.NotNull(_leases.FindByAddress(ack.YourAddress));
    }

    [Theory]
    [InlineData(false, true)]   // not configured: an ordinary OFFER
    [InlineData(true, false)]   // configured, but the client did not ask
    public async Task Without_both_sides_asking_a_discover_gets_an_offer(bool configured, bool clientAsks)
    {
        var client = new DhcpTestPackets("52:54:00:aa:cc:02");
        if (clientAsks) client.ExtraOptions.Add((DhcpOptionCode.RapidCommit, []));
        var offer = DhcpTestReply.Read((await Exchange(Options(o => o with { RapidCommit = configured }), client.Discover())).Reply!);
        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        Assert.Null(offer.Option(DhcpOptionCode.RapidCommit));
    }

    [Theory]
    [InlineData("wpad", null)]
    [InlineData("WPAD", null)]
    [InlineData("localhost", null)]
    [InlineData("laptop", "laptop")]
    public async Task A_name_matched_by_dhcp_name_match_and_ignored_by_tag_is_not_taken(string clientName, string? leased)
    {
        // Pi-hole's and OpenWrt's lines: dhcp-name-match=set:hostname-ignore,wpad (and localhost), dhcp-ignore-names=tag:hostname-ignore.
        var options = Options(o => o with
        {
            NameMatches = [new DhcpNameMatchRule("hostname-ignore", "wpad", false), new DhcpNameMatchRule("hostname-ignore", "local", true)],
            IgnoreNames = [["hostname-ignore"]],
        });
        var lease = await Dora(options, new DhcpTestPackets("52:54:00:aa:cc:03") { HostName = clientName });
        Assert.Equal(leased, lease.HostName);
    }

    [Fact]
    public async Task Dhcp_ignore_names_without_tags_ignores_every_clients_own_name_but_not_a_reservations()
    {
        var options = Options(o => o with
        {
            IgnoreNames = [[]],
            Hosts = [new DhcpHostReservation(["52:54:00:aa:cc:05"], Name: "printer")],
        });
        Assert.Null((await Dora(options, new DhcpTestPackets("52:54:00:aa:cc:04") { HostName = "laptop" })).HostName);
        Assert.Equal("printer", (await Dora(options, new DhcpTestPackets("52:54:00:aa:cc:05") { HostName = "other" })).HostName);
    }

    [Fact]
    public async Task Dhcp_broadcast_answers_a_tagged_unconfigured_client_by_broadcast()
    {
        var client = new DhcpTestPackets("52:54:00:aa:cc:06");
        var plain = await Exchange(Options(), client.Discover());
        Assert.Equal(DhcpReplyDestination.YourAddress, plain.Destination);
        // OpenWrt: dhcp-broadcast=tag:needs-broadcast; the interface name is a tag, as in dnsmasq.
        var tagged = await Exchange(Options(o => o with { BroadcastTags = [["eth0"]] }), client.Discover());
        Assert.Equal(DhcpReplyDestination.Broadcast, tagged.Destination);
        var other = await Exchange(Options(o => o with { BroadcastTags = [["needs-broadcast"]] }), client.Discover());
        Assert.Equal(DhcpReplyDestination.YourAddress, other.Destination);
    }

    [Fact]
    public async Task No_dhcp_interface_leaves_requests_on_that_interface_unanswered()
    {
        var options = Options(o => o with { NoDhcpInterfaces = ["eth1"] });
        var client = new DhcpTestPackets("52:54:00:aa:cc:07");
        var dropped = await Exchange(options, client.Discover(), new DhcpReceiveContext(Server, 24, "eth1"));
        Assert.Null(dropped.Reply);
        Assert.Equal(DhcpDropReason.InterfaceNotServed, dropped.DropReason);
        Assert.NotNull((await Exchange(options, client.Discover())).Reply);
    }

    private sealed class NoNames : ILeaseNameSink
    {
        public void Add(string fqdn, IPAddress address) { }
        public void Remove(string fqdn) { }
    }
}
