using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// stop-dns-rebind: an upstream answer that points a name outside at a private address (see
/// <see cref="PrivateAddresses"/>) is not passed on, so a web page cannot reach machines behind the firewall
/// through a name its own server controls. As dnsmasq 2.90 (observed): only A and AAAA queries are checked, and
/// only answer records of the asked type, so a CNAME chain ending at a private address is blocked while ANY or MX
/// answers pass; rebind-domain-ok domains (matched on the question name) pass, and rebind-localhost-ok lets
/// 127/8, 0/8, ::1 and :: through.
/// </summary>
public sealed class RebindGuard
{
    private readonly DomainTable<bool> _exempt = new();
    private readonly bool _localhostOk;

    public RebindGuard(bool localhostOk, IReadOnlyList<string> exemptDomains)
    {
        _localhostOk = localhostOk;
        foreach (var domain in exemptDomains) _exempt.Set(domain.Trim('.'), true);
    }

    /// <summary>
    /// True when <paramref name="reply"/>, an accepted upstream reply to <paramref name="query"/>, must not reach the
    /// client. <paramref name="owner"/> (255 bytes) then holds the owner name of the private record, which dnsmasq logs.
    /// </summary>
    public bool Blocks(in DnsQuery query, ReadOnlySpan<byte> reply, Span<byte> owner, out int ownerLength)
    {
        ownerLength = 0;
        if (query.Type is not (DnsType.A or DnsType.AAAA) || _exempt.TryMatch(query.Name, out _)) return false;
        var reader = new DnsMessageReader(reply);
        if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount != 1) return false;
        if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return false;
        int size = query.Type == DnsType.A ? 4 : 16;
        for (int i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(owner, out ownerLength, out var record) != DnsRejection.None) break;
            if (record.Type != query.Type || record.DataLength != size) continue;
            var address = reply.Slice(record.DataOffset, size);
            if (size == 4 ? PrivateAddresses.IsPrivate(BinaryPrimitives.ReadUInt32BigEndian(address), _localhostOk)
                    : PrivateAddresses.IsPrivate(address, _localhostOk))
                return true;
        }
        ownerLength = 0;
        return false;
    }
}
