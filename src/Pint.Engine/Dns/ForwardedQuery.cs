using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// A query on its way upstream, parsed once, when the responder chose to forward it: what the upstream exchange
/// needs (the query as sent upstream, the question a reply must answer) and what completing the client's reply needs
/// (the client's header, question and UDP limit), so neither parses the client's bytes again.
/// </summary>
public sealed class ForwardedQuery
{
    private readonly byte[] _clientMessage;
    private readonly int _questionLength;
    private readonly bool _hasEdns;
    private readonly ushort _ednsUdpSize;
    private readonly bool _ednsDo;

    private ForwardedQuery(byte[] clientMessage, in DnsQuery query, UpstreamGroup upstream, byte[] upstreamMessage, int upstreamLength)
    {
        _clientMessage = clientMessage;
        _questionLength = query.QuestionBytes.Length;
        _hasEdns = query.HasEdns;
        _ednsUdpSize = query.EdnsUdpSize;
        _ednsDo = query.EdnsDo;
        Name = query.Name.ToArray();
        Type = query.Type;
        Class = query.Class;
        Upstream = upstream;
        UpstreamMessage = upstreamMessage;
        UpstreamLength = upstreamLength;
    }

    /// <summary>The servers the query goes to, in the order the routes give.</summary>
    public UpstreamGroup Upstream { get; }

    /// <summary>The question's name in wire format, as the client wrote it (case kept).</summary>
    public byte[] Name { get; }

    public DnsType Type { get; }

    public ushort Class { get; }

    /// <summary>
    /// A 2-byte TCP length, then the query as sent upstream: the client's message with an OPT advertising
    /// edns-packet-max when the client sent none (as dnsmasq does). The forwarder writes its own ID at offset 2.
    /// </summary>
    public byte[] UpstreamMessage { get; }

    /// <summary>Bytes of <see cref="UpstreamMessage"/> after the length prefix.</summary>
    public int UpstreamLength { get; }

    /// <summary>The client's message as received.</summary>
    public ReadOnlySpan<byte> ClientMessage => _clientMessage;

    /// <summary>The parsed view again, over this object's own bytes: no parse.</summary>
    public DnsQuery View() => new()
    {
        Header = DnsHeader.Read(_clientMessage),
        Name = Name,
        Type = Type,
        Class = Class,
        QuestionBytes = _clientMessage.AsSpan(0, _questionLength),
        HasEdns = _hasEdns,
        EdnsUdpSize = _ednsUdpSize,
        EdnsDo = _ednsDo,
    };

    /// <summary>The client set CD: it validates itself, and gets the upstream's answer unvalidated (RFC 4035 3.2.2).</summary>
    public bool CheckingDisabled => (DnsHeader.Read(_clientMessage).Flags & DnsFlags.CheckingDisabled) != 0;

    /// <summary>
    /// For a caller holding only the bytes (fuzzing, benchmarks, tests of the completion alone): parses the message;
    /// null when it is not a query with one question. The server itself gets its instances from the responder.
    /// </summary>
    public static ForwardedQuery? Parse(ReadOnlySpan<byte> message, UpstreamGroup upstream, ushort ednsPacketMax = 1232)
    {
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        return DnsQuery.Parse(message, nameBuffer, out var query) == DnsRejection.None ? Create(message, query, upstream, ednsPacketMax) : null;
    }

    /// <summary>Copies what forwarding needs out of a message the responder has parsed into <paramref name="query"/>.</summary>
    /// <summary>
    /// With <paramref name="dnssec"/> (a validating server), the query upstream asks for DNSSEC records (DO), as dnsmasq
    /// 2.90 sends it (observed: RD, EDNS, DO, no CD); with <paramref name="checkingDisabled"/> (dnssec-debug) it sets CD too.
    /// </summary>
    internal static ForwardedQuery Create(ReadOnlySpan<byte> message, in DnsQuery query, UpstreamGroup upstream, ushort ednsPacketMax,
        bool dnssec = false, bool checkingDisabled = false)
    {
        // Room for the TCP length prefix in front and an OPT behind.
        var framed = new byte[2 + message.Length + 16];
        var output = framed.AsSpan(2);
        message.CopyTo(output);
        int length = message.Length;
        if (query.Header.AdditionalCount == 0)
        {
            var writer = new DnsMessageWriter(output[length..]);
            if (writer.TryWriteOpt(ednsPacketMax))
            {
                BinaryPrimitives.WriteUInt16BigEndian(output[10..], 1);
                length += writer.Position;
            }
        }
        if (dnssec) Dnssec.DnssecQueryBits.Set(output[..length], checkingDisabled);
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)Math.Min(length, ushort.MaxValue));
        return new ForwardedQuery(message.ToArray(), query, upstream, framed, length);
    }
}
