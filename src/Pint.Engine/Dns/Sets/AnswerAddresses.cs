using System.Net;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// The addresses an upstream reply gives the question name: A and AAAA records of the name itself or of a CNAME
/// chain from it, wherever the chain leads (dnsmasq 2.90 adds <c>c.example.com CNAME b.other.org</c>'s address to
/// example.com's sets; observed). Records of other names in the answer section are not the name's addresses.
/// </summary>
public static class AnswerAddresses
{
    /// <summary>Reads <paramref name="reply"/> (already checked to answer the question); empty when it holds no usable answer.</summary>
    public static List<IPAddress> Extract(ReadOnlySpan<byte> questionName, ReadOnlySpan<byte> reply)
    {
        var found = new List<IPAddress>();
        var reader = new DnsMessageReader(reply);
        if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount != 1 || header.AnswerCount == 0) return found;
        if (header.Rcode != DnsRcode.NoError) return found;
        if (reader.ReadName(default, out _) != DnsRejection.None || !reader.TrySkip(4)) return found;

        var owners = new List<byte[]>(header.AnswerCount);
        var records = new List<DnsRecordInfo>(header.AnswerCount);
        Span<byte> owner = stackalloc byte[DnsFlags.MaxNameLength];
        for (int i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(owner, out int ownerLength, out var record) != DnsRejection.None) break;
            if (record.Class != DnsFlags.ClassIn) continue;
            owners.Add(owner[..ownerLength].ToArray());
            records.Add(record);
        }

        // The chain: the question name, then every CNAME target of a name already in it. Records may come in any
        // order, so repeat until nothing is added (bounded by the record count).
        var chain = new List<byte[]> { questionName.ToArray() };
        Span<byte> target = stackalloc byte[DnsFlags.MaxNameLength];
        for (bool grew = true; grew && chain.Count <= records.Count;)
        {
            grew = false;
            for (int i = 0; i < records.Count; i++)
            {
                if (records[i].Type != DnsType.CNAME || !InChain(chain, owners[i])) continue;
                if (DnsMessageReader.DecompressName(reply, records[i].DataOffset, target, out int length, out _) != DnsRejection.None) continue;
                if (InChain(chain, target[..length])) continue;
                chain.Add(target[..length].ToArray());
                grew = true;
            }
        }

        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            bool address = (r.Type == DnsType.A && r.DataLength == 4) || (r.Type == DnsType.AAAA && r.DataLength == 16);
            if (address && InChain(chain, owners[i])) found.Add(new IPAddress(reply.Slice(r.DataOffset, r.DataLength)));
        }
        return found;
    }

    private static bool InChain(List<byte[]> chain, ReadOnlySpan<byte> name)
    {
        foreach (var n in chain)
            if (DnsName.EqualsIgnoreCase(n, name)) return true;
        return false;
    }
}
