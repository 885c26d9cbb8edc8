namespace Pint.Engine.Dns;

/// <summary>Sections of a message, in order; the index of each count field in the header.</summary>
public enum DnsSection { Question = 0, Answer = 1, Authority = 2, Additional = 3 }

/// <summary>
/// Builds one reply to a parsed query inside a size limit: header, echoed question, records section by section.
/// A record that does not fit in the answer section sets TC (dnsmasq keeps the records that fit).
/// </summary>
public ref struct DnsResponseBuilder
{
    private DnsMessageWriter _writer;
    private readonly DnsQuery _query;
    private ushort _answers, _authority, _additional;

    public DnsResponseBuilder(Span<byte> buffer, in DnsQuery query)
    {
        _writer = new DnsMessageWriter(buffer);
        _query = query;
        _writer.TryWriteHeader(default);
        // The echoed question keeps the client's exact case; it is remembered so answers point at it.
        if (!_writer.TryWriteQuestion(query.Name, query.Type, query.Class)) Truncated = true;
    }

    public bool Truncated { get; private set; }
    public readonly int AnswerCount => _answers;

    /// <summary>The question name as the client wrote it: answers use it as owner so it compresses to offset 12.</summary>
    public readonly ReadOnlySpan<byte> QuestionName => _query.Name;

    /// <summary>The reply cannot hold what it should: send what is there with TC so the client retries over TCP.</summary>
    public void MarkTruncated() => Truncated = true;

    public bool AddRecord(DnsSection section, scoped ReadOnlySpan<byte> owner, DnsType type, uint ttl, scoped ReadOnlySpan<byte> rdata)
    {
        if (Truncated) return false;
        if (!_writer.TryWriteRecord(owner, type, ttl, rdata)) return Overflow(section);
        Count(section);
        return true;
    }

    /// <summary>
    /// A record whose RDATA is a fixed part followed by a name: CNAME, PTR, MX, SRV. Like dnsmasq, the RDATA name is
    /// written in full (later owner names may still point into it).
    /// </summary>
    public bool AddNameRecord(DnsSection section, scoped ReadOnlySpan<byte> owner, DnsType type, uint ttl, scoped ReadOnlySpan<byte> prefix, scoped ReadOnlySpan<byte> target)
    {
        if (Truncated) return false;
        var mark = _writer.Mark();
        if (_writer.TryWriteRecordStart(owner, type, ttl, out int rdLengthAt) && _writer.TryWriteRaw(prefix)
            && _writer.TryWriteName(target, compress: false) && _writer.TryEndRecord(rdLengthAt))
        {
            Count(section);
            return true;
        }
        _writer.Reset(mark);
        return Overflow(section);
    }

    /// <summary>Finishes the header and adds OPT when the client sent EDNS and it still fits. Returns the length.</summary>
    public int Finish(DnsRcode rcode, bool authoritative, ushort ednsPacketMax, ushort? extendedError = null)
    {
        ushort additional = _additional;
        if (_query.HasEdns && _writer.TryWriteOpt(ednsPacketMax, extendedError)) additional++;
        ushort flags = (ushort)(DnsFlags.Response | DnsFlags.RecursionAvailable | (ushort)rcode
            | (_query.Header.Flags & (DnsFlags.OpcodeMask | DnsFlags.RecursionDesired | DnsFlags.CheckingDisabled)));
        if (authoritative) flags |= DnsFlags.Authoritative;
        if (Truncated) flags |= DnsFlags.Truncated;
        new DnsHeader(_query.Header.Id, flags, 1, _answers, _authority, additional).Write(_writer.Buffer);
        return _writer.Position;
    }

    private bool Overflow(DnsSection section)
    {
        // Only a missing answer or authority record makes the reply incomplete; extra glue is optional.
        if (section != DnsSection.Additional) Truncated = true;
        return false;
    }

    private void Count(DnsSection section)
    {
        switch (section)
        {
            case DnsSection.Answer: _answers++; break;
            case DnsSection.Authority: _authority++; break;
            default: _additional++; break;
        }
    }
}
