using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;

namespace Pint.Fuzz;

/// <summary>The DNS side's seeds and the small local zone the responder targets answer from.</summary>
public static class DnsSeeds
{
    /// <summary>A zone with one of every local record kind, address= rules, a local-only domain and an upstream (never contacted).</summary>
    public const string ZoneConfig = """
        no-hosts
        no-resolv
        domain=lan
        expand-hosts
        domain-needed
        bogus-priv
        local=/lan/
        server=127.0.0.1
        server=/corp.example/127.0.0.2
        address=/ads.example/0.0.0.0
        address=/blocked.example/
        host-record=nas.lan,192.168.7.10,fd00::10
        host-record=printer,192.168.7.11
        cname=files.lan,nas.lan
        cname=loop1.lan,loop2.lan
        cname=loop2.lan,loop1.lan
        mx-host=lan,nas.lan,10
        srv-host=_ldap._tcp.lan,nas.lan,389,0,100
        txt-record=lan,"v=spf1 -all","second string"
        ptr-record=_http._tcp.lan,"web server._http._tcp.lan"
        cache-size=64
        neg-ttl=60
        """;

    public static DnsResponder Responder()
    {
        var result = ConfigLoader.LoadText(ZoneConfig, "zone.conf", new ConfigLoadOptions { ReadHostsFiles = false });
        if (result.HasErrors) throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
        return new DnsResponder(DnsSetup.Build(result.Config, SystemFacts.Live, Path.GetTempPath()).Options!, () => 0);
    }

    public static IReadOnlyList<byte[]> Queries(FuzzSeeds seeds) =>
    [
        .. seeds.Udp(53).Where(p => p.Length >= DnsFlags.HeaderLength && (p[2] & 0x80) == 0),
        DnsMutator.Query(1, "nas.lan", DnsType.A),
        DnsMutator.Query(2, "NAS.lan", DnsType.AAAA, 1232),
        DnsMutator.Query(3, "files.lan", DnsType.A),
        DnsMutator.Query(4, "loop1.lan", DnsType.A),
        DnsMutator.Query(5, "lan", DnsType.MX, 4096),
        DnsMutator.Query(6, "_ldap._tcp.lan", DnsType.SRV),
        DnsMutator.Query(7, "lan", DnsType.TXT, 512),
        DnsMutator.Query(8, "10.7.168.192.in-addr.arpa", DnsType.PTR),
        DnsMutator.Query(9, "1.1.168.192.in-addr.arpa", DnsType.PTR),
        DnsMutator.Query(10, "x.ads.example", DnsType.A),
        DnsMutator.Query(11, "blocked.example", DnsType.AAAA),
        DnsMutator.Query(12, "www.example.com", DnsType.A, 1232),
        DnsMutator.Query(13, "printer", DnsType.ANY),
        DnsMutator.Query(14, "host.corp.example", DnsType.A),
        DnsMutator.Query(15, "nas.lan", DnsType.A, flags: 0x2800), // opcode 5 (UPDATE)
        DnsMutator.Query(16, "unqualified", DnsType.A),
    ];

    public static IReadOnlyList<byte[]> Replies(FuzzSeeds seeds) =>
    [
        .. seeds.Udp(53).Where(p => p.Length >= DnsFlags.HeaderLength && (p[2] & 0x80) != 0),
        DnsMutator.Reply(DnsMutator.Query(21, "www.example.com", DnsType.A)),
        DnsMutator.Reply(DnsMutator.Query(22, "nothing.example.com", DnsType.AAAA), DnsRcode.NxDomain),
        DnsMutator.Reply(DnsMutator.Query(23, "host.corp.example", DnsType.A, 1232)),
    ];
}
