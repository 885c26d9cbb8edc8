using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>Reader and writer: round trips, name compression, and each rejection reason.</summary>
public class DnsWireTests
{
    [Fact]
    public void Query_round_trips_through_writer_and_reader()
    {
        var message = Query("Host.Example.COM", DnsType.AAAA, id: 0xBEEF, edns: 1400);
        Span<byte> buffer = stackalloc byte[255];
        Assert.Equal(DnsRejection.None, DnsQuery.Parse(message, buffer, out var query));
        Assert.Equal(0xBEEF, query.Header.Id);
        Assert.Equal("Host.Example.COM", DnsName.ToText(query.Name));
        Assert.Equal(DnsType.AAAA, query.Type);
        Assert.True(query.HasEdns);
        Assert.Equal(1400, query.EdnsUdpSize);
        Assert.Equal(1232, query.UdpLimit(1232));
    }

    [Fact]
    public void Writer_compresses_repeated_suffixes_case_insensitively()
    {
        var buffer = new byte[512];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(1, 0x8180, 1, 2, 0, 0));
        writer.TryWriteQuestion(DnsName.FromTextKeepCase("WWW.lab.test"), DnsType.CNAME, 1);
        writer.TryWriteRecordStart(DnsName.FromText("www.lab.test"), DnsType.CNAME, 5, out int at);
        writer.TryWriteName(DnsName.FromText("nas.lab.test"));
        writer.TryEndRecord(at);
        Assert.True(writer.TryWriteRecord(DnsName.FromText("nas.lab.test"), DnsType.A, 5, [10, 0, 0, 1]));
        var reply = Decode(buffer.AsSpan(0, writer.Position));
        Assert.Equal(["nas.lab.test", "10.0.0.1"], reply.AnswerData);
        // Owner of the first answer is a bare pointer to the question; "nas" + pointer to "lab.test"; owner of the A a pointer.
        Assert.Equal(12 + 14 + 4 + (2 + 10 + 6) + (2 + 10 + 4), writer.Position);
    }

    [Fact]
    public void Writer_leaves_nothing_behind_when_a_record_does_not_fit()
    {
        var buffer = new byte[40];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(default);
        writer.TryWriteQuestion(DnsName.FromText("a.example"), DnsType.TXT, 1);
        int before = writer.Position;
        Assert.False(writer.TryWriteRecord(DnsName.FromText("a.example"), DnsType.TXT, 0, new byte[50]));
        Assert.Equal(before, writer.Position);
    }

    public static TheoryData<string, DnsRejection> Rejections => new()
    {
        { "1234", DnsRejection.TooShort },
        { "123481800001000000000000" + "01610000010001", DnsRejection.NotAQuery },
        { "123401000001000000000000" + "0561", DnsRejection.Truncated },
        { "123401000001000000000000" + "C00C00010001", DnsRejection.CompressionLoop },
        { "123401000001000000000000" + "40" + new string('6', 128) + "0000010001", DnsRejection.BadLabelType },
        { "123401000001000000000000" + "80000010001", DnsRejection.BadLabelType },
        { "123401000002000000000000" + "01610000010001" + "01610000010001", DnsRejection.QuestionCount },
        { "123401000000000000000000", DnsRejection.QuestionCount },
        { "123401000001000000000000" + string.Concat(Enumerable.Repeat("0178", 130)) + "0000010001", DnsRejection.NameTooLong },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Malformed_queries_are_rejected_with_their_reason(string hex, DnsRejection expected)
    {
        if (hex.Length % 2 == 1) hex += "0";
        Span<byte> buffer = stackalloc byte[255];
        Assert.Equal(expected, DnsQuery.Parse(Convert.FromHexString(hex), buffer, out _));
    }

    [Theory]
    [InlineData("123401000001000000000000" + "0561", false)]          // truncated: dnsmasq drops
    [InlineData("123481000001000000000000" + "05616c7068610000010001", false)] // QR set: dropped
    [InlineData("123401000001000000000000" + "C00C00010001", true)]   // loop: REFUSED echoing the question
    [InlineData("123401000000000000000000", true)]                     // no question, no upstream: REFUSED
    public void Malformed_queries_are_dropped_or_refused_as_dnsmasq_does(string hex, bool refused)
    {
        var responder = new DnsResponder(new DnsServerOptions());
        var message = Convert.FromHexString(hex);
        var output = new byte[512];
        var result = responder.Respond(message, output, overTcp: false);
        if (!refused)
        {
            Assert.Equal(DnsResponderAction.Drop, result.Action);
            return;
        }
        Assert.Equal(DnsResponderAction.Reply, result.Action);
        Assert.Equal(message.Length, result.Length);
        Assert.Equal("1234" + "8185", Convert.ToHexString(output, 0, 4));
        Assert.Equal(message[4..6], output[4..6]);
    }
}
