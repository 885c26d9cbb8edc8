using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// Offered addresses are held for their client (RFC 2131 4.3.1), so two clients whose hardware addresses hash to the
/// same place are offered different addresses and neither is NAKed; holds never empty a pool.
/// </summary>
public class OfferHoldTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly IPAddress Server = IPAddress.Parse("10.79.0.1");
    private static readonly DhcpReceiveContext Lan = new(Server, 24, "eth0");
    private readonly LeaseStore _leases = LeaseStore.InMemory();

    private static DhcpServerOptions Range(string start, string end) => new()
    {
        Authoritative = true,
        Ranges = [new DhcpRange(IPAddress.Parse(start), IPAddress.Parse(end), IPAddress.Parse("255.255.255.0"), LeaseTime: TimeSpan.FromHours(1))],
    };

    private async Task<DhcpTestReply> Exchange(DhcpServerOptions options, byte[] packet, DateTimeOffset? at = null)
    {
        var decision = new DhcpResponder(options, _leases).Respond(packet, Lan, at ?? Now);
        Assert.True(await DhcpDecisionEffects.ApplyAsync(decision, _leases, null, null));
        return DhcpTestReply.Read(decision.Reply!);
    }

    /// <summary>A client whose first offer on an empty table is <paramref name="address"/>, as a second client colliding with the first.</summary>
    private static DhcpTestPackets ClientFirstOffered(DhcpServerOptions options, IPAddress address, string notMac)
    {
        for (var i = 1; i < 256; i++)
        {
            var mac = $"52:54:00:10:20:{i:x2}";
            if (mac == notMac) continue;
            var client = new DhcpTestPackets(mac);
            var decision = new DhcpResponder(options, LeaseStore.InMemory()).Respond(client.Discover(), Lan, Now);
            if (decision.YourAddress!.Equals(address)) return client;
        }
        throw new InvalidOperationException("no colliding MAC found");
    }

    [Fact]
    public async Task Two_clients_hashing_to_one_address_are_offered_two_and_both_acknowledged()
    {
        var options = Range("10.79.0.100", "10.79.0.103");
        var first = new DhcpTestPackets("52:54:00:10:20:00");
        var firstOffer = await Exchange(options, first.Discover());
        var second = ClientFirstOffered(options, firstOffer.YourAddress, "52:54:00:10:20:00");

        var secondOffer = await Exchange(options, second.Discover());

        Assert.NotEqual(firstOffer.YourAddress, secondOffer.YourAddress);
        Assert.Equal(DhcpMessageType.Ack, (await Exchange(options, second.Select(secondOffer.YourAddress, Server))).Type);
        Assert.Equal(DhcpMessageType.Ack, (await Exchange(options, first.Select(firstOffer.YourAddress, Server))).Type);
        Assert.Equal(0, _leases.HeldOfferCount);
    }

    [Fact]
    public async Task A_client_asking_again_is_offered_its_held_address()
    {
        var options = Range("10.79.0.100", "10.79.0.140");
        var client = new DhcpTestPackets("52:54:00:10:20:00");
        var once = await Exchange(options, client.Discover());
        var again = await Exchange(options, client.Discover());

        Assert.Equal(once.YourAddress, again.YourAddress);
        Assert.Equal(1, _leases.HeldOfferCount);
    }

    [Fact]
    public async Task Holds_never_empty_a_pool_and_a_request_decides_between_two_offers()
    {
        var options = Range("10.79.0.100", "10.79.0.100");
        var first = new DhcpTestPackets("52:54:00:10:20:00");
        var second = new DhcpTestPackets("52:54:00:10:20:01");
        var firstOffer = await Exchange(options, first.Discover());
        var secondOffer = await Exchange(options, second.Discover());

        Assert.Equal(IPAddress.Parse("10.79.0.100"), secondOffer.YourAddress);
        Assert.Equal(DhcpMessageType.Ack, (await Exchange(options, second.Select(secondOffer.YourAddress, Server))).Type);
        Assert.Equal(DhcpMessageType.Nak, (await Exchange(options, first.Select(firstOffer.YourAddress, Server))).Type);
    }

    [Fact]
    public async Task A_hold_ends_after_its_time_and_the_address_goes_to_the_next_client()
    {
        var options = Range("10.79.0.100", "10.79.0.103");
        var first = new DhcpTestPackets("52:54:00:10:20:00");
        var firstOffer = await Exchange(options, first.Discover());
        var second = ClientFirstOffered(options, firstOffer.YourAddress, "52:54:00:10:20:00");

        var later = await Exchange(options, second.Discover(), Now + options.OfferHoldTime + TimeSpan.FromSeconds(1));

        Assert.Equal(firstOffer.YourAddress, later.YourAddress);
    }

    [Fact]
    public void Bitmap_finds_the_first_absent_address_across_words_and_pages()
    {
        var taken = new AddressBitmap();
        var from = Ipv4.ToValue(IPAddress.Parse("10.1.255.200"));
        var to = Ipv4.ToValue(IPAddress.Parse("10.2.0.100"));
        for (var a = from; a < to; a++) taken.Add(a);

        Assert.Equal(to, AddressBitmap.FirstAbsent(from, to, taken));
        Assert.Null(AddressBitmap.FirstAbsent(from, to - 1, taken));
        taken.Remove(from + 70);
        Assert.Equal(from + 70, AddressBitmap.FirstAbsent(from, to, taken));
        var other = new AddressBitmap();
        other.Add(from + 70);
        Assert.Equal(to, AddressBitmap.FirstAbsent(from, to, taken, other));
        Assert.Equal(uint.MaxValue - 3, AddressBitmap.FirstAbsent(uint.MaxValue - 3, uint.MaxValue, new AddressBitmap()));
    }
}
