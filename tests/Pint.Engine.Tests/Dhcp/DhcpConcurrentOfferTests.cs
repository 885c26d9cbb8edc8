using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// Clients that discover at the same time, as a segment booting does: an address just offered to one is not offered to
/// another while a different one is free, so both get their ACK instead of one getting a NAK and starting over.
/// </summary>
public class DhcpConcurrentOfferTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly IPAddress Server = IPAddress.Parse("10.77.0.1");
    private static readonly DhcpReceiveContext Lan = new(Server, 24, "eth0");

    private static DhcpServerOptions Pool(string last) => new()
    {
        Ranges = [new DhcpRange(IPAddress.Parse("10.77.0.100"), IPAddress.Parse(last), IPAddress.Parse("255.255.255.0"), LeaseTime: TimeSpan.FromHours(1))],
    };

    private readonly LeaseStore _leases = LeaseStore.InMemory();

    private static IPAddress Offered(DhcpResponder responder, DhcpTestPackets client, DateTimeOffset at)
    {
        var offer = DhcpTestReply.Read(responder.Respond(client.Discover(), Lan, at).Reply!);
        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        return offer.YourAddress;
    }

    /// <summary>A client whose MAC starts the address walk where <paramref name="first"/>'s does (asked of a responder that made no offer).</summary>
    private DhcpTestPackets SameStartAs(DhcpServerOptions options, IPAddress first) =>
        Enumerable.Range(2, 250).Select(i => new DhcpTestPackets($"52:54:00:00:01:{i:x2}"))
            .First(c => Offered(new DhcpResponder(options, _leases), c, Now).Equals(first));

    [Fact]
    public async Task Two_clients_discovering_at_once_are_offered_different_addresses_and_both_are_acknowledged()
    {
        var options = Pool("10.77.0.103");
        var responder = new DhcpResponder(options, _leases);
        var first = new DhcpTestPackets("52:54:00:00:01:01");
        var firstAddress = Offered(responder, first, Now);
        var second = SameStartAs(options, firstAddress);

        var secondAddress = Offered(responder, second, Now.AddMilliseconds(5));

        Assert.NotEqual(firstAddress, secondAddress);
        foreach (var (client, address) in new[] { (second, secondAddress), (first, firstAddress) })
        {
            var decision = responder.Respond(client.Select(address, Server), Lan, Now.AddMilliseconds(10));
            Assert.Equal(DhcpMessageType.Ack, DhcpTestReply.Read(decision.Reply!).Type);
            Assert.True(await DhcpDecisionEffects.ApplyAsync(decision, _leases, null, null));
        }
        Assert.Equal(2, _leases.Count);
    }

    [Fact]
    public void When_the_offered_address_is_the_only_free_one_another_client_is_still_offered_it()
    {
        var responder = new DhcpResponder(Pool("10.77.0.100"), _leases);

        var first = Offered(responder, new DhcpTestPackets("52:54:00:00:01:01"), Now);
        var second = Offered(responder, new DhcpTestPackets("52:54:00:00:01:02"), Now.AddMilliseconds(5));

        Assert.Equal(first, second);
    }

    [Fact]
    public void An_offer_that_was_never_requested_stops_keeping_its_address_after_a_few_seconds()
    {
        var options = Pool("10.77.0.103");
        var responder = new DhcpResponder(options, _leases);
        var firstAddress = Offered(responder, new DhcpTestPackets("52:54:00:00:01:01"), Now);
        var second = SameStartAs(options, firstAddress);

        Assert.Equal(firstAddress, Offered(responder, second, Now + RecentOffers.HoldTime + TimeSpan.FromSeconds(1)));
    }
}
