using System.Net;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// stop-dns-rebind side by side: an upstream that answers names with private, loopback and public addresses (each
/// server has its own copy, so how often each asks tells what it cached), and a hosts file with a private address.
/// </summary>
internal static class RebindScenario
{
    /// <summary>The upstream's names and the addresses it gives them.</summary>
    private static readonly (string Name, string[] Addresses)[] Names =
    [
        ("priv.test", ["192.168.1.1"]),
        ("ten.test", ["10.9.8.7"]),
        ("zero.test", ["0.0.0.0"]),
        ("doc.test", ["192.0.2.1"]),
        ("lo.test", ["127.0.0.1", "::1"]),
        ("lo2.test", ["127.1.2.3"]),
        ("pub.test", ["93.184.216.34", "2606:2800:220:1::1"]),
        ("cgnat.test", ["100.64.0.1"]),
        ("ok.test", ["10.1.1.1"]),
        ("sub.ok.test", ["10.1.1.2", "fd00::2"]),
        ("ula.test", ["fd12::1"]),
        ("fc.test", ["fc00::1"]),
        ("ll.test", ["fe80::1"]),
        ("site.test", ["fec0::1"]),
        ("mapped.test", ["::ffff:192.168.1.1"]),
        ("mix.test", ["93.184.216.34", "192.168.1.1"]),
        ("tgt.test", ["192.168.1.5"]),
        ("pubtgt.test", ["93.184.216.35"]),
        ("any.test", ["192.168.1.9", "fd00::9"]),
    ];

    public static FakeUpstreamDns Upstream()
    {
        var upstream = new FakeUpstreamDns(IPAddress.Parse("93.184.216.99"), typed: true);
        foreach (var (name, addresses) in Names) upstream.Addresses[name] = [.. addresses.Select(IPAddress.Parse)];
        upstream.Cnames["cnpriv.test"] = "tgt.test";
        upstream.Cnames["cnpub.test"] = "pubtgt.test";
        upstream.Cnames["cnok.test"] = "tgt.test";
        return upstream;
    }

    public static string HostsFile() => "192.168.7.7 localpriv.test\nfd00::77 localpriv.test\n";

    public static string Config(string hostsPath, bool localhostOk) => $"""
        no-hosts
        no-resolv
        addn-hosts={hostsPath}
        stop-dns-rebind
        rebind-domain-ok=/ok.test/
        {(localhostOk ? "rebind-localhost-ok" : "")}
        """;

    /// <summary>Names asked twice show whether a blocked answer was cached (dnsmasq: never) and a passed one was.</summary>
    public static IReadOnlyList<DigQuery> Queries() =>
    [
        .. new[]
        {
            "priv.test A", "priv.test A", "priv.test A +noedns", "priv.test A +tcp", "ten.test A", "zero.test A", "doc.test A",
            "lo.test A", "lo.test AAAA", "lo2.test A", "pub.test A", "pub.test A", "pub.test AAAA", "cgnat.test A",
            "ok.test A", "sub.ok.test A", "sub.ok.test AAAA", "ula.test AAAA", "fc.test AAAA", "ll.test AAAA", "site.test AAAA",
            "mapped.test AAAA", "mix.test A", "cnpriv.test A", "cnpriv.test A", "cnpub.test A", "cnok.test A", "any.test ANY",
            "priv.test MX",
        }.Select(q => new DigQuery(q, Upstream: true)),
        new DigQuery("localpriv.test A"), new DigQuery("localpriv.test AAAA"),
    ];

    /// <summary>The names whose upstream query counts must agree between the two servers.</summary>
    public static IEnumerable<string> AskedNames() => Names.Select(n => n.Name).Concat(["cnpriv.test", "cnpub.test", "cnok.test"]);
}
