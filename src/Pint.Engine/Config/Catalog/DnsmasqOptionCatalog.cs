namespace Pint.Engine.Config;

/// <summary>
/// Every long option dnsmasq 2.90 accepts in a config file. Arity and repeatability were observed by running
/// <c>dnsmasq --test</c> on each option bare, with a value, and twice (a flag that repeats is harmless; a
/// single-valued option repeated is "illegal repeated keyword").
/// </summary>
public static class DnsmasqOptionCatalog
{
    private static readonly OptionInfo[] All =
    [
        new("add-cpe-id", OptionArity.Required, false),
        new("add-mac", OptionArity.Optional, true),
        new("add-subnet", OptionArity.Optional, false),
        new("addn-hosts", OptionArity.Required, true),
        new("address", OptionArity.Required, true),
        new("alias", OptionArity.Required, true),
        new("all-servers", OptionArity.None, true),
        new("auth-peer", OptionArity.Required, true),
        new("auth-sec-servers", OptionArity.Required, true),
        new("auth-server", OptionArity.Required, false),
        new("auth-soa", OptionArity.Required, false),
        new("auth-ttl", OptionArity.Required, false),
        new("auth-zone", OptionArity.Required, true),
        new("bind-dynamic", OptionArity.None, true),
        new("bind-interfaces", OptionArity.None, true),
        new("bogus-nxdomain", OptionArity.Required, true),
        new("bogus-priv", OptionArity.None, true),
        new("bootp-dynamic", OptionArity.Optional, true),
        new("bridge-interface", OptionArity.Required, true),
        new("caa-record", OptionArity.Required, true),
        new("cache-rr", OptionArity.Required, true),
        new("cache-size", OptionArity.Required, false),
        new("clear-on-reload", OptionArity.None, true),
        new("cname", OptionArity.Required, true),
        new("conf-dir", OptionArity.Required, true),
        new("conf-file", OptionArity.Optional, true),
        new("conf-script", OptionArity.Required, true),
        new("connmark-allowlist", OptionArity.Required, true),
        new("connmark-allowlist-enable", OptionArity.Optional, false),
        new("conntrack", OptionArity.None, true),
        new("dhcp-alternate-port", OptionArity.Optional, false),
        new("dhcp-authoritative", OptionArity.None, true),
        new("dhcp-boot", OptionArity.Required, true),
        new("dhcp-broadcast", OptionArity.Optional, true),
        new("dhcp-circuitid", OptionArity.Required, true),
        new("dhcp-client-update", OptionArity.None, true),
        new("dhcp-duid", OptionArity.Required, false),
        new("dhcp-fqdn", OptionArity.None, true),
        new("dhcp-generate-names", OptionArity.Optional, true),
        new("dhcp-host", OptionArity.Required, true),
        new("dhcp-hostsdir", OptionArity.Required, true),
        new("dhcp-hostsfile", OptionArity.Required, true),
        new("dhcp-ignore", OptionArity.Required, true),
        new("dhcp-ignore-clid", OptionArity.None, true),
        new("dhcp-ignore-names", OptionArity.Optional, true),
        new("dhcp-lease-max", OptionArity.Required, false),
        new("dhcp-leasefile", OptionArity.Optional, false),
        new("dhcp-luascript", OptionArity.Required, false),
        new("dhcp-mac", OptionArity.Required, true),
        new("dhcp-match", OptionArity.Required, true),
        new("dhcp-name-match", OptionArity.Required, true),
        new("dhcp-no-override", OptionArity.None, true),
        new("dhcp-option", OptionArity.Required, true),
        new("dhcp-option-force", OptionArity.Required, true),
        new("dhcp-optsdir", OptionArity.Required, true),
        new("dhcp-optsfile", OptionArity.Required, true),
        new("dhcp-proxy", OptionArity.Optional, true),
        new("dhcp-pxe-vendor", OptionArity.Required, true),
        new("dhcp-range", OptionArity.Required, true),
        new("dhcp-rapid-commit", OptionArity.None, true),
        new("dhcp-relay", OptionArity.Required, true),
        new("dhcp-remoteid", OptionArity.Required, true),
        new("dhcp-reply-delay", OptionArity.Required, false),
        new("dhcp-script", OptionArity.Required, false),
        new("dhcp-scriptuser", OptionArity.Required, false),
        new("dhcp-sequential-ip", OptionArity.None, true),
        new("dhcp-subscrid", OptionArity.Required, true),
        new("dhcp-ttl", OptionArity.Required, false),
        new("dhcp-userclass", OptionArity.Required, true),
        new("dhcp-vendorclass", OptionArity.Required, true),
        new("dns-forward-max", OptionArity.Required, false),
        new("dns-loop-detect", OptionArity.None, true),
        new("dns-rr", OptionArity.Required, true),
        new("dnssec", OptionArity.None, true),
        new("dnssec-check-unsigned", OptionArity.Optional, true),
        new("dnssec-debug", OptionArity.None, true),
        new("dnssec-limits", OptionArity.Required, false),
        new("dnssec-no-timecheck", OptionArity.None, true),
        new("dnssec-timestamp", OptionArity.Required, false),
        new("domain", OptionArity.Required, true),
        new("domain-needed", OptionArity.None, true),
        new("dumpfile", OptionArity.Required, false),
        new("dumpmask", OptionArity.Required, false),
        new("dynamic-host", OptionArity.Required, true),
        new("edns-packet-max", OptionArity.Required, false),
        new("enable-dbus", OptionArity.Optional, false),
        new("enable-ra", OptionArity.None, true),
        new("enable-tftp", OptionArity.Optional, true),
        new("enable-ubus", OptionArity.Optional, false),
        new("except-interface", OptionArity.Required, true),
        new("expand-hosts", OptionArity.None, true),
        new("fast-dns-retry", OptionArity.Optional, false),
        new("filter-A", OptionArity.None, true),
        new("filter-AAAA", OptionArity.None, true),
        new("filter-rr", OptionArity.Required, true),
        new("filterwin2k", OptionArity.None, true),
        new("group", OptionArity.Optional, false),
        new("help", OptionArity.None, true),
        new("host-record", OptionArity.Required, true),
        new("hostsdir", OptionArity.Required, true),
        new("ignore-address", OptionArity.Required, true),
        new("interface", OptionArity.Required, true),
        new("interface-name", OptionArity.Required, true),
        new("ipset", OptionArity.Required, true),
        new("keep-in-foreground", OptionArity.None, true),
        new("leasefile-ro", OptionArity.None, true),
        new("listen-address", OptionArity.Required, true),
        new("local", OptionArity.Required, true),
        new("local-service", OptionArity.Optional, false),
        new("local-ttl", OptionArity.Required, false),
        new("localise-queries", OptionArity.None, true),
        new("localmx", OptionArity.None, true),
        new("log-async", OptionArity.Optional, false),
        new("log-debug", OptionArity.None, true),
        new("log-dhcp", OptionArity.None, true),
        new("log-facility", OptionArity.Required, false),
        new("log-queries", OptionArity.Optional, true),
        new("max-cache-ttl", OptionArity.Required, false),
        new("max-port", OptionArity.Required, false),
        new("max-tcp-connections", OptionArity.Required, false),
        new("max-ttl", OptionArity.Required, false),
        new("min-cache-ttl", OptionArity.Required, false),
        new("min-port", OptionArity.Required, false),
        new("mx-host", OptionArity.Required, true),
        new("mx-target", OptionArity.Required, false),
        new("naptr-record", OptionArity.Required, true),
        new("neg-ttl", OptionArity.Required, false),
        new("nftset", OptionArity.Required, true),
        new("no-daemon", OptionArity.None, true),
        new("no-dhcp-interface", OptionArity.Required, true),
        new("no-dhcpv4-interface", OptionArity.Required, true),
        new("no-dhcpv6-interface", OptionArity.Required, true),
        new("no-hosts", OptionArity.None, true),
        new("no-ident", OptionArity.None, true),
        new("no-negcache", OptionArity.None, true),
        new("no-ping", OptionArity.None, true),
        new("no-poll", OptionArity.None, true),
        new("no-resolv", OptionArity.None, true),
        new("no-round-robin", OptionArity.None, true),
        new("pid-file", OptionArity.Optional, false),
        new("port", OptionArity.Required, false),
        new("port-limit", OptionArity.Required, false),
        new("proxy-dnssec", OptionArity.None, true),
        new("ptr-record", OptionArity.Required, true),
        new("pxe-prompt", OptionArity.Required, true),
        new("pxe-service", OptionArity.Required, true),
        new("query-port", OptionArity.Required, false),
        new("quiet-dhcp", OptionArity.None, true),
        new("quiet-dhcp6", OptionArity.None, true),
        new("quiet-ra", OptionArity.None, true),
        new("quiet-tftp", OptionArity.None, true),
        new("ra-param", OptionArity.Required, true),
        new("read-ethers", OptionArity.None, true),
        new("rebind-domain-ok", OptionArity.Required, true),
        new("rebind-localhost-ok", OptionArity.None, true),
        new("resolv-file", OptionArity.Optional, true),
        new("rev-server", OptionArity.Required, true),
        new("script-arp", OptionArity.None, true),
        new("script-on-renewal", OptionArity.None, true),
        new("selfmx", OptionArity.None, true),
        new("server", OptionArity.Required, true),
        new("servers-file", OptionArity.Required, false),
        new("shared-network", OptionArity.Required, true),
        new("srv-host", OptionArity.Required, true),
        new("stop-dns-rebind", OptionArity.None, true),
        new("strict-order", OptionArity.None, true),
        new("strip-mac", OptionArity.None, true),
        new("strip-subnet", OptionArity.None, true),
        new("synth-domain", OptionArity.Required, true),
        new("tag-if", OptionArity.Required, true),
        new("test", OptionArity.None, true),
        new("tftp-lowercase", OptionArity.None, true),
        new("tftp-max", OptionArity.Required, false),
        new("tftp-mtu", OptionArity.Required, false),
        new("tftp-no-blocksize", OptionArity.None, true),
        new("tftp-no-fail", OptionArity.None, true),
        new("tftp-port-range", OptionArity.Required, false),
        new("tftp-root", OptionArity.Required, true),
        new("tftp-secure", OptionArity.None, true),
        new("tftp-single-port", OptionArity.None, true),
        new("tftp-unique-root", OptionArity.Optional, true),
        new("trust-anchor", OptionArity.Required, true),
        new("txt-record", OptionArity.Required, true),
        new("umbrella", OptionArity.Optional, false),
        new("use-stale-cache", OptionArity.Optional, false),
        new("user", OptionArity.Optional, false),
        new("version", OptionArity.None, true),
    ];

    private static readonly Dictionary<string, OptionInfo> ByName =
        All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    // Options with a required value that dnsmasq --test still accepts as "option=" (observed one by one).
    private static readonly HashSet<string> EmptyValueAccepted = new[]
    {
        "add-cpe-id", "addn-hosts", "address", "auth-sec-servers", "auth-server", "auth-soa", "auth-ttl", "auth-zone",
        "cache-rr", "cache-size", "conf-dir", "conf-script", "dhcp-boot", "dhcp-host", "dhcp-hostsdir",
        "dhcp-hostsfile", "dhcp-ignore", "dhcp-lease-max", "dhcp-option", "dhcp-option-force", "dhcp-optsdir",
        "dhcp-optsfile", "dhcp-pxe-vendor", "dhcp-reply-delay", "dhcp-script", "dhcp-scriptuser", "dhcp-ttl",
        "dns-forward-max", "dnssec-limits", "dnssec-timestamp", "domain", "dumpfile", "dumpmask", "edns-packet-max",
        "except-interface", "filter-rr", "hostsdir", "interface", "local", "local-ttl", "max-cache-ttl", "max-port",
        "max-ttl", "min-cache-ttl", "min-port", "mx-host", "mx-target", "neg-ttl", "no-dhcp-interface",
        "no-dhcpv4-interface", "no-dhcpv6-interface", "port", "ptr-record", "pxe-prompt", "query-port", "ra-param",
        "rebind-domain-ok", "server", "servers-file", "srv-host", "tftp-max", "tftp-mtu", "tftp-root", "txt-record",
    }.ToHashSet(StringComparer.Ordinal);

    /// <summary>All options, sorted by name.</summary>
    public static IReadOnlyList<OptionInfo> Options => All;

    private static readonly int LongestName = All.Max(o => o.Name.Length);

    /// <summary>Looks an option up by its exact (case-sensitive, as in dnsmasq) name.</summary>
    public static OptionInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>True when dnsmasq accepts <c>option=</c> with nothing after it although the option needs a value.</summary>
    public static bool AcceptsEmptyValue(string name) => EmptyValueAccepted.Contains(name);

    /// <summary>
    /// The implemented option closest to <paramref name="name"/> by edit distance, for "did you mean" hints;
    /// null when nothing is close enough to be a plausible typo.
    /// </summary>
    public static string? SuggestImplemented(string name)
    {
        // The distance is at least the difference in length, so a name far longer than any option has no match
        // (and a long garbage line must not cost a full distance table per option).
        if (name.Length > LongestName + 3) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in All)
        {
            if (!option.Implemented) continue;
            var distance = EditDistance.Between(name.ToLowerInvariant(), option.Name);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = option.Name;
            }
        }

        // A third of the name, at least 1 and at most 3 edits: catches "dhcp-rnage" without pairing unrelated words.
        var allowed = Math.Clamp(name.Length / 3, 1, 3);
        return bestDistance <= allowed ? best : null;
    }
}
