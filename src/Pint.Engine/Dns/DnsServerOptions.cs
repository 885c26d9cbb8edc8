using System.Net;

namespace Pint.Engine.Dns;

/// <summary>Everything the DNS server needs, filled by the caller (the lead maps dnsmasq config options onto it).</summary>
public sealed record DnsServerOptions
{
    /// <summary>UDP and TCP are served on each. Port 0 binds an ephemeral port; see <see cref="DnsServer.BoundEndPoints"/>.</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints { get; init; } = [];
    /// <summary>Name/address pairs in read order (hosts files, addn-hosts, host-record).</summary>
    public IReadOnlyList<LocalHostName> HostNames { get; init; } = [];
    public IReadOnlyList<CnameEntry> Cnames { get; init; } = [];
    public IReadOnlyList<MxEntry> MxEntries { get; init; } = [];
    public IReadOnlyList<SrvEntry> SrvEntries { get; init; } = [];
    public IReadOnlyList<TxtEntry> TxtEntries { get; init; } = [];
    public IReadOnlyList<PtrEntry> PtrEntries { get; init; } = [];
    /// <summary>Upstream servers (server=), local-only domains (server=/dom/ with no address) and server=/dom/#.</summary>
    public IReadOnlyList<ForwardServer> Servers { get; init; } = [];
    /// <summary>domain=name,subnet,local: the domain and the subnet's reverse zone, answered from local data only, never forwarded.</summary>
    public IReadOnlyList<string> LocalDomains { get; init; } = [];
    /// <summary>interface-name=NAME,INTERFACE[/4|/6] lines.</summary>
    public IReadOnlyList<InterfaceName> InterfaceNames { get; init; } = [];
    /// <summary>Where interface-name reads the interfaces' addresses from (the machine, or a test's own).</summary>
    public Func<IReadOnlyList<Config.InterfaceFacts>> Interfaces { get; init; } = Config.SystemFacts.Live.Interfaces;
    /// <summary>address=/domain/ip: the domain and all its subdomains.</summary>
    public IReadOnlyList<AddressRule> AddressRules { get; init; } = [];
    public string? Domain { get; init; }
    public bool ExpandHosts { get; init; }
    public bool DomainNeeded { get; init; }
    public bool BogusPriv { get; init; }
    public bool StrictOrder { get; init; }
    /// <summary>cache-size: number of cached answers (0 disables the cache).</summary>
    public int CacheSize { get; init; } = 150;
    /// <summary>local-ttl: TTL of answers from local data.</summary>
    public int LocalTtl { get; init; }
    /// <summary>neg-ttl: TTL for caching negative answers that carry no SOA (null: do not cache them).</summary>
    public int? NegTtl { get; init; }
    /// <summary>no-negcache: negative answers (NXDOMAIN, NODATA) from upstream are never cached.</summary>
    public bool NoNegativeCache { get; init; }
    /// <summary>clear-on-reload: every reload empties the cache.</summary>
    public bool ClearOnReload { get; init; }
    /// <summary>edns-packet-max: largest UDP answer (dnsmasq 2.90 default 1232).</summary>
    public int EdnsPacketMax { get; init; } = 1232;
    /// <summary>How long to wait for one upstream server before trying the next.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(1.5);
    /// <summary>Who is answered: everyone, or (local-service) only clients on a directly connected network.</summary>
    public DnsClientScope ClientScope { get; init; } = DnsClientScope.Everyone;
    /// <summary>stop-dns-rebind: withhold upstream A/AAAA answers that point at private addresses.</summary>
    public bool StopDnsRebind { get; init; }
    /// <summary>rebind-localhost-ok: 127.0.0.0/8, 0.0.0.0/8, ::1 and :: pass the rebind check.</summary>
    public bool RebindLocalhostOk { get; init; }
    /// <summary>rebind-domain-ok: names in these domains (and below) pass the rebind check.</summary>
    public IReadOnlyList<string> RebindDomainsOk { get; init; } = [];
    /// <summary>bogus-nxdomain: upstream replies with an A or AAAA answer in one of these networks become NXDOMAIN.</summary>
    public IReadOnlyList<IPNetwork> BogusNxDomains { get; init; } = [];
    /// <summary>alias: IPv4 answers from upstream rewritten, in config order.</summary>
    public IReadOnlyList<AliasRange> Aliases { get; init; } = [];
    /// <summary>localmx / selfmx: the MX record every local machine gets; null: none.</summary>
    public LocalMxMode? LocalMx { get; init; }
    /// <summary>localise-queries: a local name's IPv4 addresses on the subnet the query came in on answer alone.</summary>
    public bool LocaliseQueries { get; init; }
    /// <summary>Where localise-queries reads the interfaces' subnets from (the machine, or a test's own).</summary>
    public Func<LocalNetworks> LocalNetworks { get; init; } = Dns.LocalNetworks.OfThisMachine;
    /// <summary>filterwin2k: SOA, SRV and underscore ANY queries are answered empty instead of forwarded.</summary>
    public bool FilterWin2k { get; init; }
    /// <summary>Where the server reports what an operator should see (a rebind attempt, ignored clients); null: nowhere.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>ipset= and nftset= lines: addresses of upstream answers for names in their domains go to these kernel sets.</summary>
    public IReadOnlyList<Config.AddressSetRule> AddressSets { get; init; } = [];
    /// <summary>dnssec: validate upstream answers from these trust anchors (AD when secure, SERVFAIL when bogus); null: no validation.</summary>
    public Dnssec.DnssecSettings? Dnssec { get; init; }
}

/// <summary>localmx (MX records to <paramref name="Target"/>) or selfmx (<paramref name="Self"/>: each machine is its own mail host).</summary>
public sealed record LocalMxMode(bool Self, string Target);

/// <summary>Which clients the DNS server answers.</summary>
public enum DnsClientScope
{
    Everyone,
    /// <summary>local-service: only clients whose address is on a network of one of the machine's interfaces, or loopback.</summary>
    LocalNetworks,
}

/// <summary>interface-name=: <paramref name="Name"/> answers with the addresses of <paramref name="Interface"/> (only IPv4 or IPv6 ones when <paramref name="Family"/> is set).</summary>
public sealed record InterfaceName(string Name, string Interface, System.Net.Sockets.AddressFamily? Family);

/// <summary>One name/address pair. <paramref name="ExpandHosts"/>: hosts-file entries (bare names also answer as name.domain); host-record: false.</summary>
public sealed record LocalHostName(string Name, IPAddress Address, bool ExpandHosts = true, int? Ttl = null);

/// <summary>cname=alias,target.</summary>
public sealed record CnameEntry(string Alias, string Target, int? Ttl = null);

/// <summary>mx-host=name,target,preference.</summary>
public sealed record MxEntry(string Name, string Target, ushort Preference = 1);

/// <summary>srv-host=_service._proto.name,target,port,priority,weight.</summary>
public sealed record SrvEntry(string Name, string Target, ushort Port, ushort Priority = 0, ushort Weight = 0);

/// <summary>txt-record=name,"string",... Each string becomes one character-string.</summary>
public sealed record TxtEntry(string Name, IReadOnlyList<string> Strings);

/// <summary>ptr-record=name,target.</summary>
public sealed record PtrEntry(string Name, string Target);

/// <summary>
/// server=[/domain/...]address#port. <see cref="EndPoint"/> null with domains: those domains are local only, or with
/// <see cref="UseStandardServers"/> (server=/domain/#) go to the default servers even inside a domain routed elsewhere.
/// No domains: a default upstream for everything.
/// </summary>
public sealed record ForwardServer(IPEndPoint? EndPoint, IReadOnlyList<string>? Domains = null, bool UseStandardServers = false);

/// <summary>address=/domain/[ip]. <see cref="Address"/> null: NXDOMAIN for the domain and its subdomains.</summary>
public sealed record AddressRule(string Domain, IPAddress? Address);
