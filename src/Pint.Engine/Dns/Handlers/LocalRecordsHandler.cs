using System.Buffers;

namespace Pint.Engine.Dns.Handlers;

/// <summary><see cref="LocalMxMode"/> with its target in wire form.</summary>
public sealed record LocalMx(bool Self, byte[] Target);

/// <summary>
/// Answers from local data (hosts, host-record, cname, mx/srv/txt/ptr records, automatic PTR, DHCP names) with AA.
/// Follows CNAMEs to local names, or to cached upstream answers (then without AA, as dnsmasq). A name without
/// records of the asked type falls through (dnsmasq forwards it).
/// </summary>
public sealed class LocalRecordsHandler(LocalNames names, DnsCache? cache = null, LocalMx? localMx = null, LocalisedAnswers? localise = null) : IDnsQueryHandler
{
    private const int MaxCnameChain = 10;

    public DnsVerdict Handle(ref DnsQueryContext context)
    {
        var records = names.Find(context.Query.Name);
        if (records is null) return AnswerIPv4Ptr(ref context);
        var type = context.Query.Type;
        ref var response = ref context.Response;
        ReadOnlySpan<byte> owner = response.QuestionName;

        for (int hop = 0; records.CnameTarget is { } target && type != DnsType.CNAME; hop++)
        {
            if (hop == MaxCnameChain) return DnsVerdict.Answer(DnsRcode.ServFail, false);
            response.AddNameRecord(DnsSection.Answer, owner, DnsType.CNAME, records.CnameTtl, default, target);
            var next = names.Find(target);
            if (next is null) return DnsVerdict.Answer(DnsRcode.NoError, !AppendCached(ref response, target, type));
            records = next;
            owner = next.Name;
        }
        int before = response.AnswerCount;
        WriteRecords(ref response, records, owner, type, context.LocalIPv4);
        if (response.AnswerCount == 0 && !response.Truncated) return DnsVerdict.Continue;
        if (response.AnswerCount > before && type is DnsType.SRV or DnsType.ANY)
            foreach (var srv in records.Srv) AddGlue(ref response, srv.Target);
        if (response.AnswerCount > before && type is DnsType.MX or DnsType.ANY)
            foreach (var mx in records.Mx) AddGlue(ref response, mx.Target);
        return DnsVerdict.Answer(DnsRcode.NoError, true);
    }

    /// <summary>The automatic PTR of an IPv4 address: the first name read for it.</summary>
    private DnsVerdict AnswerIPv4Ptr(ref DnsQueryContext context)
    {
        if (context.Query.Type is not (DnsType.PTR or DnsType.ANY) || names.FindIPv4PtrOwner(context.Query.Name) is not { } owner)
            return DnsVerdict.Continue;
        ref var response = ref context.Response;
        response.AddNameRecord(DnsSection.Answer, response.QuestionName, DnsType.PTR, owner.AddressTtl, default, owner.Name);
        return DnsVerdict.Answer(DnsRcode.NoError, true);
    }

    private void WriteRecords(ref DnsResponseBuilder response, LocalNameRecords records, ReadOnlySpan<byte> owner, DnsType type, uint localIPv4)
    {
        bool any = type == DnsType.ANY;
        uint mask = localise is not null && records.A.Length > 1 && (any || type == DnsType.A) ? localise.MaskOf(localIPv4) : 0;
        if (mask != 0 && WriteLocalised(ref response, records, owner, localIPv4, mask)) mask = uint.MaxValue;
        if (type == DnsType.CNAME && records.CnameTarget is { } cname)
            response.AddNameRecord(DnsSection.Answer, owner, DnsType.CNAME, records.CnameTtl, default, cname);
        if ((any || type == DnsType.A) && mask != uint.MaxValue) WriteRotated(ref response, records.A, records, owner, DnsType.A);
        if (any || type == DnsType.AAAA) WriteRotated(ref response, records.Aaaa, records, owner, DnsType.AAAA);
        Span<byte> fixedPart = stackalloc byte[6];
        if (any || type == DnsType.MX)
        {
            foreach (var (preference, target) in records.Mx)
            {
                fixedPart[0] = (byte)(preference >> 8);
                fixedPart[1] = (byte)preference;
                response.AddNameRecord(DnsSection.Answer, owner, DnsType.MX, records.AddressTtl, fixedPart[..2], target);
            }
            // localmx/selfmx: a machine (a name with addresses) without MX records of its own gets one, preference 1.
            if (records.Mx.Length == 0 && localMx is not null && (records.A.Length > 0 || records.Aaaa.Length > 0))
            {
                fixedPart[0] = 0;
                fixedPart[1] = 1;
                response.AddNameRecord(DnsSection.Answer, owner, DnsType.MX, records.AddressTtl, fixedPart[..2], localMx.Self ? owner : localMx.Target);
            }
        }
        if (any || type == DnsType.SRV)
        {
            foreach (var (priority, weight, port, target) in records.Srv)
            {
                LocalZone.WriteSrvFixed(fixedPart, priority, weight, port);
                response.AddNameRecord(DnsSection.Answer, owner, DnsType.SRV, records.AddressTtl, fixedPart, target);
            }
        }
        if (any || type == DnsType.TXT)
            foreach (var txt in records.Txt) response.AddRecord(DnsSection.Answer, owner, DnsType.TXT, records.AddressTtl, txt);
        if (any || type == DnsType.PTR)
            foreach (var ptr in records.Ptr) response.AddNameRecord(DnsSection.Answer, owner, DnsType.PTR, records.AddressTtl, default, ptr);
    }

    /// <summary>localise-queries: only the addresses on the query's interface subnet, rotated; false (nothing written) when none is there.</summary>
    private static bool WriteLocalised(ref DnsResponseBuilder response, LocalNameRecords records, ReadOnlySpan<byte> owner, uint localIPv4, uint mask)
    {
        var addresses = records.A;
        int onSubnet = 0;
        foreach (var address in addresses)
            if (LocalisedAnswers.OnSubnet(address, localIPv4, mask)) onSubnet++;
        if (onSubnet == 0) return false;
        int start = onSubnet == 1 ? 0 : records.NextRotation() % addresses.Length;
        for (int i = 0; i < addresses.Length; i++)
        {
            var address = addresses[(start + i) % addresses.Length];
            if (LocalisedAnswers.OnSubnet(address, localIPv4, mask) && !response.AddRecord(DnsSection.Answer, owner, DnsType.A, records.AddressTtl, address)) break;
        }
        return true;
    }

    /// <summary>Several addresses are rotated by one place on each answer so clients spread over them.</summary>
    private static void WriteRotated(ref DnsResponseBuilder response, byte[][] addresses, LocalNameRecords records, ReadOnlySpan<byte> owner, DnsType type)
    {
        int count = addresses.Length;
        if (count == 0) return;
        int start = count == 1 ? 0 : records.NextRotation() % count;
        for (int i = 0; i < count; i++)
        {
            if (!response.AddRecord(DnsSection.Answer, owner, type, records.AddressTtl, addresses[(start + i) % count])) return;
        }
    }

    /// <summary>
    /// Adds the cached upstream records of <paramref name="type"/> for a CNAME target that is not local. Only types
    /// whose RDATA holds no name, which can be copied out of the cached message as they are.
    /// </summary>
    private bool AppendCached(ref DnsResponseBuilder response, ReadOnlySpan<byte> target, DnsType type)
    {
        if (cache is null || type is not (DnsType.A or DnsType.AAAA or DnsType.TXT)) return false;
        var buffer = ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
        try
        {
            int length = cache.TryCopy(target, type, buffer);
            if (length <= 0) return false;
            var reader = new DnsMessageReader(buffer.AsSpan(0, length));
            if (reader.ReadHeader(out var header) != DnsRejection.None || header.QuestionCount != 1) return false;
            Span<byte> owner = stackalloc byte[DnsFlags.MaxNameLength];
            if (reader.ReadName(owner, out _) != DnsRejection.None || !reader.TrySkip(4)) return false;
            bool added = false;
            for (int i = 0; i < header.AnswerCount; i++)
            {
                if (reader.ReadRecord(owner, out int ownerLength, out var record) != DnsRejection.None) break;
                if (record.Type != type) continue;
                added |= response.AddRecord(DnsSection.Answer, owner[..ownerLength], type, record.Ttl, buffer.AsSpan(record.DataOffset, record.DataLength));
            }
            return added;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>dnsmasq adds the local addresses of SRV and MX targets to the additional section.</summary>
    private void AddGlue(ref DnsResponseBuilder response, byte[] target)
    {
        var host = names.Find(target);
        if (host is null) return;
        foreach (var a in host.Aaaa) response.AddRecord(DnsSection.Additional, host.Name, DnsType.AAAA, host.AddressTtl, a);
        foreach (var a in host.A) response.AddRecord(DnsSection.Additional, host.Name, DnsType.A, host.AddressTtl, a);
    }
}
