using System.Net;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Wire;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

public class Dhcp6WireTests
{
    private static readonly byte[] ClientDuid = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:9a:a6:7e:12:c0:0e:07");
    private static readonly byte[] ServerDuid = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01");

    [Fact]
    public void A_request_reads_back_with_its_IA_and_ORO()
    {
        var packet = Dhcp6Packets.Client(Dhcp6MessageType.Request, 0xabcdef, ClientDuid, ServerDuid, 314576391, IPAddress.Parse("fd00:77::11c"), 7200, 7500, [23, 24]);
        Assert.True(Dhcp6RequestReader.TryRead(packet, out var r, out var why), why.ToString());
        Assert.Equal(Dhcp6MessageType.Request, r!.Type);
        Assert.Equal(0xabcdefu, r.TransactionId);
        Assert.Equal(ClientDuid, r.ClientId);
        Assert.Equal(ServerDuid, r.ServerId);
        var ia = Assert.Single(r.IaNa);
        Assert.Equal(314576391u, ia.Iaid);
        Assert.Equal(new Dhcp6IaAddress(IPAddress.Parse("fd00:77::11c"), 7200, 7500), Assert.Single(ia.Addresses));
        Assert.Equal([(ushort)23, (ushort)24], r.RequestedOptions);
    }

    [Fact]
    public void Relayed_messages_unwrap_and_the_reply_wraps_back()
    {
        var inner = Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 7, ClientDuid, iaid: 1);
        var packet = Dhcp6Packets.Relayed(Dhcp6Packets.Relayed(inner, IPAddress.Parse("fd00:9::1"), IPAddress.Parse("fe80::1"), [1, 2]),
            IPAddress.Any.MapToIPv6(), IPAddress.Parse("fe80::2"), hops: 1);
        Assert.True(Dhcp6RequestReader.TryRead(packet, out var r, out _));
        Assert.Equal(2, r!.Relays.Count);
        Assert.Equal(IPAddress.Parse("fd00:9::1"), r.Relays[1].LinkAddress);
        Assert.Equal([1, 2], r.Relays[1].InterfaceId);

        var reply = new Dhcp6Reply { Type = Dhcp6MessageType.Advertise, TransactionId = 7, ClientId = ClientDuid, ServerId = ServerDuid, Relays = r.Relays };
        var bytes = Dhcp6ReplyWriter.Write(reply)!;
        Assert.True(Dhcp6MessageReader.TryRead(bytes, out var outer, out _));
        Assert.Equal(Dhcp6MessageType.RelayReply, outer.Type);
        Assert.Equal(1, outer.HopCount);
        Assert.True(Dhcp6OptionReader.TryFind(outer.Options, Dhcp6OptionCode.RelayMessage, out var level2));
        Assert.True(Dhcp6MessageReader.TryRead(level2, out var second, out _));
        Assert.Equal(IPAddress.Parse("fd00:9::1"), new IPAddress(second.LinkAddress));
        Assert.True(Dhcp6OptionReader.TryFind(second.Options, Dhcp6OptionCode.InterfaceId, out var iface));
        Assert.Equal([1, 2], iface.ToArray());
        Assert.True(Dhcp6OptionReader.TryFind(second.Options, Dhcp6OptionCode.RelayMessage, out var message));
        Assert.Equal((byte)Dhcp6MessageType.Advertise, message[0]);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0 }, Dhcp6Rejection.TooShort)]
    [InlineData(new byte[] { 12, 0, 0, 0 }, Dhcp6Rejection.TooShort)]
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 1, 0, 9, 0 }, Dhcp6Rejection.TruncatedOption)]
    [InlineData(new byte[] { 2, 0, 0, 1 }, Dhcp6Rejection.NotForServer)]
    [InlineData(new byte[] { 1, 0, 0, 1 }, Dhcp6Rejection.BadIdentifiers)]
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 1, 0, 2, 0, 3, 0, 3, 0, 2, 0, 0 }, Dhcp6Rejection.BadIa)]
    public void Bad_messages_are_rejected_with_one_reason(byte[] packet, Dhcp6Rejection expected)
    {
        Assert.False(Dhcp6RequestReader.TryRead(packet, out _, out var why));
        Assert.Equal(expected, why);
    }

    [Fact]
    public void Random_and_truncated_packets_never_throw()
    {
        var random = new Random(8415);
        var seeds = new List<byte[]>
        {
            Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, ClientDuid, iaid: 5, address: IPAddress.Parse("fd00::5"), oro: [23, 24], rapid: true),
            Dhcp6Packets.Client(Dhcp6MessageType.Renew, 2, ClientDuid, ServerDuid, 5, IPAddress.Parse("fd00::5"), 100, 200),
            Dhcp6Packets.Relayed(Dhcp6Packets.Client(Dhcp6MessageType.Request, 3, ClientDuid, ServerDuid, 9), IPAddress.Parse("fd00::1"), IPAddress.Parse("fe80::1"), [9]),
        };
        var accepted = 0;
        for (var n = 0; n < 20000; n++)
        {
            byte[] packet;
            var seed = seeds[n % seeds.Count];
            switch (n % 3)
            {
                case 0: // truncated
                    packet = seed[..random.Next(seed.Length + 1)];
                    break;
                case 1: // bit flips
                    packet = (byte[])seed.Clone();
                    for (var k = random.Next(1, 6); k > 0; k--) packet[random.Next(packet.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                default: // noise
                    packet = new byte[random.Next(0, 300)];
                    random.NextBytes(packet);
                    if (packet.Length > 0 && random.Next(2) == 0) packet[0] = (byte)random.Next(1, 14);
                    break;
            }
            if (Dhcp6RequestReader.TryRead(packet, out var r, out _))
            {
                accepted++;
                // What reads must also answer without throwing.
                var link = new Dhcp6Link("eth0", [IPAddress.Parse("fd00::1")], [new Dhcp6Pool(Dhcp6Pool.ToValue(IPAddress.Parse("fd00::10")), Dhcp6Pool.ToValue(IPAddress.Parse("fd00::ff")), 64, TimeSpan.FromHours(1), false, true, null, [], default)]);
                var decision = Dhcp6Responder.Respond(r!, link, new Dhcp6ServerOptions { ServerDuid = ServerDuid }, new Dhcp6LeaseTable(), DateTimeOffset.UtcNow);
                if (decision.Reply is { } reply) Assert.NotNull(Dhcp6ReplyWriter.Write(reply));
            }
        }
        Assert.True(accepted > 100, $"only {accepted} mutated packets were read; the fuzzing is too blunt");
    }

    [Fact]
    public void The_writer_stops_at_the_end_of_its_buffer()
    {
        var w = new Dhcp6Writer(new byte[10]);
        w.WriteHeader(Dhcp6MessageType.Reply, 1);
        w.WriteOption(Dhcp6OptionCode.ClientId, new byte[14]);
        Assert.True(w.Overflowed);
        Assert.Equal(4, w.Length);
        w.WriteStatus(Dhcp6StatusCode.Success, "success");
        Assert.Equal(4, w.Length);
    }
}
