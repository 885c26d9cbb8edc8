using Pint.Engine.Dns;

namespace Pint.Fuzz;

/// <summary>
/// Any bytes as a client query through <see cref="DnsResponder.Respond"/> (UDP and TCP) with a small local zone:
/// a reply fits its buffer and the client's limit, and echoes the query's ID; a forwarded query then gets a made-up
/// upstream answer through <see cref="UpstreamReply.TryParse"/> and <see cref="DnsResponder.CompleteForward"/>.
/// </summary>
public sealed class DnsRespondTarget(FuzzSeeds seeds) : FuzzTarget
{
    private readonly DnsResponder _responder = DnsSeeds.Responder();
    private readonly byte[] _output = new byte[65535];

    public override string Name => "dns-respond";
    public override IReadOnlyList<byte[]> Seeds { get; } = DnsSeeds.Queries(seeds);

    public override byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) => DnsMutator.Mutate(input, corpus, random);

    public override int Run(byte[] input)
    {
        var overTcp = input.Length % 3 == 0;
        var result = _responder.Respond(input, _output, overTcp);
        switch (result.Action)
        {
            case DnsResponderAction.Reply:
                CheckReply(input, result.Length, overTcp);
                return Outcome(result, _output[3] & 0x0F);
            case DnsResponderAction.Forward:
                FuzzPropertyException.Check(result.Upstream is not null, "a forward names its upstream group");
                return Outcome(result, Forward(input, result.Forward!, overTcp));
            default:
                return Outcome(result, 0);
        }
    }

    private void CheckReply(byte[] query, int length, bool overTcp)
    {
        var limit = overTcp ? _output.Length : Math.Max(DnsFlags.ClassicUdpLimit, (int)_responder.EdnsPacketMax);
        FuzzPropertyException.Check(length >= DnsFlags.HeaderLength && length <= limit, $"reply length {length} within 12..{limit}");
        FuzzPropertyException.Check(_output[0] == query[0] && _output[1] == query[1], "the reply echoes the query ID");
        FuzzPropertyException.Check((_output[2] & 0x80) != 0, "the reply has QR set");
    }

    /// <summary>Answers the forward as an upstream would (NOERROR with an A record, or NXDOMAIN), as the server does.</summary>
    private int Forward(byte[] query, ForwardedQuery forwarded, bool overTcp)
    {
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        if (DnsQuery.Parse(query, name, out var parsed) != DnsRejection.None || parsed.Header.QuestionCount != 1) return 1;
        var reply = DnsMutator.Reply(query, query.Length % 2 == 0 ? DnsRcode.NoError : DnsRcode.NxDomain);
        var rejection = UpstreamReply.TryParse(reply, parsed.Header.Id, parsed.Name, parsed.Type, 60, out var upstream);
        var length = _responder.CompleteForward(forwarded, rejection == DnsRejection.None ? upstream : null, _output, overTcp);
        CheckReply(query, length, overTcp);
        return 2 + (int)rejection;
    }

    private static int Outcome(DnsResponderResult result, int detail) => ((int)result.Action << 12) | ((int)result.Rejection << 8) | detail;
}
