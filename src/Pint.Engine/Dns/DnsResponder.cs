using Pint.Engine.Dns.Handlers;

namespace Pint.Engine.Dns;

public enum DnsResponderAction { Drop, Reply, Forward }

/// <summary>
/// What to do with one received message: drop it, send Length bytes of the output, or forward upstream
/// (<see cref="Forward"/>, parsed once here and carried through the exchange and the client's reply).
/// </summary>
public readonly record struct DnsResponderResult(DnsResponderAction Action, int Length = 0, ForwardedQuery? Forward = null, DnsRejection Rejection = DnsRejection.None)
{
    /// <summary>The servers a forwarded query goes to.</summary>
    public UpstreamGroup? Upstream => Forward?.Upstream;
}

/// <summary>
/// The protocol logic with no sockets: query bytes + state -> reply bytes. Handlers run in dnsmasq's order:
/// interface names, local records, filterwin2k, address=, bogus-priv, local-only domains, domain-needed, cache, forwarding.
/// </summary>
public sealed class DnsResponder
{
    private readonly ushort _ednsPacketMax;
    private readonly string? _domain;
    private readonly int _localTtl;
    private readonly Action<string>? _log;
    private readonly Dnssec.DnssecSettings? _dnssec; // validating: DO upstream, and what CompleteForward does with a verdict
    private volatile Pipeline _pipeline;
    private readonly Sets.AddressSetObserver _sets; // ipset=/nftset=: outlives reloads, as its worker does

    /// <summary>Extended DNS Errors 6, "DNSSEC Bogus" (what dnsmasq 2.90 puts in its SERVFAIL for a bogus answer, observed), and 5, "DNSSEC Indeterminate".</summary>
    public const ushort EdeDnssecBogus = 6, EdeDnssecIndeterminate = 5;

    /// <summary>Extended DNS Error 15, "Blocked": what dnsmasq puts in a reply withheld by stop-dns-rebind.</summary>
    public const ushort EdeBlocked = 15;

    /// <summary>Everything built from the config that a query walks through; swapped whole on a reload.</summary>
    private sealed record Pipeline(IDnsQueryHandler[] Handlers, ForwardHandler Forward, UpstreamRoutes Routes, LocalNames Names, UpstreamSetup Upstreams,
        RebindGuard? Rebind, UpstreamRewrites? Rewrites);

    /// <summary>What decides where queries go upstream and what may be cached from there: if it changes, the cache goes.</summary>
    private sealed record UpstreamSetup(string Servers, string LocalDomains, bool StrictOrder, bool DomainNeeded, bool BogusPriv, int CacheSize, int? NegTtl,
        bool NoNegativeCache, string Rebind, string Rewrites)
    {
        public static UpstreamSetup Of(DnsServerOptions o, UpstreamRewrites rewrites) => new(
            string.Join(";", o.Servers.Select(s => $"{s.EndPoint}|{string.Join(',', s.Domains ?? [])}|{s.UseStandardServers}")),
            string.Join(";", o.LocalDomains), o.StrictOrder, o.DomainNeeded, o.BogusPriv, o.CacheSize, o.NegTtl, o.NoNegativeCache,
            o.StopDnsRebind ? $"{o.RebindLocalhostOk}|{string.Join(',', o.RebindDomainsOk)}" : "",
            rewrites.Describe());
    }

    public DnsResponder(DnsServerOptions options, Func<long>? clockMs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ednsPacketMax = (ushort)Math.Clamp(options.EdnsPacketMax, DnsFlags.ClassicUdpLimit, ushort.MaxValue);
        _domain = options.Domain;
        _localTtl = options.LocalTtl;
        _log = options.Log;
        _dnssec = options.Dnssec;
        DhcpNames = new DynamicNames(options.Domain, options.LocalTtl);
        Cache = new DnsCache(options.CacheSize, options.NegTtl, clockMs);
        _pipeline = Build(options);
        _sets = new Sets.AddressSetObserver(options);
    }

    private Pipeline Build(DnsServerOptions options)
    {
        var names = new LocalNames(LocalZone.Build(options), DhcpNames);
        var routes = new UpstreamRoutes(options.Servers, options.LocalDomains, options.StrictOrder);
        var forward = new ForwardHandler(routes);
        var handlers = new List<IDnsQueryHandler>();
        var interfaceNames = new InterfaceNamesHandler(options.InterfaceNames, options.LocalTtl, options.Interfaces);
        if (!interfaceNames.IsEmpty) handlers.Add(interfaceNames);
        var localMx = options.LocalMx is { } mx ? new LocalMx(mx.Self, DnsName.FromText(mx.Target)) : null;
        var localise = options.LocaliseQueries ? new LocalisedAnswers(options.LocalNetworks) : null;
        handlers.Add(new LocalRecordsHandler(names, Cache, localMx, localise));
        if (options.FilterWin2k) handlers.Add(new FilterWin2kHandler());
        var addressRules = new AddressRulesHandler(options.AddressRules, options.LocalTtl);
        if (!addressRules.IsEmpty) handlers.Add(addressRules);
        if (options.BogusPriv) handlers.Add(new BogusPrivHandler(routes));
        handlers.Add(new LocalDomainsHandler(routes, names, interfaceNames.IsEmpty ? null : interfaceNames));
        if (options.DomainNeeded) handlers.Add(new DomainNeededHandler(names));
        handlers.Add(new CacheHandler(Cache, _ednsPacketMax));
        handlers.Add(forward);
        var rebind = options.StopDnsRebind ? new RebindGuard(options.RebindLocalhostOk, options.RebindDomainsOk) : null;
        var rewrites = new UpstreamRewrites(options.BogusNxDomains, options.Aliases);
        return new Pipeline([.. handlers], forward, routes, names, UpstreamSetup.Of(options, rewrites), rebind, rewrites.IsEmpty ? null : rewrites);
    }

    /// <summary>
    /// Takes a changed config while serving: new local names answer from the next query on, DHCP names stay, and
    /// the cache is dropped only when the upstream setup changed. False when the change needs a new server
    /// (another packet size, domain or local TTL, which the DHCP names and socket buffers were built with).
    /// </summary>
    public bool Reconfigure(DnsServerOptions options)
    {
        var edns = (ushort)Math.Clamp(options.EdnsPacketMax, DnsFlags.ClassicUdpLimit, ushort.MaxValue);
        if (edns != _ednsPacketMax || options.Domain != _domain || options.LocalTtl != _localTtl) return false;
        if (options.Dnssec?.Describe() != _dnssec?.Describe()) return false; // the validator belongs to the server: another DNSSEC setup needs a new one
        var next = Build(options);
        if (next.Upstreams != _pipeline.Upstreams || options.ClearOnReload)
        {
            if (options.CacheSize != _pipeline.Upstreams.CacheSize || options.NegTtl != _pipeline.Upstreams.NegTtl) return false;
            Cache.Clear();
        }
        _pipeline = next;
        _sets.Configure(options);
        return true;
    }

    public DnsCounters Counters { get; } = new();
    public DynamicNames DhcpNames { get; }
    public LocalNames Names => _pipeline.Names;
    public DnsCache Cache { get; }
    public ushort EdnsPacketMax => _ednsPacketMax;
    /// <summary>The evaluation order, first to last.</summary>
    public IReadOnlyList<IDnsQueryHandler> Handlers => _pipeline.Handlers;

    /// <summary>
    /// Answers one message. Over UDP the reply is limited to what the client accepts (TC when cut).
    /// <paramref name="localIPv4"/>: the IPv4 address the query was sent to (big-endian), 0 when unknown.
    /// </summary>
    public DnsResponderResult Respond(ReadOnlySpan<byte> message, Span<byte> output, bool overTcp, uint localIPv4 = 0)
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
            case DnsRejection.QuestionCount when _pipeline.Routes.Default is null:
                return Refuse(query, output, rejection);
            default:
                // dnsmasq sends nothing back for these (and forwards odd question counts, whose replies then match no query).
                Counters.CountDropped();
                return new DnsResponderResult(DnsResponderAction.Drop, Rejection: rejection);
        }

        var limited = overTcp ? output : output[..Math.Min(output.Length, query.UdpLimit(_ednsPacketMax))];
        var context = new DnsQueryContext { Query = query, Output = limited, Response = new DnsResponseBuilder(limited, query), LocalIPv4 = localIPv4 };
        DnsVerdict verdict = default;
        var pipeline = _pipeline; // one config for the whole query, even if a reload swaps it meanwhile
        if (IsPlainQuery(query))
        {
            foreach (var handler in pipeline.Handlers)
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
            verdict = pipeline.Forward.Handle(ref context);
        }

        switch (verdict.Kind)
        {
            case DnsVerdictKind.Forward:
                Counters.CountForwarded();
                // A server=/domain/ without a trust anchor for the domain is not validated (dnsmasq 2.90): the client's query goes as it came.
                bool validated = _dnssec is not null && _dnssec.Validates(query.Name);
                return new DnsResponderResult(DnsResponderAction.Forward, Forward: ForwardedQuery.Create(message, query, verdict.Upstream!, _ednsPacketMax,
                    dnssec: validated, checkingDisabled: validated && _dnssec!.Debug));
            case DnsVerdictKind.RawReply:
                return new DnsResponderResult(DnsResponderAction.Reply, verdict.Length);
            default:
                if (verdict.Rcode == DnsRcode.Refused) Counters.CountRefused();
                return new DnsResponderResult(DnsResponderAction.Reply, context.Response.Finish(verdict.Rcode, verdict.Authoritative, _ednsPacketMax, verdict.ExtendedError));
        }
    }

    /// <summary>
    /// Writes the client's reply once forwarding ended: the upstream reply (cached when cacheable) or SERVFAIL when
    /// <paramref name="reply"/> is null because no server answered. With stop-dns-rebind, a reply pointing at a
    /// private address becomes an empty NOERROR with EDE "Blocked" and is not cached, as dnsmasq answers it.
    /// With dnssec, <paramref name="dnssec"/> is the validator's verdict (null: not validated, the client set CD):
    /// secure answers carry AD (in the cache too), bogus ones become SERVFAIL with EDE "DNSSEC Bogus" (unless dnssec-debug).
    /// </summary>
    public int CompleteForward(ForwardedQuery forwarded, UpstreamReply? reply, Span<byte> output, bool overTcp, Dnssec.DnssecStatus? dnssec = null)
    {
        var query = forwarded.View();
        var pipeline = _pipeline; // one config for the whole reply, even if a reload swaps it meanwhile
        var limited = overTcp ? output : output[..Math.Min(output.Length, query.UdpLimit(_ednsPacketMax))];
        if (reply is not { } upstream)
        {
            Counters.CountServerFailure();
            return new DnsResponseBuilder(limited, query).Finish(DnsRcode.ServFail, false, _ednsPacketMax);
        }
        bool cacheable = true;
        if (_dnssec is not null)
        {
            if (dnssec is Dnssec.DnssecStatus.Bogus or Dnssec.DnssecStatus.Indeterminate && !_dnssec.Debug)
            {
                Counters.CountServerFailure();
                return new DnsResponseBuilder(limited, query).Finish(DnsRcode.ServFail, false, _ednsPacketMax,
                    dnssec == Dnssec.DnssecStatus.Bogus ? EdeDnssecBogus : EdeDnssecIndeterminate);
            }
            // AD is ours to give: set for a secure answer, cleared for anything else, whatever the upstream said.
            ushort flags = (ushort)(DnsHeader.Read(upstream.Message).Flags & ~DnsFlags.AuthenticData);
            if (dnssec == Dnssec.DnssecStatus.Secure) flags |= DnsFlags.AuthenticData;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(upstream.Message.AsSpan(2), flags);
            cacheable = dnssec is not null && !_dnssec.Debug; // an unvalidated (CD) answer must not answer others
        }
        if (IsPlainQuery(query))
        {
            if (pipeline.Rewrites is { } rewrites)
            {
                // bogus-nxdomain: the registry's wildcard answer becomes the NXDOMAIN it stands for (EDE "Blocked" on this
                // reply only), cached for the name as an upstream NXDOMAIN would be.
                if (rewrites.IsBogus(upstream.Message))
                {
                    Cache.Store(query.Name, query.Type, UpstreamReply.NxDomainFor(upstream));
                    return new DnsResponseBuilder(limited, query).Finish(DnsRcode.NxDomain, false, _ednsPacketMax, EdeBlocked);
                }
                rewrites.Rewrite(upstream.Message);
            }
            if (pipeline.Rebind is { } rebind && IsRebind(rebind, query, upstream.Message))
                return new DnsResponseBuilder(limited, query).Finish(DnsRcode.NoError, false, _ednsPacketMax, EdeBlocked);
            _sets.Observe(query, upstream.Message); // ipset=/nftset=: queued for a background writer, never waited for
            if (cacheable && !(pipeline.Upstreams.NoNegativeCache && IsNegative(upstream.Message))) Cache.Store(query.Name, query.Type, upstream);
        }
        if (upstream.Message.Length > limited.Length)
        {
            var header = DnsHeader.Read(upstream.Message);
            var truncated = new DnsResponseBuilder(limited, query);
            truncated.MarkTruncated();
            return truncated.Finish(header.Rcode, header.HasFlag(DnsFlags.Authoritative), _ednsPacketMax);
        }
        upstream.Message.CopyTo(limited);
        int length = upstream.Message.Length;
        // Asked upstream with DO for our own validation: a client without DO gets no RRSIG, NSEC or NSEC3 (dnsmasq's rrfilter).
        if (_dnssec is not null && !query.EdnsDo) length = Dnssec.DnssecRecordFilter.Strip(limited, length, query.Type);
        return UpstreamAnswerWriter.Finish(query, limited, length, _ednsPacketMax, fromCache: false);
    }

    private bool IsRebind(RebindGuard rebind, in DnsQuery query, ReadOnlySpan<byte> reply)
    {
        Span<byte> owner = stackalloc byte[DnsFlags.MaxNameLength];
        if (!rebind.Blocks(query, reply, owner, out int ownerLength)) return false;
        Counters.CountRebindBlocked();
        _log?.Invoke($"possible DNS-rebind attack detected: {DnsName.ToText(owner[..ownerLength])}");
        return true;
    }

    /// <summary>NXDOMAIN, or NOERROR without answers (NODATA): what no-negcache keeps out of the cache.</summary>
    private static bool IsNegative(ReadOnlySpan<byte> reply)
    {
        var header = DnsHeader.Read(reply);
        return header.Rcode == DnsRcode.NxDomain || (header.Rcode == DnsRcode.NoError && header.AnswerCount == 0);
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
