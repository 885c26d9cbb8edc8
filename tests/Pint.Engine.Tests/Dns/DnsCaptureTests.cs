using System.Net;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// Real dig queries and dnsmasq 2.90 answers from TestData/Captures/clients-dhcp-dns.pcap (see shared captures README):
/// our reader accepts them all, and our responder, with the same config, answers each query as dnsmasq did.
/// </summary>
public class DnsCaptureTests
{
    private static readonly List<PcapDnsReader.DnsPacket> Packets =
        PcapDnsReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "Captures", "clients-dhcp-dns.pcap"));

    [Fact]
    public void Every_query_in_the_capture_parses()
    {
        var names = new List<string>();
        Span<byte> buffer = stackalloc byte[255];
        foreach (var packet in Packets.Where(p => !p.FromServer))
        {
            Assert.Equal(DnsRejection.None, DnsQuery.Parse(packet.Message, buffer, out var query));
            names.Add($"{DnsName.ToText(query.Name)}/{query.Type}/{(query.HasEdns ? query.EdnsUdpSize : 0)}/{(packet.OverTcp ? "tcp" : "udp")}");
        }
        Assert.Equal(
        [
            "nas.lab.test/A/1232/udp", "nas.lab.test/AAAA/1232/udp", "20.0.77.10.in-addr.arpa/PTR/1232/udp",
            "lab.test/MX/1232/tcp", "missing.lab.test/A/1232/udp", "laptop.lab.test/A/0/udp",
        ], names);
    }

    [Fact]
    public void Every_dnsmasq_answer_in_the_capture_decodes()
    {
        var answers = Packets.Where(p => p.FromServer).Select(p => Decode(p.Message)).ToList();
        Assert.Equal(6, answers.Count);
        Assert.All(answers, a => Assert.True(a.Header.IsResponse));
        Assert.Equal(["10.77.0.5"], answers[0].AnswerData);
        Assert.Equal(["reserved-box.lab.test"], answers[2].AnswerData);
    }

    [Fact]
    public void Responder_answers_capture_queries_as_dnsmasq_did()
    {
        // Config that served the capture (README): domain=lab.test, local=/lab.test/, host-record, mx-host, DHCP names.
        var responder = new DnsResponder(new DnsServerOptions
        {
            Domain = "lab.test",
            LocalDomains = ["lab.test"],
            HostNames = [new("nas.lab.test", IPAddress.Parse("10.77.0.5"), false), new("nas.lab.test", IPAddress.Parse("fd00::5"), false)],
            MxEntries = [new("lab.test", "mail.lab.test", 10)],
        });
        responder.DhcpNames.AddOrUpdate("reserved-box", IPAddress.Parse("10.77.0.20"));
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.135"));

        var queries = Packets.Where(p => !p.FromServer).ToList();
        var answers = Packets.Where(p => p.FromServer).ToList();
        Assert.Equal(queries.Count, answers.Count);
        for (int i = 0; i < queries.Count; i++)
        {
            var output = new byte[65535];
            var result = responder.Respond(queries[i].Message, output, queries[i].OverTcp);
            Assert.Equal(DnsResponderAction.Reply, result.Action);
            // Byte-for-byte: header, flags, question, compression, TTLs and OPT all as dnsmasq wrote them.
            Assert.Equal(Convert.ToHexString(answers[i].Message), Convert.ToHexString(output, 0, result.Length));
        }
    }
}
