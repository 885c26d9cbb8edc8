namespace Pint.Engine.Config;

/// <summary>The DHCPv4 part of a loaded config. Defaults are dnsmasq's.</summary>
public sealed class DhcpConfig
{
    internal readonly List<DhcpRange> RangeList = [];
    internal readonly List<DhcpHost> HostList = [];
    internal readonly List<DhcpOptionEntry> OptionList = [];
    internal readonly List<DhcpBoot> BootList = [];
    internal readonly List<DhcpMatch> MatchList = [];
    internal readonly List<TagIf> TagIfList = [];
    internal readonly List<string> HostsFilePathList = [];
    internal readonly List<IReadOnlyList<string>> IgnoreNamesList = [];
    internal readonly List<DhcpNameMatch> NameMatchList = [];
    internal readonly List<DhcpMacMatch> MacMatchList = [];
    internal readonly List<IReadOnlyList<string>> IgnoreList = [];
    internal readonly List<IReadOnlyList<string>> BroadcastList = [];
    internal readonly List<string> NoDhcpInterfaceList = [];
    internal readonly List<DhcpHost> HostsFileHostList = [];
    internal readonly List<string> OptsFilePathList = [];
    internal readonly List<IReadOnlyList<string>> GenerateNamesList = [];
    internal readonly List<DhcpOptionEntry> OptsFileOptionList = [];
    internal readonly List<DhcpRange6> Range6List = [];
    internal readonly List<DhcpOption6Entry> Option6List = [];
    internal readonly List<RaParam> RaParamList = [];
    internal readonly List<DhcpFailoverConfig> FailoverList = [];

    /// <summary><c>pint-lease-store</c>: dnsmasq's lease file (the default) or a shared PostgreSQL database.</summary>
    public LeaseStoreConfig LeaseStore { get; internal set; } = LeaseStoreConfig.Default;
    /// <summary><c>pint-server-id</c>: this server's name in a shared lease database (default: the host name).</summary>
    public string? ServerId { get; internal set; }
    /// <summary>This server's id in a shared lease database: <see cref="ServerId"/>, or the host name.</summary>
    public string EffectiveServerId => ServerId ?? System.Net.Dns.GetHostName();
    /// <summary><c>pint-dhcp-failover</c> lines in file order.</summary>
    public IReadOnlyList<DhcpFailoverConfig> Failovers => FailoverList;

    /// <summary>The IPv6 <c>dhcp-range</c> lines (served by the DHCPv6 service, never by DHCPv4).</summary>
    public IReadOnlyList<DhcpRange6> Ranges6 => Range6List;
    /// <summary><c>dhcp-option=option6:...</c> lines in file order.</summary>
    public IReadOnlyList<DhcpOption6Entry> Options6 => Option6List;
    /// <summary>True when any IPv6 range is configured: the DHCPv6 service runs then.</summary>
    public bool Enabled6 => Range6List.Count > 0;
    /// <summary><c>enable-ra</c>: router advertisements on every interface with an IPv6 range (a range with ra-only, slaac, ra-names or ra-stateless turns them on too, as in dnsmasq).</summary>
    public bool EnableRa { get; internal set; }
    /// <summary><c>ra-param</c> lines in file order (the first whose interface matches applies).</summary>
    public IReadOnlyList<RaParam> RaParams => RaParamList;
    /// <summary><c>quiet-ra</c>: the RA service logs nothing but warnings.</summary>
    public bool QuietRa { get; internal set; }

    public IReadOnlyList<DhcpRange> Ranges => RangeList;
    /// <summary>The config's own <c>dhcp-host</c> lines (what the host cmdlets list and edit).</summary>
    public IReadOnlyList<DhcpHost> Hosts => HostList;
    /// <summary><c>dhcp-hostsfile</c> paths as written: files, or directories whose files are read.</summary>
    public IReadOnlyList<string> HostsFilePaths => HostsFilePathList;
    /// <summary>
    /// The hosts read from the dhcp-hostsfile files, each line a dhcp-host value (their Source names that file and
    /// line). Served like the config's own, re-read when a file changes; the cmdlets leave those files alone.
    /// </summary>
    public IReadOnlyList<DhcpHost> HostsFileHosts => HostsFileHostList;
    /// <summary><c>dhcp-optsfile</c> and <c>dhcp-optsdir</c> paths as written: files, or directories whose files are read.</summary>
    public IReadOnlyList<string> OptsFilePaths => OptsFilePathList;
    /// <summary>The options read from the dhcp-optsfile files, each line a dhcp-option value; served after the config's own, re-read when a file changes.</summary>
    public IReadOnlyList<DhcpOptionEntry> OptsFileOptions => OptsFileOptionList;
    /// <summary><c>dhcp-option</c> and <c>dhcp-option-force</c> lines in file order.</summary>
    public IReadOnlyList<DhcpOptionEntry> Options => OptionList;
    public IReadOnlyList<DhcpBoot> Boots => BootList;
    public IReadOnlyList<DhcpMatch> Matches => MatchList;
    public IReadOnlyList<TagIf> TagIfs => TagIfList;
    /// <summary>The lease file path; null means the default the DHCP server chooses.</summary>
    public string? LeaseFile { get; internal set; }
    public bool Authoritative { get; internal set; }
    public int LeaseMax { get; internal set; } = 1000;
    public bool NoPing { get; internal set; }
    public bool LogDhcp { get; internal set; }
    public bool QuietDhcp { get; internal set; }
    /// <summary><c>dhcp-ignore-names[=tag:...]</c> lines: a client with all of one line's tags (every client, for a line without) gets no name from its own hostname option.</summary>
    public IReadOnlyList<IReadOnlyList<string>> IgnoreNames => IgnoreNamesList;
    /// <summary><c>dhcp-name-match=set:TAG,NAME[*]</c> lines.</summary>
    public IReadOnlyList<DhcpNameMatch> NameMatches => NameMatchList;
    /// <summary><c>dhcp-mac=set:TAG,MAC</c> lines.</summary>
    public IReadOnlyList<DhcpMacMatch> MacMatches => MacMatchList;
    /// <summary><c>dhcp-ignore=tag:...</c> lines: clients with all of a line's tags are not answered.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Ignore => IgnoreList;
    /// <summary><c>dhcp-broadcast[=tag:...]</c> lines: a client with all of one line's tags is answered by broadcast while it has no address.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Broadcast => BroadcastList;
    /// <summary><c>no-dhcp-interface</c>: interfaces DHCP is not served on (DNS still is).</summary>
    public IReadOnlyList<string> NoDhcpInterfaces => NoDhcpInterfaceList;
    /// <summary><c>dhcp-rapid-commit</c>: a DISCOVER carrying option 80 is answered with an ACK at once (RFC 4039).</summary>
    public bool RapidCommit { get; internal set; }
    /// <summary><c>dhcp-no-override</c> was given (Pint never puts options into the sname and file fields anyway).</summary>
    public bool NoOverride { get; internal set; }
    /// <summary><c>dhcp-sequential-ip</c>: new clients get the lowest free address of a range, not one hashed from their MAC.</summary>
    public bool SequentialIp { get; internal set; }
    /// <summary><c>dhcp-generate-names[=tag:..]</c> lines: clients with those tags that have no name get one made of their MAC.</summary>
    public IReadOnlyList<IReadOnlyList<string>> GenerateNames => GenerateNamesList;
    /// <summary><c>dhcp-ignore-clid</c>: clients are known by their hardware address only, never by option 61.</summary>
    public bool IgnoreClientId { get; internal set; }
    /// <summary><c>dhcp-alternate-port[=SERVER[,CLIENT]]</c>: the DHCP server and client ports instead of 67 and 68; null: not given.</summary>
    public (int Server, int Client)? AlternatePorts { get; internal set; }
    /// <summary><c>read-ethers</c>: the system's ethers file (MAC and address or name a line) adds reservations.</summary>
    public bool ReadEthers { get; internal set; }

    /// <summary><c>dhcp-script</c>: an absolute path run with add/old/del MAC IP [hostname] on each lease change; null = none.</summary>
    public string? Script { get; internal set; }
    /// <summary><c>dhcp-scriptuser</c>: the user the script runs as (dnsmasq's default: root, i.e. as the server runs).</summary>
    public string? ScriptUser { get; internal set; }

    /// <summary>True when any range is configured (dnsmasq runs DHCP only then).</summary>
    public bool Enabled => RangeList.Count > 0;
}

/// <summary>
/// One <c>dhcp-option=[tag:..,]option6:NUMBER|NAME,VALUE...</c> line. Values stay as written (brackets removed from
/// addresses is the encoder's business); <see cref="Number"/> is the DHCPv6 option code.
/// </summary>
public sealed record DhcpOption6Entry(int Number, IReadOnlyList<string> Values, bool Force, IReadOnlyList<string> Tags, ConfigSource Source);
