namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Everything the DHCP server needs from the configuration; the config layer fills it. A record, so a reload can
/// copy the mapped options with the ports the running server was given (<c>with</c>).
/// </summary>
public sealed record DhcpServerOptions
{
    public IReadOnlyList<DhcpRange> Ranges { get; init; } = [];
    public IReadOnlyList<DhcpHostReservation> Hosts { get; init; } = [];
    public IReadOnlyList<DhcpOptionSetting> Options { get; init; } = [];
    /// <summary>encap:, vendor: and vi-encap: dhcp-option lines: sub-options sent inside another option.</summary>
    public IReadOnlyList<DhcpEncapsulatedOption> EncapsulatedOptions { get; init; } = [];
    public IReadOnlyList<DhcpMatchRule> Matches { get; init; } = [];
    public IReadOnlyList<DhcpTagIf> TagIfs { get; init; } = [];
    public IReadOnlyList<DhcpBoot> Boots { get; init; } = [];

    /// <summary><c>dhcp-authoritative</c>: NAK requests for addresses we do not know, and lease unknown clients their INIT-REBOOT address.</summary>
    public bool Authoritative { get; init; }
    /// <summary>dhcp-ignore-names: tag sets (an empty set: every client) whose clients' own hostnames are not taken.</summary>
    public IReadOnlyList<IReadOnlyList<string>> IgnoreNames { get; init; } = [];
    /// <summary>dhcp-generate-names: tag sets; a client satisfying one that has no name gets one made of its MAC.</summary>
    public IReadOnlyList<IReadOnlyList<string>> GenerateNames { get; init; } = [];
    /// <summary>dhcp-sequential-ip: the lowest free address of a range, not the MAC's hash point.</summary>
    public bool SequentialAddresses { get; init; }
    /// <summary>dhcp-ignore-clid: option 61 is not read; clients are known by hardware address.</summary>
    public bool IgnoreClientId { get; init; }
    /// <summary>dhcp-name-match: a tag for clients that call themselves a name (or a name prefix).</summary>
    public IReadOnlyList<DhcpNameMatchRule> NameMatches { get; init; } = [];
    /// <summary>dhcp-mac: a tag for clients whose hardware address matches a pattern (see <see cref="HardwareAddressPattern"/>).</summary>
    public IReadOnlyList<(string SetTag, string Pattern)> MacMatches { get; init; } = [];
    /// <summary>dhcp-ignore: tag sets (an empty set: every client) whose clients are not answered.</summary>
    public IReadOnlyList<IReadOnlyList<string>> IgnoreTags { get; init; } = [];
    /// <summary>dhcp-broadcast: tag sets (an empty set: every client) answered by broadcast while they have no address.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BroadcastTags { get; init; } = [];
    /// <summary>no-dhcp-interface: requests received on these interfaces are not answered.</summary>
    public IReadOnlyList<string> NoDhcpInterfaces { get; init; } = [];
    /// <summary>dhcp-rapid-commit: a DISCOVER with option 80 gets an ACK and a committed lease at once (RFC 4039).</summary>
    public bool RapidCommit { get; init; }

    /// <summary>
    /// Probe an address with ICMP echo before offering it (dnsmasq's default; no-ping turns it off): a machine
    /// that answers already uses the address, so it is set aside and another one offered.
    /// </summary>
    public bool Ping { get; init; }

    /// <summary>How long a probe waits for an echo reply.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary><c>dhcp-lease-max</c> (dnsmasq's default is 1000).</summary>
    public int LeaseMax { get; init; } = 1000;

    /// <summary><c>domain</c>: sent as option 15 and used to qualify lease names for DNS.</summary>
    public string? Domain { get; init; }

    /// <summary><c>dhcp-script</c>: the program told of lease changes (see <see cref="Script.LeaseScriptRunner"/>); null = none.</summary>
    public string? LeaseScript { get; init; }

    /// <summary><c>dhcp-scriptuser</c>: the user the script runs as; null = as the server runs.</summary>
    public string? LeaseScriptUser { get; init; }

    /// <summary><c>log-dhcp</c>: the script sees DNSMASQ_LOG_DHCP=1, as dnsmasq's does.</summary>
    public bool LogDhcp { get; init; }

    /// <summary>Whether our DNS server runs, so option 6 defaults to the interface address.</summary>
    public bool DnsEnabled { get; init; } = true;

    /// <summary>
    /// How long an offered address is kept from other clients' offers while its client has not requested it (RFC 2131
    /// 4.3.1). Clients request within milliseconds of an offer; one that retries its DISCOVER later is offered the same
    /// address by the hash walk anyway.
    /// </summary>
    public TimeSpan OfferHoldTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a declined address is withheld (dnsmasq: 10 minutes).</summary>
    public TimeSpan DeclineHoldTime { get; init; } = TimeSpan.FromMinutes(10);

    public const int DefaultServerPort = 67;

    /// <summary>UDP port the server listens on (67; tests use a high port).</summary>
    public int ServerPort { get; init; } = DefaultServerPort;

    /// <summary>UDP port replies to relay agents go to (67).</summary>
    public int RelayPort { get; init; } = 67;

    /// <summary>UDP port replies go to (68).</summary>
    public int ClientPort { get; init; } = 68;

    internal static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromHours(1);
}
