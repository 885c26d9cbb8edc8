using System.Net;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// Forwarding side by side: an upstream that sets AA (forwarded answers keep it, cached ones lose it), one that
/// truncates every UDP reply, answers of 100 records (too large for UDP), server=/domain/# sending a domain
/// inside a routed or local one to the default servers, and domain=name,subnet,local keeping the domain and the
/// subnet's reverse zone local. Each server gets its own upstreams, so how often and over
/// which transport each asks can be compared.
/// </summary>
internal static class ForwardingScenario
{
    /// <summary>One server's upstreams: the default one, an authoritative one and one that answers UDP only with TC.</summary>
    internal sealed class Upstreams : IDisposable
    {
        public FakeUpstreamDns Default { get; } = new(IPAddress.Parse("198.51.100.1"), typed: true);
        public FakeUpstreamDns Authoritative { get; } = new(IPAddress.Parse("198.51.100.3"), typed: true) { Authoritative = true };
        public FakeUpstreamDns Truncating { get; } = new(IPAddress.Parse("198.51.100.4"), typed: true) { TruncateUdp = true };

        public Upstreams()
        {
            foreach (var name in BigNames)
                Default.Addresses[name] = [.. Enumerable.Range(1, 100).Select(i => IPAddress.Parse($"10.9.0.{i}"))];
        }

        public IEnumerable<FakeUpstreamDns> All => [Default, Authoritative, Truncating];

        /// <summary>The server= lines for this server: the broader example.net goes to the authoritative upstream.</summary>
        public string ServerLines() => $"""
            server=127.0.0.1#{Default.EndPoint.Port}
            server=/auth.test/127.0.0.1#{Authoritative.EndPoint.Port}
            server=/example.net/127.0.0.1#{Authoritative.EndPoint.Port}
            server=/tc.test/127.0.0.1#{Truncating.EndPoint.Port}
            """;

        public void Dispose()
        {
            foreach (var upstream in All) upstream.Dispose();
        }
    }

    private static readonly string[] BigNames = ["big.example.com", "big2.example.com", "big3.example.com"];

    public static string Config() => """
        no-hosts
        no-resolv
        bogus-priv
        local=/lab.test/
        host-record=hr.lab.test,10.0.0.20
        server=/fwd.lab.test/#
        server=/std.example.net/#
        server=/168.192.in-addr.arpa/#
        domain=office.test,44.128.0.0/16,local
        host-record=pc.office.test,44.128.1.1
        interface-name=gw.office.test,lo
        interface-name=gw4.office.test,lo/4
        interface-name=gone.office.test,nosuch0
        host-record=loop.office.test,127.0.0.1
        """;

    /// <summary>In this order: a query's answer may come from what an earlier one cached.</summary>
    public static IReadOnlyList<DigQuery> Queries() =>
    [
        // Local answers: AA on local data, none on a local=/ NXDOMAIN; bogus-priv answers even under server=/…arpa/#.
        new("hr.lab.test A", DnsmasqFlags: "qr aa rd ra"),
        new("missing.lab.test A", DnsmasqFlags: "qr rd ra"),
        new("-x 192.168.5.5", DnsmasqFlags: "qr aa rd ra"),
        // domain=name,subnet,local: the domain and the subnet's reverse zone are answered locally, never forwarded.
        new("pc.office.test A"),
        new("missing.office.test A"),
        new("-x 44.128.1.1"),
        new("-x 44.128.9.9"),
        // interface-name=: the interface's addresses, and their PTR ahead of host-record's.
        new("gw.office.test A"),
        new("gw.office.test AAAA"),
        new("gw4.office.test A"),
        new("gw4.office.test AAAA"),
        new("gw.office.test MX"),
        new("gone.office.test A"),
        new("-x 127.0.0.1"),
        new("-x ::1"),
        // The upstream's AA: kept when forwarded, over UDP and TCP, also on NXDOMAIN and NODATA; gone on a cache hit.
        new("www.auth.test A", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("www.auth.test A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("www.auth.test AAAA", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("www.auth.test A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("www.auth.test A +noedns", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("nxname.auth.test A", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("nxname.auth.test A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        // A cached NXDOMAIN answers every type of the name: no second upstream query.
        new("nxname.auth.test MX", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("nodata.auth.test A", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("nodata.auth.test A", Upstream: true, DnsmasqFlags: "qr aa rd ra"), // no SOA, no neg-ttl: not cached, asked again
        new("tcp.auth.test A +tcp", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("tcp.auth.test A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("tcp.auth.test A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        // server=/d/#: the default servers, inside a domain routed elsewhere and inside a local one.
        new("www.example.net A", Upstream: true, DnsmasqFlags: "qr aa rd ra"),
        new("www.std.example.net A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("std.example.net A", Upstream: true),
        new("deep.www.std.example.net A", Upstream: true),
        new("x.fwd.lab.test A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("fwd.lab.test A", Upstream: true),
        new("nxname.fwd.lab.test A", Upstream: true),
        // 100 records: whole to a TCP client (forwarded over TCP, then from the cache); a UDP client gets the upstream's TC.
        new("big.example.com A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("big.example.com A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("big2.example.com A +ignore", Upstream: true, DnsmasqFlags: "qr tc rd ra"),
        new("big2.example.com A +ignore", Upstream: true, DnsmasqFlags: "qr tc rd ra"),
        new("big3.example.com A +noedns +ignore", Upstream: true, DnsmasqFlags: "qr tc rd ra"),
        new("big3.example.com A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("big3.example.com A +tcp +noedns", Upstream: true, DnsmasqFlags: "qr rd ra"),
        // An upstream that truncates every UDP reply: TC reaches the UDP client, TCP gets the answer, then it is cached.
        new("www.tc.test A +ignore", Upstream: true, DnsmasqFlags: "qr tc rd ra"),
        new("www.tc.test A +noedns +ignore", Upstream: true, DnsmasqFlags: "qr tc rd ra"),
        new("www.tc.test A +tcp", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("www.tc.test A", Upstream: true, DnsmasqFlags: "qr rd ra"),
        new("nxname.tc.test A +tcp", Upstream: true),
    ];

    /// <summary>Every name the queries send upstream, for comparing how often (and over TCP) each server asked.</summary>
    public static IEnumerable<string> AskedNames() =>
    [
        "www.auth.test", "nxname.auth.test", "nodata.auth.test", "tcp.auth.test", "www.example.net", "www.std.example.net",
        "std.example.net", "deep.www.std.example.net", "x.fwd.lab.test", "fwd.lab.test", "nxname.fwd.lab.test",
        .. BigNames, "www.tc.test", "nxname.tc.test", "missing.office.test", "9.9.128.44.in-addr.arpa",
    ];
}
