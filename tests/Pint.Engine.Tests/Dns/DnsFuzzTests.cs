using CsCheck;
using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Dns;

/// <summary>Random and mutated packets never crash the responder; anything it sends back is a well-formed reply.</summary>
public class DnsFuzzTests
{
    private static readonly DnsResponder Responder = new(DnsResponderTests.LabOptions());

    private static void AssertSafe(byte[] packet)
    {
        var output = new byte[65535];
        var result = Responder.Respond(packet, output, overTcp: false);
        Assert.NotEqual(DnsResponderAction.Forward, result.Action); // no upstream configured
        if (result.Action == DnsResponderAction.Drop) return;
        Assert.InRange(result.Length, 12, 1232);
        var reader = new DnsMessageReader(output.AsSpan(0, result.Length));
        Assert.Equal(DnsRejection.None, reader.ReadHeader(out var header));
        Assert.True(header.IsResponse);
        Assert.Equal(packet[0] << 8 | packet[1], header.Id);
    }

    [Fact]
    public void Random_packets_never_throw() =>
        Gen.Byte.Array[0, 600].Sample(AssertSafe, iter: 20_000);

    [Fact]
    public void Mutated_queries_never_throw()
    {
        byte[][] seeds =
        [
            DnsTestMessages.Query("www.lab.test", DnsType.A, edns: 1232),
            DnsTestMessages.Query("_ldap._tcp.lab.test", DnsType.SRV),
            DnsTestMessages.Query("2.0.0.10.in-addr.arpa", DnsType.PTR, edns: 512),
        ];
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, 63], Gen.Byte).Array[1, 6], Gen.Int[-4, 4])
            .Sample((seed, flips, resize) =>
            {
                var packet = seeds[seed].ToArray();
                foreach (var (index, value) in flips) packet[index % packet.Length] = value;
                Array.Resize(ref packet, Math.Max(0, packet.Length + resize));
                AssertSafe(packet);
            }, iter: 20_000);
    }
}
