using System.Net;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// What dnsmasq changes in what it forwards or answers itself, side by side: bogus-nxdomain (IPv4 and IPv6
/// networks), alias in its three forms (the later line wins where two match), filterwin2k (SOA, SRV and
/// underscore ANY queries kept from the upstream, local records still answered), and the generated MX records of
/// mx-target with localmx or selfmx. Each server has its own upstream, so how often each asks shows what it cached.
/// </summary>
internal static class UpstreamRewriteScenario
{
    private static readonly (string Name, string[] Addresses)[] Names =
    [
        ("wild.test", ["64.94.110.11"]),
        ("wildnet.test", ["64.94.111.7"]),
        ("mixed.test", ["5.5.5.5", "64.94.110.11"]),
        ("wild6.test", ["2001:db8:bad::1"]),
        ("good6.test", ["2001:db8:900d::1"]),
        ("exact.test", ["1.2.3.4"]),
        ("masked.test", ["1.2.3.56", "9.9.9.9"]),
        ("ranged.test", ["192.168.0.10"]),
        ("rangeend.test", ["192.168.0.40"]),
        ("outside.test", ["192.168.0.41"]),
        ("plain.test", ["93.184.216.34"]),
        ("_ldap._tcp.dc.test", ["10.1.1.1"]),
    ];

    public static FakeUpstreamDns Upstream()
    {
        var upstream = new FakeUpstreamDns(IPAddress.Parse("93.184.216.99"), typed: true) { Authoritative = true };
        foreach (var (name, addresses) in Names) upstream.Addresses[name] = [.. addresses.Select(IPAddress.Parse)];
        upstream.Cnames["cnwild.test"] = "wild.test";
        upstream.Cnames["cnmasked.test"] = "masked.test";
        return upstream;
    }

    public static string HostsFile() => "10.0.0.5 box1 box1.lab\n10.0.0.6 box2\nfd00::7 v6only.lab\n";

    /// <summary><paramref name="selfMx"/>: selfmx instead of localmx.</summary>
    public static string Config(string hostsPath, bool selfMx) => $"""
        no-hosts
        no-resolv
        addn-hosts={hostsPath}
        bogus-nxdomain=64.94.110.11
        bogus-nxdomain=64.94.111.0/24
        bogus-nxdomain=2001:db8:bad::/48
        alias=1.2.3.0,5.6.7.0,255.255.255.0
        alias=1.2.3.4,5.6.7.8
        alias=192.168.0.10-192.168.0.40,10.0.0.0,255.255.255.0
        filterwin2k
        srv-host=_ldap._tcp.lab,dc.lab,389
        host-record=hr.lab,10.1.1.1
        mx-host=mail.lab
        mx-host=box2,other.lab,5
        cname=cn.lab,box1
        mx-target=mailhub.lab
        {(selfMx ? "selfmx" : "localmx")}
        """;

    /// <summary>Names asked twice show whether a rewritten or bogus answer was cached.</summary>
    public static IReadOnlyList<DigQuery> Queries() =>
    [
        .. new[]
        {
            "wild.test A", "wild.test A", "wildnet.test A", "mixed.test A", "wild6.test AAAA", "good6.test AAAA", "cnwild.test A",
            "wild.test MX", "wild.test ANY", "exact.test A", "exact.test A", "masked.test A", "masked.test A +tcp", "cnmasked.test A",
            "ranged.test A", "rangeend.test A", "outside.test A", "plain.test A",
            "plain.test SOA", "plain.test SRV", "_ldap._tcp.dc.test ANY", "_ldap._tcp.dc.test A", "plain.test ANY", "nodots SOA",
            "nosuch.lab MX",
        }.Select(q => new DigQuery(q, Upstream: true)),
        .. new[]
        {
            "_ldap._tcp.lab SRV", "_ldap._tcp.lab ANY", "box1 SOA", "box1 MX", "box1.lab MX", "box2 MX", "box1 ANY", "hr.lab MX",
            "cn.lab MX", "v6only.lab MX", "mail.lab MX", "box1 A",
        }.Select(q => new DigQuery(q)),
    ];

    /// <summary>The names whose upstream query counts must agree between the two servers.</summary>
    public static IEnumerable<string> AskedNames() => Names.Select(n => n.Name).Concat(["cnwild.test", "cnmasked.test", "nodots", "nosuch.lab"]);
}
