using System.Net;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Wire;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

public class Dhcp6ResponderTests
{
    private static readonly byte[] ServerDuid = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01");
    private static readonly byte[] Dhclient = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:9a:a6:7e:12:c0:0e:07");
    private const uint DhclientIaid = 314576391;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_796_636_956);

    private static (Dhcp6Link, Dhcp6ServerOptions) Setup(string config, string serverAddress = "fd00:77::1")
    {
        var c = ConfigAssert.Clean("port=0\n" + config);
        var addresses = new List<(IPAddress, int)> { (IPAddress.Parse(serverAddress), 64), (IPAddress.Parse("fe80::5054:ff:feaa:1"), 64) };
        var pools = c.Dhcp.Ranges6.SelectMany(r => Dhcp6Pool.ForLink(r, "eth0", addresses)).ToList();
        return (new Dhcp6Link("eth0", addresses.Select(a => a.Item1).ToList(), pools), Dhcp6ServerOptions.FromConfig(c, ServerDuid));
    }

    private static Dhcp6Decision Ask(byte[] packet, Dhcp6Link link, Dhcp6ServerOptions options, Dhcp6LeaseTable leases, DateTimeOffset? at = null)
    {
        Assert.True(Dhcp6RequestReader.TryRead(packet, out var request, out var why), why.ToString());
        var decision = Dhcp6Responder.Respond(request!, link, options, leases, at ?? Now);
        foreach (var change in decision.Changes) leases.Apply(change, TimeSpan.FromHours(1));
        return decision;
    }

    [Fact]
    public void Addresses_are_the_ones_dnsmasq_gave_the_same_clients()
    {
        // Observed from dnsmasq 2.90: dhclient -6 with this DUID and IAID got fd00:77::11c from ::100-::1ff.
        var (link, options) = Setup("dhcp-range=fd00:77::100,fd00:77::1ff,64,12h");
        var advertise = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, Dhclient, iaid: DhclientIaid), link, options, new Dhcp6LeaseTable()).Reply!;
        Assert.Equal(IPAddress.Parse("fd00:77::11c"), advertise.IaNa[0].Addresses[0].Address);

        // And five DUID-LLs 00:03:00:01:52:54:00:00:00:XX (XX = 37n) from ::1000-::13e7 (1000 addresses: not a power of two).
        (link, options) = Setup("dhcp-range=fd00:77::1000,fd00:77::13e7,64,12h");
        string[] expected = ["fd00:77::1302", "fd00:77::1327", "fd00:77::134c", "fd00:77::1371", "fd00:77::1396"];
        for (var n = 1; n <= 5; n++)
        {
            var duid = new byte[] { 0, 3, 0, 1, 0x52, 0x54, 0, 0, 0, (byte)(n * 37) };
            var reply = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, duid, iaid: DhclientIaid), link, options, new Dhcp6LeaseTable()).Reply!;
            Assert.Equal(IPAddress.Parse(expected[n - 1]), reply.IaNa[0].Addresses[0].Address);
        }
    }

    [Fact]
    public void Solicit_advertises_without_binding_and_request_binds_with_the_clients_shorter_lifetimes()
    {
        var (link, options) = Setup("""
            dhcp-range=fd00:77::100,fd00:77::1ff,64,12h
            dhcp-option=option6:dns-server,[::],[fd00:77::53]
            dhcp-option=option6:domain-search,lab.test
            dhcp-option=option6:ntp-server,[fd00:77::123]
            """);
        var leases = new Dhcp6LeaseTable();
        var ad = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, Dhclient, iaid: DhclientIaid, oro: [23, 24]), link, options, leases);
        Assert.Empty(ad.Changes);
        var advertise = ad.Reply!;
        Assert.Equal(Dhcp6MessageType.Advertise, advertise.Type);
        Assert.Equal((byte)0, advertise.Preference);
        // As dnsmasq: T1 = half, T2 = 7/8 of the preferred lifetime; lifetimes the range's 12h.
        Assert.Equal((21600u, 37800u), (advertise.IaNa[0].T1, advertise.IaNa[0].T2));
        Assert.Equal((43200u, 43200u), (advertise.IaNa[0].Addresses[0].PreferredLifetime, advertise.IaNa[0].Addresses[0].ValidLifetime));
        // Only requested options: ntp-server (56) was not asked for.
        Assert.Equal([(ushort)23, (ushort)24], advertise.Options.Select(o => o.Code));
        Assert.Equal(IPAddress.Parse("fd00:77::1"), new IPAddress(advertise.Options[0].Data.AsSpan(0, 16)));
        Assert.Equal(0, leases.Count);

        var address = advertise.IaNa[0].Addresses[0].Address;
        var reply = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 2, Dhclient, ServerDuid, DhclientIaid, address, 7200, 7500, [23]), link, options, leases).Reply!;
        Assert.Equal(Dhcp6MessageType.Reply, reply.Type);
        Assert.Equal((3600u, 6300u), (reply.IaNa[0].T1, reply.IaNa[0].T2));
        Assert.Equal((7200u, 7500u), (reply.IaNa[0].Addresses[0].PreferredLifetime, reply.IaNa[0].Addresses[0].ValidLifetime));
        var lease = Assert.Single(leases.Snapshot());
        Assert.Equal((address, Now.AddSeconds(7500)), (lease.Address, lease.Expires!.Value));
        Assert.Equal("1796644456 314576391 fd00:77::11c * 00:01:00:01:32:a9:3d:9a:a6:7e:12:c0:0e:07", Pint.Engine.Dhcp6.Server.Dhcp6LeaseFile.FormatLine(lease));
    }

    [Fact]
    public void Renew_rebind_release_and_no_binding()
    {
        var (link, options) = Setup("dhcp-range=fd00:77::100,fd00:77::1ff,64,1h");
        var leases = new Dhcp6LeaseTable();
        var address = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 1, Dhclient, ServerDuid, DhclientIaid), link, options, leases).Reply!.IaNa[0].Addresses[0].Address;

        var renew = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Renew, 2, Dhclient, ServerDuid, DhclientIaid, address), link, options, leases, Now.AddMinutes(30)).Reply!;
        Assert.Equal(3600u, renew.IaNa[0].Addresses[0].ValidLifetime);
        Assert.Equal(Now.AddMinutes(90), leases.Find(Dhclient, DhclientIaid)!.Expires);

        // Another IAID has no binding: RENEW says NoBinding in that IA.
        var unknown = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Renew, 3, Dhclient, ServerDuid, 99, IPAddress.Parse("fd00:77::150")), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.NoBinding, unknown.IaNa[0].Status!.Code);

        // REBIND for an address off every served prefix: zero lifetimes.
        var off = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Rebind, 4, Dhclient, null, 98, IPAddress.Parse("fd99::5")), link, options, leases).Reply!;
        Assert.Equal(0u, off.IaNa[0].Addresses[0].ValidLifetime);

        var release = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Release, 5, Dhclient, ServerDuid, DhclientIaid, address), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.Success, release.Status!.Code);
        Assert.Equal(0, leases.Count);
        var again = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Release, 6, Dhclient, ServerDuid, DhclientIaid, address), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.NoBinding, again.IaNa[0].Status!.Code);
    }

    [Fact]
    public void A_taken_address_makes_the_next_client_walk_on_and_a_full_range_says_NoAddrsAvail()
    {
        var (link, options) = Setup("dhcp-range=fd00:77::100,fd00:77::101,64,1h");
        var leases = new Dhcp6LeaseTable();
        var a = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 1, Dhclient, ServerDuid, 1), link, options, leases).Reply!.IaNa[0].Addresses[0].Address;
        var b = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 2, Dhclient, ServerDuid, 2), link, options, leases).Reply!.IaNa[0].Addresses[0].Address;
        Assert.NotEqual(a, b);
        var full = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 3, Dhclient, null, 3), link, options, leases).Reply!;
        Assert.Equal(Dhcp6MessageType.Advertise, full.Type);
        Assert.Empty(full.IaNa);
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, full.Status!.Code);
        var request = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 4, Dhclient, ServerDuid, 3), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.NoAddrsAvail, request.IaNa[0].Status!.Code);
        // The same client asking again keeps its address.
        Assert.Equal(a, Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 5, Dhclient, null, 1), link, options, leases).Reply!.IaNa[0].Addresses[0].Address);
    }

    [Fact]
    public void Confirm_information_request_rapid_commit_and_other_servers()
    {
        var (link, options) = Setup("""
            dhcp-range=fd00:77::100,fd00:77::1ff,64,1h
            dhcp-option=option6:information-refresh-time,6h
            dhcp-rapid-commit
            """);
        var leases = new Dhcp6LeaseTable();
        var ok = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Confirm, 1, Dhclient, null, 1, IPAddress.Parse("fd00:77::150")), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.Success, ok.Status!.Code);
        var moved = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Confirm, 2, Dhclient, null, 1, IPAddress.Parse("fd01::150")), link, options, leases).Reply!;
        Assert.Equal(Dhcp6StatusCode.NotOnLink, moved.Status!.Code);
        Assert.Null(Ask(Dhcp6Packets.Client(Dhcp6MessageType.Confirm, 3, Dhclient, null, 1), link, options, leases).Reply);

        var info = Ask(Dhcp6Packets.Client(Dhcp6MessageType.InformationRequest, 4, Dhclient, oro: [32]), link, options, leases).Reply!;
        Assert.Equal((ushort)32, Assert.Single(info.Options).Code);

        var rapid = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 5, Dhclient, null, 1, rapid: true), link, options, leases);
        Assert.Equal(Dhcp6MessageType.Reply, rapid.Reply!.Type);
        Assert.True(rapid.Reply.RapidCommit);
        Assert.Single(rapid.Changes);

        Assert.Null(Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 6, Dhclient, [0, 3, 0, 1, 1, 2, 3, 4, 5, 6], 1), link, options, leases).Reply);
    }

    [Fact]
    public void Dhcp_host_reservations_by_DUID_and_host_part()
    {
        var (link, options) = Setup("""
            dhcp-range=fd00:77::100,fd00:77::1ff,64,1h
            dhcp-host=id:00:01:00:01:32:a9:3d:9a:a6:7e:12:c0:0e:07,[::42],fred,10m
            """);
        var leases = new Dhcp6LeaseTable();
        var reply = Ask(Dhcp6Packets.Client(Dhcp6MessageType.Request, 1, Dhclient, ServerDuid, 1), link, options, leases).Reply!;
        Assert.Equal(IPAddress.Parse("fd00:77::42"), reply.IaNa[0].Addresses[0].Address);
        Assert.Equal(600u, reply.IaNa[0].Addresses[0].ValidLifetime);
        Assert.Equal("fred", leases.Snapshot()[0].HostName);
    }

    [Fact]
    public void Relayed_solicit_is_served_from_the_relays_link_and_answered_inside_relay_reply()
    {
        var (link, options) = Setup("dhcp-range=fd00:9::100,fd00:9::1ff,64,1h");
        Assert.Empty(link.Pools); // not on this server's link
        var relayLink = new Dhcp6Link("relay", link.ServerAddresses, options.Ranges.Select(r => Dhcp6Pool.ForRelay(r, IPAddress.Parse("fd00:9::1"))).OfType<Dhcp6Pool>().ToList());
        var packet = Dhcp6Packets.Relayed(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, Dhclient, iaid: 1), IPAddress.Parse("fd00:9::1"), IPAddress.Parse("fe80::99"), [7]);
        var decision = Ask(packet, relayLink, options, new Dhcp6LeaseTable());
        var bytes = Dhcp6ReplyWriter.Write(decision.Reply!)!;
        Assert.Equal((byte)Dhcp6MessageType.RelayReply, bytes[0]);
        Assert.True(Dhcp6MessageReader.TryRead(bytes, out var outer, out _));
        Assert.Equal(IPAddress.Parse("fe80::99"), new IPAddress(outer.PeerAddress));
        Assert.True(Dhcp6OptionReader.TryFind(outer.Options, Dhcp6OptionCode.RelayMessage, out var inner));
        Assert.Equal((byte)Dhcp6MessageType.Advertise, inner[0]);
    }
}
