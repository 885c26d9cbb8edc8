using System.Diagnostics;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>
/// Pint next to dnsmasq 2.90 --dnssec on the signed hierarchy, on what a validating forwarder hands its clients: the
/// DNSSEC records a client gets with and without the DO bit (fresh and from the cache), and what happens to names under
/// a server=/domain/ line (not validated without a trust anchor for that domain; with one, validated through that server).
/// </summary>
public class DnssecFidelityTests(ITestOutputHelper output)
{
    /// <summary>
    /// Queries asked three times in a row: without DO (fresh), without DO again (cached), then with DO (dnsmasq forwards
    /// that one again, observed; Pint answers from its cache, which kept the records).
    /// </summary>
    public static readonly string[] Questions =
    [
        "www.secure.test A", "alias.secure.test A", "x.wild.secure.test A", "nx.secure.test A", "www.secure.test AAAA",
        "www.nsec3.test A", "nx.nsec3.test A", "www.nsec3.test AAAA", "www.unsigned.test A",
    ];

    [Fact]
    public async Task Dnssec_records_reach_only_clients_that_set_DO_as_dnsmasq_gives_them()
    {
        var dnsmasqPath = ConfigTestTools.RequireTool("dnsmasq");
        using var hierarchy = await SignedHierarchy.StartAsync();
        var lines = $"no-resolv\nno-hosts\nserver=127.0.0.1#{hierarchy.Port}\ndnssec\n{hierarchy.TrustAnchor}\n";
        await using var pint = await RunningPint.StartAsync(lines);
        using var dnsmasq = await StartDnsmasqAsync(dnsmasqPath, lines);
        var failures = new List<string>();
        foreach (var question in Questions)
        {
            foreach (var (label, flags) in new[] { ("fresh, no DO", ""), ("cached, no DO", ""), ("DO", " +dnssec") })
            {
                var expected = await DnssecRecordsAsync(dnsmasq.Port, question + flags);
                var actual = await DnssecRecordsAsync(pint.Port, question + flags);
                output.WriteLine($"{question} ({label}): dnsmasq [{expected}], Pint [{actual}]");
                // Fresh: both filter the upstream reply as rrfilter does, and both give up (pass it on whole) where named
                // compressed a kept name against an RRSIG: a positive answer keeps its RRSIGs, a negative one loses them.
                // Cached: none (dnsmasq answers from its own records; Pint writes the stored reply again without them).
                if (label == "cached, no DO" && actual != "") failures.Add($"{question} ({label}): Pint gave [{actual}], expected none");
                if (actual != expected) failures.Add($"{question} ({label}): dnsmasq [{expected}], Pint [{actual}]");
            }
        }
        Assert.True(failures.Count == 0, "Pint differs from dnsmasq 2.90:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_server_domain_without_its_own_trust_anchor_is_not_validated_as_dnsmasq_does()
    {
        var dnsmasqPath = ConfigTestTools.RequireTool("dnsmasq");
        using var hierarchy = await SignedHierarchy.StartAsync();
        using var mirror = await hierarchy.StartMirrorAsync();
        var lines = $"no-resolv\nno-hosts\nserver=127.0.0.1#{hierarchy.Port}\nserver=/secure.test/127.0.0.1#{mirror.Port}\ndnssec\n{hierarchy.TrustAnchor}\n";
        var failures = new List<string>();
        foreach (var server in new[] { "dnsmasq", "Pint" })
        {
            await using var pint = server == "Pint" ? await RunningPint.StartAsync(lines) : null;
            using var dnsmasq = server == "dnsmasq" ? await StartDnsmasqAsync(dnsmasqPath, lines) : null;
            int port = pint?.Port ?? dnsmasq!.Port;
            mirror.ClearLog();
            // Signed, but under the private server: no AD, no DS or DNSKEY asked, the query sent as the client sent it (no DO).
            Expect(failures, server, "www.secure.test A", await DigFlags.AskAsync(port, "www.secure.test A"), "NOERROR");
            Expect(failures, server, "nx.secure.test A", await DigFlags.AskAsync(port, "nx.secure.test A"), "NXDOMAIN");
            // Outside it, validation as ever.
            Expect(failures, server, "www.nsec3.test A", await DigFlags.AskAsync(port, "www.nsec3.test A"), "NOERROR ad");
            Expect(failures, server, "www.badsig.test A", await DigFlags.AskAsync(port, "www.badsig.test A"), "SERVFAIL EDE 6");
            var log = await SettledLogAsync(mirror);
            output.WriteLine($"{server}, the private server's log:\n{log}");
            if (log.Contains(" IN DS ") || log.Contains(" IN DNSKEY ")) failures.Add($"{server}: DS or DNSKEY asked of the private server:\n{log}");
            if (!log.Contains("www.secure.test IN A +E(0)K")) failures.Add($"{server}: www.secure.test A not sent to the private server without DO:\n{log}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task With_a_trust_anchor_for_the_server_domain_its_chain_is_asked_of_that_server_as_dnsmasq_does()
    {
        var dnsmasqPath = ConfigTestTools.RequireTool("dnsmasq");
        using var hierarchy = await SignedHierarchy.StartAsync();
        using var mirror = await hierarchy.StartMirrorAsync();
        var lines = $"no-resolv\nno-hosts\nserver=127.0.0.1#{hierarchy.Port}\nserver=/secure.test/127.0.0.1#{mirror.Port}\ndnssec\n{hierarchy.TrustAnchor}\n"
            + $"{hierarchy.TrustAnchorFor("secure.test")}\n";
        var failures = new List<string>();
        foreach (var server in new[] { "dnsmasq", "Pint" })
        {
            await using var pint = server == "Pint" ? await RunningPint.StartAsync(lines) : null;
            using var dnsmasq = server == "dnsmasq" ? await StartDnsmasqAsync(dnsmasqPath, lines) : null;
            int port = pint?.Port ?? dnsmasq!.Port;
            mirror.ClearLog();
            Expect(failures, server, "www.secure.test A", await DigFlags.AskAsync(port, "www.secure.test A"), "NOERROR ad");
            Expect(failures, server, "nx.secure.test A", await DigFlags.AskAsync(port, "nx.secure.test A"), "NXDOMAIN ad");
            Expect(failures, server, "x.wild.secure.test A", await DigFlags.AskAsync(port, "x.wild.secure.test A"), "NOERROR ad");
            var log = await SettledLogAsync(mirror);
            output.WriteLine($"{server}, the domain's server's log:\n{log}");
            // The chain starts at the domain's own anchor: its DNSKEY from its server, no DS above it.
            if (!log.Contains("secure.test IN DNSKEY +E(0)D")) failures.Add($"{server}: DNSKEY secure.test not asked of the domain's server:\n{log}");
            if (log.Contains(" IN DS ")) failures.Add($"{server}: a DS asked of the domain's server:\n{log}");
            if (!log.Contains("www.secure.test IN A +E(0)DK")) failures.Add($"{server}: www.secure.test A not sent with DO:\n{log}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void Expect(List<string> failures, string server, string query, DigFlags actual, string expected)
    {
        if (actual.ToString() != expected) failures.Add($"{server}: {query}: expected {expected}, got {actual}\n{actual.Text}");
    }

    /// <summary>named writes its query log a moment after answering.</summary>
    private static async Task<string> SettledLogAsync(SignedHierarchy.Mirror mirror)
    {
        string last = "";
        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(100);
            var now = mirror.QueryLog;
            if (now == last && now.Length > 0) return Queries(now);
            last = now;
        }
        return Queries(last);
    }

    /// <summary>Only the query lines, each as "NAME IN TYPE +FLAGS".</summary>
    private static string Queries(string log) => string.Join("\n", log.Split('\n').Where(l => l.Contains("query: "))
        .Select(l => l[(l.IndexOf("query: ", StringComparison.Ordinal) + 7)..].Split(" (")[0]));

    /// <summary>The DNSSEC records of the answer and authority sections dig shows, as "SECTION:TYPE[/COVERED]" sorted; "" for none.</summary>
    private static async Task<string> DnssecRecordsAsync(int port, string query)
    {
        var reply = await DigFlags.AskAsync(port, query + " +nocookie");
        var found = new List<string>();
        string? section = null;
        foreach (var raw in reply.Text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith(";; ANSWER SECTION:")) { section = "answer"; continue; }
            if (line.StartsWith(";; AUTHORITY SECTION:")) { section = "authority"; continue; }
            if (line.Length == 0 || line.StartsWith(';')) { section = null; continue; }
            if (section is null) continue;
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5) continue;
            var type = fields[3];
            if (type == "RRSIG") found.Add($"{section}:RRSIG/{fields[4]}");
            else if (type is "NSEC" or "NSEC3") found.Add($"{section}:{type}");
        }
        found.Sort(StringComparer.Ordinal);
        return string.Join(" ", found);
    }

    private static async Task<DnsmasqProcess> StartDnsmasqAsync(string dnsmasq, string lines)
    {
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-fidelity-");
        var conf = Path.Combine(dir.FullName, "dnsmasq.conf");
        File.WriteAllText(conf, lines);
        var process = new DnsmasqProcess(dnsmasq, conf, DnsmasqProcess.FreeLoopbackPort());
        await process.WaitReadyAsync(TimeSpan.FromSeconds(10));
        return process;
    }

    private sealed class RunningPint(PintServerHost host, int port, DirectoryInfo dir) : IAsyncDisposable
    {
        public int Port => port;

        public static async Task<RunningPint> StartAsync(string lines)
        {
            var dir = Directory.CreateTempSubdirectory("pint-dnssec-fidelity-pint-");
            int port = DnsmasqProcess.FreeLoopbackPort();
            var conf = Path.Combine(dir.FullName, "pint.conf");
            File.WriteAllText(conf, $"{lines}port={port}\nlisten-address=127.0.0.1\nbind-interfaces\n");
            var host = PintServerHost.Load(conf);
            await host.StartAsync();
            return new RunningPint(host, port, dir);
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            dir.Delete(recursive: true);
        }
    }
}
