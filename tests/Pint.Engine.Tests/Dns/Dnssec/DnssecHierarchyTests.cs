using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>
/// Pint validating against a real signed hierarchy (named, zones signed at test time) with the local root's key as
/// its trust anchor, and dnsmasq 2.90 --dnssec beside it with the same anchor: the same rcodes, AD flags and EDE.
/// </summary>
public class DnssecHierarchyTests(ITestOutputHelper output)
{
    /// <summary>Query, then the expected status and AD (what dnsmasq 2.90 gives, observed; both are asked with dig's default AD flag).</summary>
    public static readonly (string Query, string Expected)[] Cases =
    [
        ("www.secure.test A", "NOERROR ad"),            // signed all the way from the root (RSASHA256 root, ECDSAP256 below)
        ("alias.secure.test A", "NOERROR ad"),          // a signed CNAME to a signed A
        ("nx.secure.test A", "NXDOMAIN ad"),            // NSEC proof of nonexistence and of no wildcard
        ("www.secure.test AAAA", "NOERROR ad"),         // NSEC NODATA
        ("x.wild.secure.test A", "NOERROR ad"),         // a wildcard expansion, with the NSEC that denies the name itself
        ("www.nsec3.test A", "NOERROR ad"),             // RSASHA256, NSEC3 zone
        ("nx.nsec3.test A", "NXDOMAIN ad"),             // NSEC3 closest encloser proof
        ("www.nsec3.test MX", "NOERROR ad"),            // NSEC3 NODATA
        ("www.insecure.nsec3.test A", "NOERROR"),       // an unsigned delegation in an NSEC3 opt-out span: insecure
        ("www.unsigned.test A", "NOERROR"),             // no DS in the parent (NSEC proof): insecure
        ("www.nods.test A", "NOERROR"),                 // signed, but its DS is missing from the parent: insecure
        ("www.badsig.test A", "SERVFAIL EDE 6"),        // a corrupted RRSIG
        ("www.expired.test A", "SERVFAIL EDE 6"),       // RRSIGs that expired in 2020
        ("www.wrongds.test A", "SERVFAIL EDE 6"),       // the parent's DS names a key the zone does not have
        ("gone.forged.test A", "SERVFAIL EDE 6"),       // an NXDOMAIN whose NSEC does not cover the name
        ("www.badsig.test A +cd", "NOERROR"),           // CD: the client validates; passed on unvalidated
        ("www.secure.test A +noadflag", "NOERROR"),     // neither AD nor DO asked: no AD in the reply
        ("www.secure.test A +dnssec +noadflag", "NOERROR ad"), // DO asks for it
    ];

    private static string ServerLines(SignedHierarchy h) => $"no-resolv\nno-hosts\nserver=127.0.0.1#{h.Port}\ndnssec\n{h.TrustAnchor}\n";

    [Fact]
    public async Task Pint_validates_the_signed_hierarchy()
    {
        using var hierarchy = await SignedHierarchy.StartAsync();
        await using var pint = await StartPintAsync(hierarchy, "");
        var failures = new List<string>();
        foreach (var (query, expected) in Cases)
        {
            var actual = await DigFlags.AskAsync(pint.Port, query);
            if (actual.ToString() != expected) failures.Add($"{query}: expected {expected}, got {actual}\n{actual.Text}");
        }
        // Asked again, from the cache: the same verdicts.
        foreach (var (query, expected) in Cases.Take(3))
        {
            var actual = await DigFlags.AskAsync(pint.Port, query);
            if (actual.ToString() != expected) failures.Add($"{query} (again): expected {expected}, got {actual}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Without_trust_anchor_nothing_is_secure_and_check_unsigned_no_passes_unsigned()
    {
        using var hierarchy = await SignedHierarchy.StartAsync();
        await using var pint = await StartPintAsync(hierarchy, "", anchor: false);
        var reply = await DigFlags.AskAsync(pint.Port, "www.secure.test A");
        Assert.True(reply.ToString() == "NOERROR", reply.Text);
    }

    [Fact]
    public async Task Pint_and_dnsmasq_agree_on_the_signed_hierarchy()
    {
        ConfigTestTools.RequireTool("dnsmasq");
        using var hierarchy = await SignedHierarchy.StartAsync();
        await using var pint = await StartPintAsync(hierarchy, "");
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-dnsmasq-");
        try
        {
            var conf = Path.Combine(dir.FullName, "dnsmasq.conf");
            File.WriteAllText(conf, ServerLines(hierarchy));
            using var dnsmasq = new DnsmasqProcess(ConfigTestTools.RequireTool("dnsmasq"), conf, DnsmasqProcess.FreeLoopbackPort());
            await dnsmasq.WaitReadyAsync(TimeSpan.FromSeconds(10));
            var failures = new List<string>();
            foreach (var (query, _) in Cases)
            {
                var expected = await DigFlags.AskAsync(dnsmasq.Port, query);
                var actual = await DigFlags.AskAsync(pint.Port, query);
                output.WriteLine($"{query}: dnsmasq {expected}, Pint {actual}");
                if (actual.ToString() != expected.ToString()) failures.Add($"{query}: dnsmasq {expected}, Pint {actual}");
            }
            Assert.True(failures.Count == 0, "Pint differs from dnsmasq 2.90:\n" + string.Join("\n", failures));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private sealed class RunningPint(PintServerHost host, int port, DirectoryInfo dir) : IAsyncDisposable
    {
        public int Port => port;
        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<RunningPint> StartPintAsync(SignedHierarchy h, string extra, bool anchor = true)
    {
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-pint-");
        int port = DnsmasqProcess.FreeLoopbackPort();
        var lines = ServerLines(h);
        if (!anchor) lines = lines.Replace(h.TrustAnchor, "");
        var conf = Path.Combine(dir.FullName, "pint.conf");
        File.WriteAllText(conf, $"{lines}{extra}\nport={port}\nlisten-address=127.0.0.1\nbind-interfaces\n");
        var host = PintServerHost.Load(conf);
        await host.StartAsync();
        return new RunningPint(host, port, dir);
    }
}
