using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>
/// bogus-nxdomain and alias: what dnsmasq changes in an upstream reply before it is cached and passed on.
/// As dnsmasq 2.90 (observed): a reply with an A or AAAA answer inside a bogus-nxdomain network becomes NXDOMAIN
/// with EDE "Blocked"; alias rewrites IPv4 answers in place (the last alias line that matches wins: they are tried
/// from the last to the first), and a rewritten reply loses its AA flag.
/// </summary>
public sealed class UpstreamRewrites
{
    private readonly IPNetwork[] _bogus;
    private readonly AliasRange[] _aliases; // already in the order they are tried

    public UpstreamRewrites(IReadOnlyList<IPNetwork> bogus, IReadOnlyList<AliasRange> aliases)
    {
        _bogus = [.. bogus];
        _aliases = [.. aliases.Reverse()];
    }

    public bool IsEmpty => _bogus.Length == 0 && _aliases.Length == 0;

    /// <summary>A stable text of the rules, so a reload can tell whether cached (rewritten) answers are still right.</summary>
    public string Describe() =>
        string.Join(',', _bogus.Select(b => b.ToString())) + "|" + string.Join(',', _aliases.Select(a => $"{a.First}-{a.Last}>{a.Target}/{a.Mask}"));

    /// <summary>True when an A or AAAA answer of <paramref name="reply"/> lies in a bogus-nxdomain network.</summary>
    public bool IsBogus(ReadOnlySpan<byte> reply)
    {
        if (_bogus.Length == 0) return false;
        var reader = new DnsMessageReader(reply);
        if (!SkipQuestion(ref reader, out var header)) return false;
        Span<byte> v6 = stackalloc byte[16];
        for (int i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) break;
            bool a = record.Type == DnsType.A && record.DataLength == 4;
            bool aaaa = record.Type == DnsType.AAAA && record.DataLength == 16;
            if (!a && !aaaa) continue;
            var address = new IPAddress(reply.Slice(record.DataOffset, record.DataLength));
            foreach (var network in _bogus)
                if (network.Contains(address)) return true;
        }
        return false;
    }

    /// <summary>Rewrites the IPv4 answers an alias matches, in place; true when any changed (AA is then cleared).</summary>
    public bool Rewrite(Span<byte> reply)
    {
        if (_aliases.Length == 0) return false;
        var reader = new DnsMessageReader(reply);
        if (!SkipQuestion(ref reader, out var header)) return false;
        bool changed = false;
        for (int i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(default, out _, out var record) != DnsRejection.None) break;
            if (record.Type != DnsType.A || record.DataLength != 4) continue;
            var data = reply.Slice(record.DataOffset, 4);
            uint address = BinaryPrimitives.ReadUInt32BigEndian(data);
            foreach (var alias in _aliases)
            {
                if (address < alias.First || address > alias.Last) continue;
                BinaryPrimitives.WriteUInt32BigEndian(data, (alias.Target & alias.Mask) | (address & ~alias.Mask));
                changed = true;
                break;
            }
        }
        if (changed)
        {
            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(reply[2..]);
            BinaryPrimitives.WriteUInt16BigEndian(reply[2..], (ushort)(flags & ~DnsFlags.Authoritative));
        }
        return changed;
    }

    private static bool SkipQuestion(ref DnsMessageReader reader, out DnsHeader header) =>
        reader.ReadHeader(out header) == DnsRejection.None && header.QuestionCount == 1
        && reader.ReadName(default, out _) == DnsRejection.None && reader.TrySkip(4);
}

/// <summary>alias= in the server's terms: IPv4 addresses as numbers, <see cref="First"/>..<see cref="Last"/> rewritten under <see cref="Mask"/> to <see cref="Target"/>'s network.</summary>
public readonly record struct AliasRange(uint First, uint Last, uint Target, uint Mask);
