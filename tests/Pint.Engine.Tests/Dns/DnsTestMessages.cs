using Xunit;
using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Dns;

namespace Pint.Engine.Tests.Dns;

/// <summary>Builds queries and decodes replies for assertions (test-side; uses the production reader).</summary>
internal static class DnsTestMessages
{
    public static byte[] Query(string name, DnsType type, ushort id = 0x1234, int? edns = null, ushort flags = DnsFlags.RecursionDesired, ushort cls = 1)
    {
        var buffer = new byte[600];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(id, flags, 1, 0, 0, (ushort)(edns is null ? 0 : 1)));
        writer.TryWriteQuestion(DnsName.FromTextKeepCase(name), type, cls);
        if (edns is int size) writer.TryWriteOpt((ushort)size);
        return buffer[..writer.Position];
    }

    /// <summary>A message with its 2-byte TCP length prefix in front.</summary>
    public static byte[] Frame(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    /// <summary>Sends one query on a TCP stream and reads the one reply that follows.</summary>
    public static async Task<byte[]> ExchangeTcpAsync(Stream stream, byte[] query)
    {
        await stream.WriteAsync(Frame(query));
        var lengthPrefix = new byte[2];
        await stream.ReadExactlyAsync(lengthPrefix);
        var reply = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix)];
        await stream.ReadExactlyAsync(reply);
        return reply;
    }

    public static DecodedReply Decode(ReadOnlySpan<byte> reply)
    {
        var reader = new DnsMessageReader(reply);
        Assert.Equal(DnsRejection.None, reader.ReadHeader(out var header));
        Span<byte> name = stackalloc byte[255];
        string question = "";
        for (int i = 0; i < header.QuestionCount; i++)
        {
            Assert.Equal(DnsRejection.None, reader.ReadName(name, out int len));
            question = DnsName.ToText(name[..len]);
            Assert.True(reader.TrySkip(4));
        }
        var sections = new List<DecodedRecord>[] { [], [], [] };
        int[] counts = [header.AnswerCount, header.AuthorityCount, header.AdditionalCount];
        for (int s = 0; s < 3; s++)
        {
            for (int i = 0; i < counts[s]; i++)
            {
                Assert.Equal(DnsRejection.None, reader.ReadRecord(name, out int len, out var info));
                sections[s].Add(new DecodedRecord(DnsName.ToText(name[..len]), info.Type, info.Ttl, RdataText(reply, info), info.Class));
            }
        }
        Assert.Equal(0, reader.Remaining);
        return new DecodedReply(header, question, sections[0], sections[1], sections[2]);
    }

    private static string RdataText(ReadOnlySpan<byte> message, DnsRecordInfo info)
    {
        var data = message.Slice(info.DataOffset, info.DataLength);
        Span<byte> name = stackalloc byte[255];
        switch (info.Type)
        {
            case DnsType.A or DnsType.AAAA:
                return new IPAddress(data).ToString();
            case DnsType.CNAME or DnsType.PTR:
                Assert.Equal(DnsRejection.None, DnsMessageReader.DecompressName(message, info.DataOffset, name, out int l, out _));
                return DnsName.ToText(name[..l]);
            case DnsType.MX:
                Assert.Equal(DnsRejection.None, DnsMessageReader.DecompressName(message, info.DataOffset + 2, name, out l, out _));
                return $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {DnsName.ToText(name[..l])}";
            case DnsType.SRV:
                Assert.Equal(DnsRejection.None, DnsMessageReader.DecompressName(message, info.DataOffset + 6, name, out l, out _));
                return $"{BinaryPrimitives.ReadUInt16BigEndian(data)} {BinaryPrimitives.ReadUInt16BigEndian(data[2..])} {BinaryPrimitives.ReadUInt16BigEndian(data[4..])} {DnsName.ToText(name[..l])}";
            case DnsType.TXT:
                var parts = new List<string>();
                for (int p = 0; p < data.Length; p += data[p] + 1) parts.Add(System.Text.Encoding.UTF8.GetString(data.Slice(p + 1, data[p])));
                return string.Join("|", parts);
            default:
                return Convert.ToHexString(data);
        }
    }
}

internal sealed record DecodedRecord(string Name, DnsType Type, uint Ttl, string Data, ushort Class);

internal sealed record DecodedReply(DnsHeader Header, string Question, List<DecodedRecord> Answers, List<DecodedRecord> Authority, List<DecodedRecord> Additional)
{
    public DnsRcode Rcode => Header.Rcode;
    public bool Authoritative => Header.HasFlag(DnsFlags.Authoritative);
    public bool Truncated => Header.HasFlag(DnsFlags.Truncated);
    public string[] AnswerData => Answers.Select(a => a.Data).ToArray();
}
