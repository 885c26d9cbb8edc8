using System.Buffers.Binary;
using Pint.Engine.Dns.Handlers;

namespace Pint.Engine.Dns;

public enum DnsResponderAction { Drop, Reply, Forward }

/// <summary>What to do with one received message: drop it, send Length bytes of the output, or forward upstream.</summary>
public readonly record struct DnsResponderResult(DnsResponderAction Action, int Length = 0, UpstreamGroup? Upstream = null, DnsRejection Rejection = DnsRejection.None);

/// <summary>
/// The protocol logic with no sockets: query bytes + state -> reply bytes. Handlers run in dnsmasq's order:
/// local records, address=, bogus-priv, local-only domains, domain-needed, cache, forwarding.
/// </summary>
public sealed class DnsResponder
{
    private readonly IDnsQueryHandler[] _handlers;
    private readonly ForwardHandler _forward;
    private readonly UpstreamRoutes _routes;
    private readonly ushort _ednsPacketMax;

    public DnsResponder(DnsServerOptions options, Func<long>? clockMs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ednsPacketMax = (ushort)Math.Clamp(options.EdnsPacketMax, DnsFlags.ClassicUdpLimit, ushort.MaxValue);
        DhcpNames = new DynamicNames(options.Domain, options.LocalTtl);
        Names = new LocalNames(LocalZone.Build(options), DhcpNames);
        Cache = new DnsCache(options.CacheSize, options.NegTtl, clockMs);
        _routes = new UpstreamRoutes(options.Servers, options.LocalDomains, options.StrictOrder);
        _forward = new ForwardHandler(_routes);
        var handlers = new List<IDnsQueryHandler> { new LocalRecordsHandler(Names, Cache) };
        var addressRules = new AddressRulesHandler(options.AddressRules, options.LocalTtl);
        if (!addressRules.IsEmpty) handlers.Add(addressRules);
        if (options.BogusPriv) handlers.Add(new BogusPrivHandler(_routes));
        handlers.Add(new LocalDomainsHandler(_routes, Names));
        if (options.DomainNeeded) handlers.Add(new DomainNeededHandler(Names));
        handlers.Add(new CacheHandler(Cache, _ednsPacketMax));
        handlers.Add(_forward);
        _handlers = [.. handlers];
    }

    public DnsCounters Counters { get; } = new();
    public DynamicNames DhcpNames { get; }
    public LocalNames Names { get; }
    public DnsCache Cache { get; }
    public ushort EdnsPacketMax => _ednsPacketMax;
    /// <summary>The evaluation order, first to last.</summary>
    public IReadOnlyList<IDnsQueryHandler> Handlers => _handlers;

    /// <summary>Answers one message. Over UDP the reply is limited to what the client accepts (TC when cut).</summary>
    public DnsResponderResult Respond(ReadOnlySpan<byte> message, Span<byte> output, bool overTcp)
    {
        Counters.CountQuery();
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        var rejection = DnsQuery.Parse(message, nameBuffer, out var query);
        switch (rejection)
        {
            case DnsRejection.None:
                break;
            case DnsRejection.CompressionLoop or DnsRejection.NameTooLong:
                return Refuse(query, output, rejection);
            case DnsRejection.QuestionCount when _routes.Default is null:
                return Refuse(query, output, rejection);
            default:
                // dnsmasq sends nothing back for these (and forwards odd question counts, whose replies then match no query).
                Counters.CountDropped();
                return new DnsResponderResult(DnsResponderAction.Drop, Rejection: rejection);
        }

        var limited = overTcp ? output : output[..Math.Min(output.Length, query.UdpLimit(_ednsPacketMax))];
        var context = new DnsQueryContext { Query = query, Output = limited, Response = new DnsResponseBuilder(limited, query) };
        DnsVerdict verdict = default;
        if (IsPlainQuery(query))
        {
            foreach (var handler in _handlers)
            {
                verdict = handler.Handle(ref context);
                if (verdict.Kind != DnsVerdictKind.Continue)
                {
                    if (handler is CacheHandler) Counters.CountCacheHit();
                    else if (handler is not ForwardHandler) Counters.CountLocalAnswer();
                    break;
                }
            }
        }
        else
        {
            // Other opcodes and classes are not ours to answer: dnsmasq passes them upstream.
            verdict = _forward.Handle(ref context);
        }

        switch (verdict.Kind)
        {
            case DnsVerdictKind.Forward:
                Counters.CountForwarded();
                return new DnsResponderResult(DnsResponderAction.Forward, Upstream: verdict.Upstream);
            case DnsVerdictKind.RawReply:
                return new DnsResponderResult(DnsResponderAction.Reply, verdict.Length);
            default:
                if (verdict.Rcode == DnsRcode.Refused) Counters.CountRefused();
                return new DnsResponderResult(DnsResponderAction.Reply, context.Response.Finish(verdict.Rcode, verdict.Authoritative, _ednsPacketMax, verdict.ExtendedError));
        }
    }

    /// <summary>
    /// Writes the client's reply once forwarding ended: the upstream reply (cached when cacheable) or SERVFAIL when
    /// <paramref name="reply"/> is null because no server answered.
    /// </summary>
    public int CompleteForward(ReadOnlySpan<byte> message, UpstreamReply? reply, Span<byte> output, bool overTcp)
    {
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        if (DnsQuery.Parse(message, nameBuffer, out var query) != DnsRejection.None) return 0;
        var limited = overTcp ? output : output[..Math.Min(output.Length, query.UdpLimit(_ednsPacketMax))];
        if (reply is not { } upstream)
        {
            Counters.CountServerFailure();
            return new DnsResponseBuilder(limited, query).Finish(DnsRcode.ServFail, false, _ednsPacketMax);
        }
        if (IsPlainQuery(query)) Cache.Store(query.Name, query.Type, upstream);
        if (upstream.Message.Length > limited.Length)
        {
            var truncated = new DnsResponseBuilder(limited, query);
            truncated.MarkTruncated();
            return truncated.Finish(DnsHeader.Read(upstream.Message).Rcode, false, _ednsPacketMax);
        }
        upstream.Message.CopyTo(limited);
        return UpstreamAnswerWriter.Finish(query, limited, upstream.Message.Length, _ednsPacketMax);
    }

    /// <summary>
    /// The query as sent upstream: our own <paramref name="id"/>, and an OPT advertising edns-packet-max when the
    /// client sent none (as dnsmasq does). Returns the length written to <paramref name="output"/>.
    /// </summary>
    public int PrepareUpstreamQuery(ReadOnlySpan<byte> message, ushort id, Span<byte> output)
    {
        message.CopyTo(output);
        BinaryPrimitives.WriteUInt16BigEndian(output, id);
        int length = message.Length;
        var header = DnsHeader.Read(message);
        if (header.AdditionalCount == 0)
        {
            var writer = new DnsMessageWriter(output[length..]);
            if (writer.TryWriteOpt(_ednsPacketMax))
            {
                BinaryPrimitives.WriteUInt16BigEndian(output[10..], 1);
                length += writer.Position;
            }
        }
        return length;
    }

    private static bool IsPlainQuery(in DnsQuery query) =>
        query.Header.Opcode == 0 && query.Class == DnsFlags.ClassIn && query.Header.AnswerCount == 0 && query.Header.AuthorityCount == 0;

    private DnsResponderResult Refuse(in DnsQuery query, Span<byte> output, DnsRejection rejection)
    {
        Counters.CountRefused();
        var echo = query.QuestionBytes;
        if (echo.Length > output.Length || echo.Length > DnsFlags.ClassicUdpLimit) echo = echo[..DnsFlags.HeaderLength];
        echo.CopyTo(output);
        ushort flags = (ushort)(DnsFlags.Response | DnsFlags.RecursionAvailable | (ushort)DnsRcode.Refused
            | (query.Header.Flags & (DnsFlags.OpcodeMask | DnsFlags.RecursionDesired | DnsFlags.CheckingDisabled)));
        ushort questions = echo.Length == DnsFlags.HeaderLength ? (ushort)0 : query.Header.QuestionCount;
        new DnsHeader(query.Header.Id, flags, questions, 0, 0, 0).Write(output);
        return new DnsResponderResult(DnsResponderAction.Reply, echo.Length, Rejection: rejection);
    }
}
