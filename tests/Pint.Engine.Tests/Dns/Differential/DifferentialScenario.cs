namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// One dig invocation: its arguments after the server, and whether the answer comes from an upstream (TTLs age).
/// <paramref name="DnsmasqFlags"/>: the header flags dnsmasq is known to give (as dig prints them), so a scenario
/// that stopped exercising what it should (an upstream no longer setting AA, say) fails instead of passing quietly.
/// </summary>
internal sealed record DigQuery(string Arguments, bool Upstream = false, string? DnsmasqFlags = null)
{
    public override string ToString() => Arguments;
}

/// <summary>
/// The config both servers load and the queries both must answer alike. The hosts file mixes round-robin names,
/// several names per address and an address with more records than fit in 512 bytes (to force TC).
/// </summary>
internal static class DifferentialScenario
{
    public static string HostsFile()
    {
        var lines = new List<string>
        {
            "10.0.0.1 rr.lab.test",
            "10.0.0.2 rr.lab.test",
            "10.0.0.3 rr.lab.test",
            "10.0.0.4 multi multi2.lab.test alias3",
            "192.168.1.10 nas",
            "192.168.1.10 nas-dup",
            "fd00::10 nas",
            "10.0.0.50 both.lab.test",
            "10.0.0.51 both.lab.test",
            "fd00::50 both.lab.test",
            "10.0.0.60 hostrec-too.lab.test",
            "0.0.0.0 hosts-blocked.example.com",
        };
        for (int i = 1; i <= 40; i++) lines.Add($"10.0.1.{i} big.lab.test");
        return string.Join('\n', lines) + "\n";
    }

    public static string Config(string hostsPath, int corpUpstreamPort, int defaultUpstreamPort) => $"""
        no-hosts
        no-resolv
        addn-hosts={hostsPath}
        domain=lab.test
        expand-hosts
        local=/lab.test/
        domain-needed
        bogus-priv
        host-record=hr.lab.test,10.0.0.20,fd00::20
        host-record=nas,192.168.1.99
        host-record=ttl.lab.test,10.0.0.21,77
        host-record=v6only.lab.test,fd00::30
        host-record=hostrec-too.lab.test,10.0.0.61
        host-record=ptr-race.lab.test,10.0.0.4,fd00::10
        cname=c1.lab.test,c2.lab.test
        cname=c2.lab.test,hr.lab.test
        cname=ext.lab.test,www.example.com
        cname=cnas.lab.test,nas
        mx-host=lab.test,mail.lab.test,10
        mx-host=lab.test,mail2.lab.test,20
        host-record=mail.lab.test,10.0.0.25
        srv-host=_ldap._tcp.lab.test,hr.lab.test,389,0,100
        srv-host=_sip._udp.lab.test,nohost.lab.test,5060
        txt-record=lab.test,"v=spf1 mx -all"
        txt-record=t.lab.test,"one","two"
        ptr-record=_http._tcp.lab.test,web._http._tcp.lab.test
        ptr-record=5.0.0.10.in-addr.arpa,five.lab.test
        address=/ads.test/0.0.0.0
        address=/blocked.test/
        address=/multi2.lab.test/10.9.9.9
        address=/dual.test/10.7.7.7
        address=/dual.test/fd00::77
        server=/corp.test/127.0.0.1#{corpUpstreamPort}
        server=127.0.0.1#{defaultUpstreamPort}
        """;

    /// <summary>Queries over UDP with EDNS (dig's default) unless the arguments say otherwise.</summary>
    public static IReadOnlyList<DigQuery> Queries()
    {
        var local = new List<string>
        {
            "rr.lab.test A", "rr.lab.test AAAA", "rr.lab.test MX", "RR.Lab.TEST A", "rr A",
            "multi A", "multi.lab.test A", "multi2.lab.test A", "alias3 A", "alias3.lab.test A",
            "nas A", "nas AAAA", "nas.lab.test A", "nas-dup.lab.test A", "both.lab.test A", "both.lab.test AAAA", "both.lab.test ANY",
            "hr.lab.test A", "hr.lab.test AAAA", "hr.lab.test TXT", "ttl.lab.test A", "v6only.lab.test A", "v6only.lab.test AAAA",
            "hostrec-too.lab.test A", "ptr-race.lab.test A", "-x fd00::10",
            "c1.lab.test A", "c1.lab.test AAAA", "c1.lab.test CNAME", "c2.lab.test A", "cnas.lab.test A", "ext.lab.test CNAME",
            "lab.test MX", "lab.test TXT", "lab.test A", "mail.lab.test A", "_ldap._tcp.lab.test SRV", "_sip._udp.lab.test SRV",
            "t.lab.test TXT", "_http._tcp.lab.test PTR",
            "-x 10.0.0.1", "-x 10.0.0.4", "-x 10.0.0.5", "-x 192.168.1.10", "-x 192.168.1.99", "-x fd00::10", "-x fd00::20",
            "-x 10.0.0.61", "-x 10.0.0.60", "-x 10.1.2.3", "-x 192.168.77.1", "-x 172.16.0.1",
            "missing.lab.test A", "missing.lab.test AAAA", "deep.missing.lab.test A", "unknownhost A", "unknownhost MX",
            "ads.test A", "ads.test AAAA", "sub.ads.test A", "blocked.test A", "www.blocked.test AAAA", "blocked.test MX",
            "dual.test A", "dual.test AAAA", "dual.test TXT", "hosts-blocked.example.com A",
            "big.lab.test A", "big.lab.test A +tcp", "big.lab.test A +noedns +ignore", "big.lab.test A +bufsize=512 +ignore",
            "big.lab.test A +bufsize=100 +ignore",
            "rr.lab.test A +tcp", "c1.lab.test A +tcp", "lab.test MX +noedns", "_ldap._tcp.lab.test SRV +noedns", "missing.lab.test A +noedns",
            "-x 10.0.0.4 +tcp", "blocked.test A +tcp", "rr.lab.test ANY", "lab.test ANY", "c1.lab.test ANY", "_ldap._tcp.lab.test ANY",
            "-x fd00::1", "-x fe80::1", "-x 2001:db8::1", "-x 203.0.113.9", "-x 192.0.2.1", "big.lab.test AAAA +noedns",
        };
        var upstream = new List<string>
        {
            "www.example.com A", "www.example.com A", "www.example.com AAAA", "www.example.com MX", "WWW.Example.COM A",
            "nxname.example.com A", "nxname.example.com A", "nodata.example.com A", "host.corp.test A", "host.corp.test AAAA",
            "host.corp.test A +tcp", "other.example.org A +tcp", "other.example.org A +noedns", "-x 198.51.100.7",
            "ext.lab.test A", "ext.lab.test AAAA", "ext.lab.test A +tcp", "-x 100.64.0.1", "-x 8.8.4.4", "-x fc00::1",
        };
        return [.. local.Select(q => new DigQuery(q)), .. upstream.Select(q => new DigQuery(q, Upstream: true))];
    }
}
