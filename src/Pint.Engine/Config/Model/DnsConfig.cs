namespace Pint.Engine.Config;

/// <summary>The DNS part of a loaded config. Defaults are dnsmasq's.</summary>
public sealed class DnsConfig
{
    internal readonly List<string> ListenAddressList = [];
    internal readonly List<string> InterfaceList = [];
    internal readonly List<string> ExceptInterfaceList = [];
    internal readonly List<string> ResolvFileList = [];
    internal readonly List<DnsServerEntry> ServerList = [];
    internal readonly List<AddressRule> AddressList = [];
    internal readonly List<DomainSetting> DomainList = [];
    internal readonly List<string> AddnHostsPathList = [];
    internal readonly List<HostsEntry> AddnHostsEntryList = [];
    internal readonly List<HostRecord> HostRecordList = [];
    internal readonly List<CnameRecord> CnameList = [];
    internal readonly List<MxRecord> MxList = [];
    internal readonly List<SrvRecord> SrvList = [];
    internal readonly List<TxtRecord> TxtList = [];
    internal readonly List<PtrRecord> PtrList = [];
    internal readonly List<string> RebindDomainOkList = [];
    internal readonly List<BogusNxDomain> BogusNxDomainList = [];
    internal readonly List<AddressAlias> AliasList = [];

    public int Port { get; internal set; } = 53;
    /// <summary><c>listen-address</c> values as written (IPv4 or IPv6 text).</summary>
    public IReadOnlyList<string> ListenAddresses => ListenAddressList;
    public IReadOnlyList<string> Interfaces => InterfaceList;
    public IReadOnlyList<string> ExceptInterfaces => ExceptInterfaceList;
    public bool BindInterfaces { get; internal set; }
    /// <summary><c>bind-dynamic</c>: listen on the interfaces' own addresses and follow them as they come and go.</summary>
    public bool BindDynamic { get; internal set; }
    public bool NoResolv { get; internal set; }
    /// <summary><c>resolv-file</c> paths; empty means dnsmasq's default /etc/resolv.conf.</summary>
    public IReadOnlyList<string> ResolvFiles => ResolvFileList;
    /// <summary><c>server=</c> and <c>local=</c> lines in file order.</summary>
    public IReadOnlyList<DnsServerEntry> Servers => ServerList;
    public IReadOnlyList<AddressRule> Addresses => AddressList;
    public IReadOnlyList<DomainSetting> Domains => DomainList;
    public bool ExpandHosts { get; internal set; }
    public bool NoHosts { get; internal set; }
    /// <summary><c>addn-hosts</c> paths as written (files or directories).</summary>
    public IReadOnlyList<string> AddnHostsPaths => AddnHostsPathList;
    /// <summary>Entries read from the <c>addn-hosts</c> files (empty when ReadHostsFiles is false).</summary>
    public IReadOnlyList<HostsEntry> AddnHostsEntries => AddnHostsEntryList;
    public IReadOnlyList<HostRecord> HostRecords => HostRecordList;
    public IReadOnlyList<CnameRecord> Cnames => CnameList;
    public IReadOnlyList<MxRecord> MxRecords => MxList;
    public IReadOnlyList<SrvRecord> SrvRecords => SrvList;
    public IReadOnlyList<TxtRecord> TxtRecords => TxtList;
    public IReadOnlyList<PtrRecord> PtrRecords => PtrList;
    public int CacheSize { get; internal set; } = 150;
    /// <summary>TTL of answers from hosts files and DHCP leases; 0 (dnsmasq's default) means "do not cache".</summary>
    public int LocalTtl { get; internal set; }
    /// <summary>TTL for negative answers without an SOA; null = not set.</summary>
    public int? NegTtl { get; internal set; }
    public bool DomainNeeded { get; internal set; }
    public bool BogusPriv { get; internal set; }
    public bool StrictOrder { get; internal set; }
    public bool LogQueries { get; internal set; }
    /// <summary>The <c>log-queries=extra|proto|auth</c> value, when given.</summary>
    public string? LogQueriesDetail { get; internal set; }
    public string? LogFacility { get; internal set; }
    /// <summary><c>local-service</c> was given (Pint applies it by default anyway when no listen address or interface is given).</summary>
    public bool LocalService { get; internal set; }
    /// <summary><c>local-service=host</c>: listen on loopback only.</summary>
    public bool LocalServiceHost { get; internal set; }
    public bool StopDnsRebind { get; internal set; }
    public bool RebindLocalhostOk { get; internal set; }
    /// <summary><c>rebind-domain-ok</c> domains, lower case, without dots around them.</summary>
    public IReadOnlyList<string> RebindDomainsOk => RebindDomainOkList;
    public string? User { get; internal set; }
    public string? Group { get; internal set; }
    /// <summary>
    /// <c>pid-file=PATH</c>: the server writes its process id there at start and removes it at stop (libvirt and
    /// lxc-net read it). <c>pid-file</c> without a value, or no line: no file (dnsmasq's default /run/dnsmasq.pid is
    /// not taken, so Pint can run beside a system dnsmasq).
    /// </summary>
    public string? PidFile { get; internal set; }
    internal readonly List<InterfaceNameEntry> InterfaceNameList = [];
    /// <summary><c>interface-name=NAME,INTERFACE[/4|/6]</c> lines.</summary>
    public IReadOnlyList<InterfaceNameEntry> InterfaceNames => InterfaceNameList;
    /// <summary><c>no-negcache</c>: negative answers from upstream (NXDOMAIN, NODATA) are not cached.</summary>
    public bool NoNegativeCache { get; internal set; }
    /// <summary><c>clear-on-reload</c>: every reload empties the cache, not only one that changes the upstreams.</summary>
    public bool ClearOnReload { get; internal set; }
    /// <summary><c>bogus-nxdomain</c> networks: upstream replies holding one of their addresses become NXDOMAIN.</summary>
    public IReadOnlyList<BogusNxDomain> BogusNxDomains => BogusNxDomainList;
    /// <summary><c>alias</c> lines: IPv4 addresses from upstream rewritten to others, in file order.</summary>
    public IReadOnlyList<AddressAlias> Aliases => AliasList;
    /// <summary><c>mx-target</c>: the target of mx-host lines without one, of localmx records, and of the MX record for this machine's name.</summary>
    public string? MxTarget { get; internal set; }
    /// <summary><c>localmx</c>: every local machine (hosts files, host-record, DHCP names) gets an MX record pointing at the mx-target.</summary>
    public bool LocalMx { get; internal set; }
    /// <summary><c>selfmx</c>: every local machine gets an MX record pointing at itself.</summary>
    public bool SelfMx { get; internal set; }
    /// <summary><c>localise-queries</c>: a local name with several IPv4 addresses answers with those on the query's interface subnet.</summary>
    public bool LocaliseQueries { get; internal set; }
    /// <summary><c>filterwin2k</c>: SOA and SRV queries, and ANY queries for names with an underscore, are not forwarded.</summary>
    public bool FilterWin2k { get; internal set; }
    /// <summary><c>no-poll</c>: resolv.conf is not watched; its servers change only on a reload.</summary>
    public bool NoPoll { get; internal set; }
    /// <summary><c>edns-packet-max</c>: the largest UDP answer, and what the server advertises upstream (dnsmasq 2.90: 1232).</summary>
    public int EdnsPacketMax { get; internal set; } = 1232;
    internal readonly List<AddressSetRule> AddressSetList = [];
    /// <summary><c>ipset=</c> and <c>nftset=</c> lines in file order.</summary>
    public IReadOnlyList<AddressSetRule> AddressSets => AddressSetList;
    /// <summary><c>dnssec</c>: validate upstream answers (AD when secure, SERVFAIL when bogus) from the trust anchors.</summary>
    public bool Dnssec { get; internal set; }
    internal readonly List<Dns.Dnssec.TrustAnchor> TrustAnchorList = [];
    /// <summary><c>trust-anchor=DOMAIN,KEYTAG,ALGORITHM,DIGESTTYPE,DIGEST</c> lines in file order. None: nothing validates secure (as dnsmasq).</summary>
    public IReadOnlyList<Dns.Dnssec.TrustAnchor> TrustAnchors => TrustAnchorList;
    /// <summary><c>dnssec-check-unsigned</c>: unsigned answers must be proven to come from unsigned zones. On unless <c>=no</c> (dnsmasq 2.80 and later).</summary>
    public bool DnssecCheckUnsigned { get; internal set; } = true;
    /// <summary><c>dnssec-no-timecheck</c>: signature validity windows are not checked (a machine without a clock it can trust yet).</summary>
    public bool DnssecNoTimecheck { get; internal set; }
    /// <summary><c>dnssec-timestamp=PATH</c>: signature times are checked only once the system clock passes this file's time (created as 2015-01-01, touched then).</summary>
    public string? DnssecTimestamp { get; internal set; }
    /// <summary><c>dnssec-limits=FAILS,WORK,SUBQUERIES,NSEC3ITERATIONS</c>: the work one validation may cost; 0 keeps a default.</summary>
    public Dns.Dnssec.DnssecLimits DnssecLimits { get; internal set; } = Dns.Dnssec.DnssecLimits.Default;
    /// <summary><c>proxy-dnssec</c>: pass the upstream's AD bit on to clients instead of validating.</summary>
    public bool ProxyDnssec { get; internal set; }
    /// <summary><c>dnssec-debug</c>: validate, but set CD upstream and pass bogus answers on instead of SERVFAIL.</summary>
    public bool DnssecDebug { get; internal set; }
}
