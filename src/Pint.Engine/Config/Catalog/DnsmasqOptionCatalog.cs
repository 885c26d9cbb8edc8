using System.Collections.Frozen;

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
        new("add-cpe-id", OptionArity.Required, false, false),
        new("add-mac", OptionArity.Optional, true, false),
        new("add-subnet", OptionArity.Optional, false, false),
        new("addn-hosts", OptionArity.Required, true, true),
        new("address", OptionArity.Required, true, true),
        new("alias", OptionArity.Required, true, false),
        new("all-servers", OptionArity.None, true, false),
        new("auth-peer", OptionArity.Required, true, false),
        new("auth-sec-servers", OptionArity.Required, true, false),
        new("auth-server", OptionArity.Required, false, false),
        new("auth-soa", OptionArity.Required, false, false),
        new("auth-ttl", OptionArity.Required, false, false),
        new("auth-zone", OptionArity.Required, true, false),
        new("bind-dynamic", OptionArity.None, true, false),
        new("bind-interfaces", OptionArity.None, true, true),
        new("bogus-nxdomain", OptionArity.Required, true, false),
        new("bogus-priv", OptionArity.None, true, true),
        new("bootp-dynamic", OptionArity.Optional, true, false),
        new("bridge-interface", OptionArity.Required, true, false),
        new("caa-record", OptionArity.Required, true, false),
        new("cache-rr", OptionArity.Required, true, false),
        new("cache-size", OptionArity.Required, false, true),
        new("clear-on-reload", OptionArity.None, true, false),
        new("cname", OptionArity.Required, true, true),
        new("conf-dir", OptionArity.Required, true, true),
        new("conf-file", OptionArity.Optional, true, true),
        new("conf-script", OptionArity.Required, true, false),
        new("connmark-allowlist", OptionArity.Required, true, false),
        new("connmark-allowlist-enable", OptionArity.Optional, false, false),
        new("conntrack", OptionArity.None, true, false),
        new("dhcp-alternate-port", OptionArity.Optional, false, false),
        new("dhcp-authoritative", OptionArity.None, true, true),
        new("dhcp-boot", OptionArity.Required, true, true),
        new("dhcp-broadcast", OptionArity.Optional, true, false),
        new("dhcp-circuitid", OptionArity.Required, true, false),
        new("dhcp-client-update", OptionArity.None, true, false),
        new("dhcp-duid", OptionArity.Required, false, false),
        new("dhcp-fqdn", OptionArity.None, true, false),
        new("dhcp-generate-names", OptionArity.Optional, true, false),
        new("dhcp-host", OptionArity.Required, true, true),
        new("dhcp-hostsdir", OptionArity.Required, true, false),
        new("dhcp-hostsfile", OptionArity.Required, true, false),
        new("dhcp-ignore", OptionArity.Required, true, false),
        new("dhcp-ignore-clid", OptionArity.None, true, false),
        new("dhcp-ignore-names", OptionArity.Optional, true, false),
        new("dhcp-lease-max", OptionArity.Required, false, true),
        new("dhcp-leasefile", OptionArity.Optional, false, true),
        new("dhcp-luascript", OptionArity.Required, false, false),
        new("dhcp-mac", OptionArity.Required, true, false),
        new("dhcp-match", OptionArity.Required, true, true),
        new("dhcp-name-match", OptionArity.Required, true, false),
        new("dhcp-no-override", OptionArity.None, true, false),
        new("dhcp-option", OptionArity.Required, true, true),
        new("dhcp-option-force", OptionArity.Required, true, true),
        new("dhcp-optsdir", OptionArity.Required, true, false),
        new("dhcp-optsfile", OptionArity.Required, true, false),
        new("dhcp-proxy", OptionArity.Optional, true, false),
        new("dhcp-pxe-vendor", OptionArity.Required, true, false),
        new("dhcp-range", OptionArity.Required, true, true),
        new("dhcp-rapid-commit", OptionArity.None, true, false),
        new("dhcp-relay", OptionArity.Required, true, false),
        new("dhcp-remoteid", OptionArity.Required, true, false),
        new("dhcp-reply-delay", OptionArity.Required, false, false),
        new("dhcp-script", OptionArity.Required, false, false),
        new("dhcp-scriptuser", OptionArity.Required, false, false),
        new("dhcp-sequential-ip", OptionArity.None, true, false),
        new("dhcp-subscrid", OptionArity.Required, true, false),
        new("dhcp-ttl", OptionArity.Required, false, false),
        new("dhcp-userclass", OptionArity.Required, true, false),
        new("dhcp-vendorclass", OptionArity.Required, true, false),
        new("dns-forward-max", OptionArity.Required, false, false),
        new("dns-loop-detect", OptionArity.None, true, false),
        new("dns-rr", OptionArity.Required, true, false),
        new("dnssec", OptionArity.None, true, false),
        new("dnssec-check-unsigned", OptionArity.Optional, true, false),
        new("dnssec-debug", OptionArity.None, true, false),
        new("dnssec-limits", OptionArity.Required, false, false),
        new("dnssec-no-timecheck", OptionArity.None, true, false),
        new("dnssec-timestamp", OptionArity.Required, false, false),
        new("domain", OptionArity.Required, true, true),
        new("domain-needed", OptionArity.None, true, true),
        new("dumpfile", OptionArity.Required, false, false),
        new("dumpmask", OptionArity.Required, false, false),
        new("dynamic-host", OptionArity.Required, true, false),
        new("edns-packet-max", OptionArity.Required, false, false),
        new("enable-dbus", OptionArity.Optional, false, false),
        new("enable-ra", OptionArity.None, true, false),
        new("enable-tftp", OptionArity.Optional, true, true),
        new("enable-ubus", OptionArity.Optional, false, false),
        new("except-interface", OptionArity.Required, true, true),
        new("expand-hosts", OptionArity.None, true, true),
        new("fast-dns-retry", OptionArity.Optional, false, false),
        new("filter-A", OptionArity.None, true, false),
        new("filter-AAAA", OptionArity.None, true, false),
        new("filter-rr", OptionArity.Required, true, false),
        new("filterwin2k", OptionArity.None, true, false),
        new("group", OptionArity.Optional, false, true),
        new("help", OptionArity.None, true, false),
        new("host-record", OptionArity.Required, true, true),
        new("hostsdir", OptionArity.Required, true, false),
        new("ignore-address", OptionArity.Required, true, false),
        new("interface", OptionArity.Required, true, true),
        new("interface-name", OptionArity.Required, true, false),
        new("ipset", OptionArity.Required, true, false),
        new("keep-in-foreground", OptionArity.None, true, false),
        new("leasefile-ro", OptionArity.None, true, false),
        new("listen-address", OptionArity.Required, true, true),
        new("local", OptionArity.Required, true, true),
        new("local-service", OptionArity.Optional, false, true),
        new("local-ttl", OptionArity.Required, false, true),
        new("localise-queries", OptionArity.None, true, false),
        new("localmx", OptionArity.None, true, false),
        new("log-async", OptionArity.Optional, false, false),
        new("log-debug", OptionArity.None, true, false),
        new("log-dhcp", OptionArity.None, true, true),
        new("log-facility", OptionArity.Required, false, true),
        new("log-queries", OptionArity.Optional, true, true),
        new("max-cache-ttl", OptionArity.Required, false, false),
        new("max-port", OptionArity.Required, false, false),
        new("max-tcp-connections", OptionArity.Required, false, false),
        new("max-ttl", OptionArity.Required, false, false),
        new("min-cache-ttl", OptionArity.Required, false, false),
        new("min-port", OptionArity.Required, false, false),
        new("mx-host", OptionArity.Required, true, true),
        new("mx-target", OptionArity.Required, false, false),
        new("naptr-record", OptionArity.Required, true, false),
        new("neg-ttl", OptionArity.Required, false, true),
        new("nftset", OptionArity.Required, true, false),
        new("no-daemon", OptionArity.None, true, false),
        new("no-dhcp-interface", OptionArity.Required, true, false),
        new("no-dhcpv4-interface", OptionArity.Required, true, false),
        new("no-dhcpv6-interface", OptionArity.Required, true, false),
        new("no-hosts", OptionArity.None, true, true),
        new("no-ident", OptionArity.None, true, false),
        new("no-negcache", OptionArity.None, true, false),
        new("no-ping", OptionArity.None, true, true),
        new("no-poll", OptionArity.None, true, false),
        new("no-resolv", OptionArity.None, true, true),
        new("no-round-robin", OptionArity.None, true, false),
        new("pid-file", OptionArity.Optional, false, false),
        new("port", OptionArity.Required, false, true),
        new("port-limit", OptionArity.Required, false, false),
        new("proxy-dnssec", OptionArity.None, true, false),
        new("ptr-record", OptionArity.Required, true, true),
        new("pxe-prompt", OptionArity.Required, true, true),
        new("pxe-service", OptionArity.Required, true, true),
        new("query-port", OptionArity.Required, false, false),
        new("quiet-dhcp", OptionArity.None, true, true),
        new("quiet-dhcp6", OptionArity.None, true, false),
        new("quiet-ra", OptionArity.None, true, false),
        new("quiet-tftp", OptionArity.None, true, false),
        new("ra-param", OptionArity.Required, true, false),
        new("read-ethers", OptionArity.None, true, false),
        new("rebind-domain-ok", OptionArity.Required, true, true),
        new("rebind-localhost-ok", OptionArity.None, true, true),
        new("resolv-file", OptionArity.Optional, true, true),
        new("rev-server", OptionArity.Required, true, false),
        new("script-arp", OptionArity.None, true, false),
        new("script-on-renewal", OptionArity.None, true, false),
        new("selfmx", OptionArity.None, true, false),
        new("server", OptionArity.Required, true, true),
        new("servers-file", OptionArity.Required, false, false),
        new("shared-network", OptionArity.Required, true, false),
        new("srv-host", OptionArity.Required, true, true),
        new("stop-dns-rebind", OptionArity.None, true, true),
        new("strict-order", OptionArity.None, true, true),
        new("strip-mac", OptionArity.None, true, false),
        new("strip-subnet", OptionArity.None, true, false),
        new("synth-domain", OptionArity.Required, true, false),
        new("tag-if", OptionArity.Required, true, true),
        new("test", OptionArity.None, true, false),
        new("tftp-lowercase", OptionArity.None, true, false),
        new("tftp-max", OptionArity.Required, false, true),
        new("tftp-mtu", OptionArity.Required, false, false),
        new("tftp-no-blocksize", OptionArity.None, true, true),
        new("tftp-no-fail", OptionArity.None, true, false),
        new("tftp-port-range", OptionArity.Required, false, true),
        new("tftp-root", OptionArity.Required, true, true),
        new("tftp-secure", OptionArity.None, true, true),
        new("tftp-single-port", OptionArity.None, true, false),
        new("tftp-unique-root", OptionArity.Optional, true, false),
        new("trust-anchor", OptionArity.Required, true, false),
        new("txt-record", OptionArity.Required, true, true),
        new("umbrella", OptionArity.Optional, false, false),
        new("use-stale-cache", OptionArity.Optional, false, false),
        new("user", OptionArity.Optional, false, true),
        new("version", OptionArity.None, true, false),
    ];

    private static readonly FrozenDictionary<string, OptionInfo> ByName =
        All.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    // Options with a required value that dnsmasq --test still accepts as "option=" (observed one by one).
    private static readonly FrozenSet<string> EmptyValueAccepted = new[]
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
    }.ToFrozenSet(StringComparer.Ordinal);

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
