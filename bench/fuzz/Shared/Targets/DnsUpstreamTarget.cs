using Pint.Engine.Dns;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes as an upstream server's reply: <see cref="UpstreamReply.TryParse"/> against the query it claims to
/// answer, then <see cref="DnsResponder.CompleteForward"/> (caching it) and the same query again (served from the cache).
/// A garbage reply is rejected; an accepted one yields a client reply with the client's ID that fits the buffer.
/// </summary>
public sealed class DnsUpstreamTarget(FuzzSeeds seeds) : FuzzTarget
{
    private readonly DnsResponder _responder = DnsSeeds.Responder();
    private readonly byte[] _output = new byte[65535];
    /// <summary>Completion does not ask upstream: the group the forward came with is not used.</summary>
    private static readonly UpstreamGroup NoServers = new([], strictOrder: false);

    public override string Name => "dns-upstream";
    public override IReadOnlyList<byte[]> Seeds { get; } = DnsSeeds.Replies(seeds);

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => DnsMutator.Mutate(input, corpus, random);

    public override int Run(byte[] reply)
    {
        var query = QueryFor(reply);
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        if (DnsQuery.Parse(query, name, out var parsed) != DnsRejection.None) return 1;
        var rejection = UpstreamReply.TryParse(reply, parsed.Header.Id, parsed.Name, parsed.Type, 60, out var upstream);
        if (rejection != DnsRejection.None) return 2 + (int)rejection;

        var overTcp = reply.Length % 3 == 0;
        var forwarded = ForwardedQuery.Parse(query, NoServers)!;
        var length = _responder.CompleteForward(forwarded, upstream, _output, overTcp);
        FuzzPropertyException.Check(length >= DnsFlags.HeaderLength && length <= _output.Length, $"client reply length {length}");
        FuzzPropertyException.Check(_output[0] == query[0] && _output[1] == query[1], "the client reply has the client's ID");
        var again = _responder.Respond(query, _output, overTcp);
        return 16 + ((int)again.Action << 4) + (upstream.CacheSeconds is null ? 0 : 1);
    }

    /// <summary>The query the reply's question asks (same ID), or a fixed one when the question cannot be read.</summary>
    private static byte[] QueryFor(byte[] reply)
    {
        var reader = new DnsMessageReader(reply);
        if (reader.ReadHeader(out var header) == DnsRejection.None && header.QuestionCount >= 1)
        {
            Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
            if (reader.ReadName(name, out var length) == DnsRejection.None && reader.TryReadUInt16(out var type))
                return [reply[0], reply[1], 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, .. name[..length], (byte)(type >> 8), (byte)type, 0, 1];
        }
        return DnsMutator.Query((ushort)(reply.Length < 2 ? 0 : (reply[0] << 8) | reply[1]), "www.example.com", DnsType.A);
    }
}
