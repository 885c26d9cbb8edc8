using System.Net;
using System.Text;

namespace Pint.Engine.Dns;

/// <summary>
/// log-queries: dnsmasq-shaped lines for each query and its outcome ("query[A] nas.lab.test from 127.0.0.1",
/// "config nas.lab.test is 10.0.0.5", "cached ...", "forwarded ... to upstream", "reply ... is NXDOMAIN").
/// Only built when logging is on, so it decodes the messages again rather than widening the hot path.
/// </summary>
public sealed class DnsQueryLog(Action<string> write)
{
    public void Query(ReadOnlySpan<byte> query, EndPoint? from)
    {
        if (TryQuestion(query, out var name, out var type))
            write($"query[{TypeName(type)}] {name} from {Describe(from)}");
    }

    /// <param name="how">"config" for local data, "cached", or "reply" for an upstream's answer.</param>
    public void Answer(ReadOnlySpan<byte> reply, string how)
    {
        if (!TryQuestion(reply, out var name, out _)) return;
        var reader = new DnsMessageReader(reply);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return;
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        if (reader.ReadName(nameBuffer, out _) != DnsRejection.None || !reader.TrySkip(4)) return;
        if (header.Rcode != DnsRcode.NoError)
        {
            write($"{how} {name} is {header.Rcode.ToString().ToUpperInvariant()}");
            return;
        }
        var any = false;
        for (var i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(nameBuffer, out var ownerLength, out var record) != DnsRejection.None) break;
            var owner = DnsName.ToText(nameBuffer[..ownerLength]);
            var data = reply.Slice(record.DataOffset, record.DataLength);
            var text = record.Type switch
            {
                DnsType.A when data.Length == 4 => new IPAddress(data).ToString(),
                DnsType.AAAA when data.Length == 16 => new IPAddress(data).ToString(),
                DnsType.CNAME or DnsType.PTR => Target(reply, record.DataOffset),
                _ => $"<{TypeName(record.Type)}>",
            };
            write($"{how} {owner} is {text}");
            any = true;
        }
        if (!any) write($"{how} {name} is NODATA");
    }

    public void Forwarded(ReadOnlySpan<byte> query)
    {
        if (TryQuestion(query, out var name, out _)) write($"forwarded {name} upstream");
    }

    private static bool TryQuestion(ReadOnlySpan<byte> message, out string name, out DnsType type)
    {
        name = string.Empty;
        type = default;
        var reader = new DnsMessageReader(message);
        if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount < 1) return false;
        Span<byte> buffer = stackalloc byte[DnsFlags.MaxNameLength];
        if (reader.ReadName(buffer, out var length) != DnsRejection.None || !reader.TryReadUInt16(out var t)) return false;
        name = DnsName.ToText(buffer[..length]);
        type = (DnsType)t;
        return true;
    }

    private static string Target(ReadOnlySpan<byte> message, int offset)
    {
        Span<byte> buffer = stackalloc byte[DnsFlags.MaxNameLength];
        return DnsMessageReader.DecompressName(message, offset, buffer, out var length, out _) == DnsRejection.None
            ? DnsName.ToText(buffer[..length])
            : "?";
    }

    private static string TypeName(DnsType type) => Enum.IsDefined(type) ? type.ToString() : ((ushort)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(EndPoint? from) => from switch
    {
        IPEndPoint ip => ip.Address.ToString(),
        null => "?",
        _ => from.ToString() ?? "?",
    };
}
