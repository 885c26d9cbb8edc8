using System.Net;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Xunit;
using Pint.Engine.Net;

namespace Pint.Engine.Tests.Dhcp;

public class DhcpResponderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly IPAddress Server = IPAddress.Parse("10.77.0.1");
    private static readonly DhcpReceiveContext Lan = new(Server, 24, "eth0");

    /// <summary>The configuration that served the clients in clients-dhcp-dns.pcap.</summary>
    private static DhcpServerOptions CaptureConfig(bool authoritative = false, int leaseMax = 1000) => new()
    {
        Domain = "lab.test",
        Authoritative = authoritative,
        LeaseMax = leaseMax,
        Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.150"), IPAddress.Parse("255.255.255.0"), LeaseTime: TimeSpan.FromHours(1))],
        Hosts = [new DhcpHostReservation(["52:54:00:aa:bb:01"], Address: IPAddress.Parse("10.77.0.20"), Name: "reserved-box")],
        Options = [DhcpOptionSetting.Addresses(DhcpOptionCode.Router, Server)],
    };

    private readonly LeaseStore _leases = LeaseStore.InMemory();
    private readonly RecordingNameSink _names = new();

    private async Task<DhcpDecision> Exchange(DhcpServerOptions options, byte[] packet, DhcpReceiveContext? context = null, DateTimeOffset? at = null)
    {
        var decision = new DhcpResponder(options, _leases).Respond(packet, context ?? Lan, at ?? Now);
        Assert.True(await DhcpDecisionEffects.ApplyAsync(decision, _leases, _names, options.Domain));
        return decision;
    }

    private async Task<IPAddress> Dora(DhcpServerOptions options, DhcpTestPackets client, DhcpReceiveContext? context = null)
    {
        var offer = DhcpTestReply.Read((await Exchange(options, client.Discover(), context)).Reply!);
        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        var ack = DhcpTestReply.Read((await Exchange(options, client.Select(offer.YourAddress, offer.AddressOption(DhcpOptionCode.ServerIdentifier)!), context)).Reply!);
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(offer.YourAddress, ack.YourAddress);
        return ack.YourAddress;
    }

    [Fact]
    public async Task Replayed_capture_gets_the_same_replies_as_dnsmasq()
    {
        var options = CaptureConfig();
        var packets = PcapFile.ReadDhcp("clients-dhcp-dns.pcap");
        for (var i = 0; i + 1 < 12; i += 2)
        {
            var decision = await Exchange(options, packets[i].Payload);
            var ours = DhcpTestReply.Read(decision.Reply!);
            var theirs = DhcpTestReply.Read(packets[i + 1].Payload);
            Assert.Equal(theirs.Type, ours.Type);
            Assert.Equal(theirs.YourAddress, ours.YourAddress);
            Assert.Equal(theirs.ServerAddress, ours.ServerAddress);
            Assert.Equal(theirs.Codes, ours.Codes);
            Assert.All(theirs.Options, o => Assert.Equal(o.Value, ours.Option(o.Code)));
            // dnsmasq answered each of these by unicast to the offered address.
            Assert.Equal(DhcpReplyDestination.YourAddress, decision.Destination);
            Assert.Equal(new IPAddress(packets[i + 1].DestinationAddress), decision.DestinationAddress);
        }
        Assert.Equal(["reserved-box.lab.test", "laptop.lab.test", "vm.lab.test"], _names.Added.Select(a => a.Fqdn));

        await Exchange(options, packets[12].Payload); // dhclient's RELEASE
        Assert.Null(_leases.FindByAddress(IPAddress.Parse("10.77.0.136")));
        Assert.Equal(["vm.lab.test"], _names.Removed);
    }

    [Fact]
    public async Task Replayed_iPXE_boot_gets_the_same_replies_as_dnsmasq()
    {
        var options = new DhcpServerOptions
        {
            DnsEnabled = false,
            Ranges = [new DhcpRange(IPAddress.Parse("10.98.0.50"), IPAddress.Parse("10.98.0.99"), LeaseTime: TimeSpan.FromHours(12))],
            Boots = [new DhcpBoot("boot.ipxe")],
        };
        var context = new DhcpReceiveContext(IPAddress.Parse("10.98.0.1"), 24);
        var packets = PcapFile.ReadDhcp("ipxe-bios-boot.pcap");
        foreach (var (request, answer) in new[] { (0, 2), (4, 5) })
        {
            var ours = DhcpTestReply.Read((await Exchange(options, packets[request].Payload, context)).Reply!);
            var theirs = DhcpTestReply.Read(packets[answer].Payload);
            Assert.Equal(theirs.Type, ours.Type);
            Assert.Equal(theirs.YourAddress, ours.YourAddress);
            Assert.Equal(theirs.ServerAddress, ours.ServerAddress);
            Assert.Equal(theirs.Codes, ours.Codes);
            Assert.All(theirs.Options, o => Assert.Equal(o.Value, ours.Option(o.Code)));
        }
    }

    [Fact]
    public async Task Address_is_stable_from_the_MAC_and_kept_across_renew_and_reboot()
    {
        var options = CaptureConfig();
        var client = new DhcpTestPackets("52:54:00:aa:bb:02");

        var address = await Dora(options, client);
        Assert.Equal(IPAddress.Parse("10.77.0.135"), address); // where dnsmasq put this MAC

        var renewed = await Exchange(options, client.Renew(address), at: Now.AddMinutes(30));
        Assert.Equal(DhcpMessageType.Ack, DhcpTestReply.Read(renewed.Reply!).Type);
        Assert.Equal(DhcpReplyDestination.ClientAddress, renewed.Destination);
        Assert.Equal(Now.AddMinutes(90), _leases.FindByAddress(address)!.Expires);

        // After a reboot the client starts over with DISCOVER: it is offered the same address.
        var offer = DhcpTestReply.Read((await Exchange(options, client.Discover())).Reply!);
        Assert.Equal(address, offer.YourAddress);
    }

    [Fact]
    public async Task Reservation_gives_fixed_address_and_its_name_wins()
    {
        var client = new DhcpTestPackets("52:54:00:aa:bb:01") { HostName = "whatever" };

        var address = await Dora(CaptureConfig(), client);

        Assert.Equal(IPAddress.Parse("10.77.0.20"), address);
        Assert.Equal("reserved-box", _leases.FindByAddress(address)!.HostName);
    }

    [Fact]
    public async Task Reserved_address_is_never_given_to_another_client()
    {
        var options = CaptureConfig();
        var stranger = new DhcpTestPackets("52:54:00:00:00:99");

        var offer = DhcpTestReply.Read((await Exchange(options, stranger.Discover(IPAddress.Parse("10.77.0.20")))).Reply!);
        Assert.NotEqual(IPAddress.Parse("10.77.0.20"), offer.YourAddress);
    }

    [Fact]
    public async Task Ignored_host_gets_no_reply_wildcard_MAC_matches()
    {
        var options = new DhcpServerOptions
        {
            Ranges = CaptureConfig().Ranges,
            Hosts = [new DhcpHostReservation(["de:ad:*:*:*:*"], Ignore: true)],
        };

        var decision = await Exchange(options, new DhcpTestPackets("de:ad:be:ef:00:01").Discover());

        Assert.Null(decision.Reply);
        Assert.Equal(DhcpDropReason.HostIgnored, decision.DropReason);
        Assert.NotNull((await Exchange(options, new DhcpTestPackets("de:ae:be:ef:00:01").Discover())).Reply);
    }

    [Fact]
    public async Task Client_ID_reservation_matches_whatever_the_MAC()
    {
        var options = new DhcpServerOptions
        {
            Ranges = CaptureConfig().Ranges,
            Hosts = [new DhcpHostReservation([], ClientId: "01:02:03", Address: IPAddress.Parse("10.77.0.30"))],
        };
        var client = new DhcpTestPackets("52:54:00:12:12:12") { ClientId = [1, 2, 3] };

        Assert.Equal(IPAddress.Parse("10.77.0.30"), await Dora(options, client));
        Assert.Equal("01:02:03", _leases.FindByAddress(IPAddress.Parse("10.77.0.30"))!.ClientId);
    }

    [Fact]
    public async Task Init_reboot_for_a_wrong_address_is_naked_when_authoritative()
    {
        var options = CaptureConfig(authoritative: true);
        var client = new DhcpTestPackets("52:54:00:aa:bb:02");
        await Dora(options, client);

        var decision = await Exchange(options, client.InitReboot(IPAddress.Parse("192.168.1.50")));

        var nak = DhcpTestReply.Read(decision.Reply!);
        Assert.Equal(DhcpMessageType.Nak, nak.Type);
        Assert.Equal(DhcpReplyDestination.Broadcast, decision.Destination);
        Assert.NotNull(nak.TextOption(DhcpOptionCode.Message));
    }

    [Fact]
    public async Task Init_reboot_from_an_unknown_client_is_ignored_unless_authoritative()
    {
        var client = new DhcpTestPackets("52:54:00:aa:bb:07");
        var wanted = IPAddress.Parse("10.77.0.140");

        Assert.Null((await Exchange(CaptureConfig(), client.InitReboot(wanted))).Reply);

        var ack = DhcpTestReply.Read((await Exchange(CaptureConfig(authoritative: true), client.InitReboot(wanted))).Reply!);
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(wanted, ack.YourAddress);
    }

    [Fact]
    public async Task Request_for_an_address_held_by_another_client_is_naked()
    {
        var options = CaptureConfig();
        var first = await Dora(options, new DhcpTestPackets("52:54:00:aa:bb:02"));

        var decision = await Exchange(options, new DhcpTestPackets("52:54:00:aa:bb:05").Select(first, Server));

        Assert.Equal(DhcpMessageType.Nak, DhcpTestReply.Read(decision.Reply!).Type);
        Assert.Null(decision.LeaseToCommit);
    }

    [Fact]
    public async Task Release_frees_the_address_for_others()
    {
        var options = new DhcpServerOptions { Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.100"))] };
        var first = new DhcpTestPackets("52:54:00:00:00:01") { HostName = "first" };
        var second = new DhcpTestPackets("52:54:00:00:00:02");
        var address = await Dora(options, first);
        Assert.Null((await Exchange(options, second.Discover())).Reply); // the only address is taken

        await Exchange(options, first.Release(address, Server));

        Assert.Empty(_leases.Snapshot());
        Assert.Equal(["first"], _names.Removed);
        Assert.Equal(address, await Dora(options, second));
    }

    [Fact]
    public async Task Release_from_another_client_does_nothing()
    {
        var options = CaptureConfig();
        var address = await Dora(options, new DhcpTestPackets("52:54:00:00:00:01"));

        await Exchange(options, new DhcpTestPackets("52:54:00:00:00:02").Release(address, Server));

        Assert.NotNull(_leases.FindByAddress(address));
    }

    [Fact]
    public async Task Declined_address_is_withheld_for_a_while()
    {
        var options = new DhcpServerOptions { Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.101"))] };
        var client = new DhcpTestPackets("52:54:00:00:00:01");
        var address = await Dora(options, client);

        await Exchange(options, client.Decline(address, Server));

        var next = DhcpTestReply.Read((await Exchange(options, client.Discover(requested: address), at: Now.AddMinutes(5))).Reply!);
        Assert.NotEqual(address, next.YourAddress);
        var later = DhcpTestReply.Read((await Exchange(options, client.Discover(requested: address), at: Now.AddMinutes(11))).Reply!);
        Assert.Equal(address, later.YourAddress);
    }

    [Fact]
    public async Task Inform_gets_options_without_lease()
    {
        var client = new DhcpTestPackets("52:54:00:00:00:01");
        var decision = await Exchange(CaptureConfig(), client.Inform(IPAddress.Parse("10.77.0.77")));

        var ack = DhcpTestReply.Read(decision.Reply!);
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(IPAddress.Any, ack.YourAddress);
        Assert.Null(ack.Option(DhcpOptionCode.LeaseTime));
        Assert.Equal(Server, ack.AddressOption(DhcpOptionCode.Router));
        Assert.Equal(DhcpReplyDestination.ClientAddress, decision.Destination);
        Assert.Null(decision.LeaseToCommit);
        Assert.Empty(_leases.Snapshot());
    }

    [Fact]
    public async Task Lease_max_holds_under_a_flood_of_random_MACs()
    {
        var options = new DhcpServerOptions
        {
            LeaseMax = 20,
            Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.10"), IPAddress.Parse("10.77.0.250"))],
        };
        var random = new Random(42);
        var acks = 0;
        for (var i = 0; i < 200; i++)
        {
            var mac = new byte[6];
            random.NextBytes(mac);
            var client = new DhcpTestPackets(HexText.Format(mac));
            var offer = await Exchange(options, client.Discover());
            if (offer.Reply is null) continue;
            var reply = await Exchange(options, client.Select(DhcpTestReply.Read(offer.Reply).YourAddress, Server));
            if (DhcpTestReply.Read(reply.Reply!).Type == DhcpMessageType.Ack) acks++;
        }
        Assert.Equal(20, acks);
        Assert.Equal(20, _leases.Count);
        Assert.Equal(20, _leases.Snapshot().Select(l => l.Address).Distinct().Count());
    }

    [Fact]
    public async Task Relayed_request_is_served_from_the_relays_network_and_sent_to_the_relay()
    {
        var options = new DhcpServerOptions
        {
            Ranges =
            [
                new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.150")),
                new DhcpRange(IPAddress.Parse("172.16.5.10"), IPAddress.Parse("172.16.5.20"), IPAddress.Parse("255.255.255.0")),
            ],
        };
        var client = new DhcpTestPackets("52:54:00:00:00:01") { RelayAddress = IPAddress.Parse("172.16.5.1") };

        var decision = await Exchange(options, client.Discover());

        var offer = DhcpTestReply.Read(decision.Reply!);
        Assert.InRange(Ipv4.ToValue(offer.YourAddress), Ipv4.ToValue(IPAddress.Parse("172.16.5.10")), Ipv4.ToValue(IPAddress.Parse("172.16.5.20")));
        Assert.Equal(DhcpReplyDestination.Relay, decision.Destination);
        Assert.Equal(IPAddress.Parse("172.16.5.1"), decision.DestinationAddress);
        Assert.Equal(67, decision.DestinationPort);
        Assert.Equal(IPAddress.Parse("172.16.5.255"), offer.AddressOption(DhcpOptionCode.BroadcastAddress));
        Assert.Null(offer.Option(DhcpOptionCode.Router)); // we are not the relayed network's router
    }

    [Fact]
    public async Task Request_from_another_network_without_range_gets_no_offer()
    {
        var client = new DhcpTestPackets("52:54:00:00:00:01") { RelayAddress = IPAddress.Parse("192.168.9.1") };
        Assert.Null((await Exchange(CaptureConfig(), client.Discover())).Reply);
    }

    [Fact]
    public async Task Default_options_follow_the_interface_and_config()
    {
        var options = new DhcpServerOptions
        {
            Domain = "home.arpa",
            Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.150"), LeaseTime: TimeSpan.FromMinutes(10))],
        };
        var offer = DhcpTestReply.Read((await Exchange(options, new DhcpTestPackets("52:54:00:00:00:01").Discover())).Reply!);

        Assert.Equal(IPAddress.Parse("255.255.255.0"), offer.AddressOption(DhcpOptionCode.SubnetMask));
        Assert.Equal(IPAddress.Parse("10.77.0.255"), offer.AddressOption(DhcpOptionCode.BroadcastAddress));
        Assert.Equal(Server, offer.AddressOption(DhcpOptionCode.Router));
        Assert.Equal(Server, offer.AddressOption(DhcpOptionCode.DnsServer));
        Assert.Equal(Server, offer.AddressOption(DhcpOptionCode.ServerIdentifier));
        Assert.Equal("home.arpa", offer.TextOption(DhcpOptionCode.DomainName));
        Assert.Equal(new byte[] { 0, 0, 2, 0x58 }, offer.Option(DhcpOptionCode.LeaseTime));
        Assert.Equal(new byte[] { 0, 0, 1, 0x2c }, offer.Option(DhcpOptionCode.RenewalTime));
        Assert.Equal(new byte[] { 0, 0, 0x02, 0x0d }, offer.Option(DhcpOptionCode.RebindingTime));
        Assert.Null(offer.Option(42)); // asked for, but nothing configured
    }

    [Fact]
    public async Task Infinite_lease_has_no_renewal_times_and_no_expiry()
    {
        var options = new DhcpServerOptions { Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse("10.77.0.150"), LeaseTime: Timeout.InfiniteTimeSpan)] };
        var client = new DhcpTestPackets("52:54:00:00:00:01");
        var address = await Dora(options, client);

        var ack = DhcpTestReply.Read((await Exchange(options, client.Renew(address))).Reply!);
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, ack.Option(DhcpOptionCode.LeaseTime));
        Assert.Null(ack.Option(DhcpOptionCode.RenewalTime));
        Assert.Null(_leases.FindByAddress(address)!.Expires);
    }

    [Fact]
    public async Task Tags_from_match_select_options_and_boot_file()
    {
        var options = new DhcpServerOptions
        {
            Ranges = CaptureConfig().Ranges,
            Matches = [new DhcpMatchRule("ipxe", 175)],
            TagIfs = [new DhcpTagIf(["netboot"], ["ipxe"])],
            Options =
            [
                DhcpOptionSetting.Text(DhcpOptionCode.DomainName, "plain.test"),
                DhcpOptionSetting.Text(DhcpOptionCode.DomainName, "boot.test") with { RequiredTags = ["netboot"] },
                DhcpOptionSetting.Text(252, "http://wpad/") with { Force = true, RequiredTags = ["!ipxe"] },
            ],
            Boots =
            [
                new DhcpBoot("undionly.kpxe"),
                new DhcpBoot("http://boot/menu.ipxe", "bootsrv", IPAddress.Parse("10.77.0.9"), ["ipxe"]),
            ],
        };
        var plain = new DhcpTestPackets("52:54:00:00:00:01");
        var ipxe = new DhcpTestPackets("52:54:00:00:00:02");
        ipxe.ExtraOptions.Add((175, [0xb1, 0x05, 0x01]));

        var plainOffer = DhcpTestReply.Read((await Exchange(options, plain.Discover())).Reply!);
        var ipxeOffer = DhcpTestReply.Read((await Exchange(options, ipxe.Discover())).Reply!);

        Assert.Equal("plain.test", plainOffer.TextOption(DhcpOptionCode.DomainName));
        Assert.Equal("boot.test", ipxeOffer.TextOption(DhcpOptionCode.DomainName));
        Assert.Equal("http://wpad/", plainOffer.TextOption(252)); // forced although not requested
        Assert.Null(ipxeOffer.Option(252));
        Assert.Equal("undionly.kpxe", plainOffer.BootFile);
        Assert.Equal(Server, plainOffer.ServerAddress);
        Assert.Equal("http://boot/menu.ipxe", ipxeOffer.BootFile);
        Assert.Equal(IPAddress.Parse("10.77.0.9"), ipxeOffer.ServerAddress);
    }

    [Fact]
    public async Task Host_name_from_the_client_is_recorded_and_published_qualified()
    {
        var client = new DhcpTestPackets("52:54:00:00:00:01") { HostName = "Kitchen-PC.local" };

        var address = await Dora(CaptureConfig(), client);

        Assert.Equal("Kitchen-PC", _leases.FindByAddress(address)!.HostName);
        Assert.Equal(("Kitchen-PC.lab.test", address), _names.Added.Single());
    }

    [Fact]
    public async Task An_illegal_client_host_name_is_not_used()
    {
        var client = new DhcpTestPackets("52:54:00:00:00:01") { HostName = "bad name!" };
        var address = await Dora(CaptureConfig(), client);
        Assert.Null(_leases.FindByAddress(address)!.HostName);
        Assert.Empty(_names.Added);
    }

    [Fact]
    public async Task Broadcast_flag_makes_the_reply_broadcast()
    {
        var decision = await Exchange(CaptureConfig(), new DhcpTestPackets("52:54:00:00:00:01") { Broadcast = true }.Discover());
        Assert.Equal(DhcpReplyDestination.Broadcast, decision.Destination);
        Assert.Equal(IPAddress.Broadcast, decision.DestinationAddress);
    }

    [Fact]
    public async Task Malformed_packet_is_dropped_with_a_reason()
    {
        var packet = new DhcpTestPackets("52:54:00:00:00:01").Discover();
        packet[236] = 0;
        var decision = await Exchange(CaptureConfig(), packet);
        Assert.Null(decision.Reply);
        Assert.Equal(DhcpDropReason.Malformed, decision.DropReason);
        Assert.Contains("magic cookie", decision.Detail);
    }

    [Fact]
    public async Task No_ACK_is_sent_when_the_lease_cannot_be_stored()
    {
        using var disk = DhcpTestTools.MountTinyDisk(64);
        if (disk is null) return;
        await using var store = LeaseStore.Open(Path.Combine(disk.Path, "leases"), Now);
        disk.Fill();
        var client = new DhcpTestPackets("52:54:00:00:00:01") { HostName = "pc" };

        var decision = new DhcpResponder(CaptureConfig(), store).Respond(client.Select(IPAddress.Parse("10.77.0.120"), Server), Lan, Now);
        Assert.NotNull(decision.LeaseToCommit);
        var sendable = await DhcpDecisionEffects.ApplyAsync(decision, store, _names, "lab.test");

        Assert.False(sendable);
        Assert.Empty(store.Snapshot());
        Assert.Empty(_names.Added);
    }

    private sealed class RecordingNameSink : ILeaseNameSink
    {
        public List<(string Fqdn, IPAddress Address)> Added { get; } = [];
        public List<string> Removed { get; } = [];
        public void Add(string fqdn, IPAddress address) => Added.Add((fqdn, address));
        public void Remove(string fqdn) => Removed.Add(fqdn);
    }
}
