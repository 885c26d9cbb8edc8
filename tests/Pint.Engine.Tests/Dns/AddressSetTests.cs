using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Dns.Sets;
using Pint.Engine.Tests.Config;
using Xunit;
using static Pint.Engine.Tests.Dns.RoutedDnsLab;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// ipset= and nftset=: parsing, matching, what an answer gives, the background writer's commands, and the kernel's
/// sets for real in a namespace of the test's own, filled by Pint and by dnsmasq 2.90 from the same config.
/// </summary>
public class AddressSetTests
{
    // ---- parsing ----

    [Fact]
    public void Ipset_lines_are_typed()
    {
        var rules = ConfigAssert.Clean("""
            ipset=/Example.COM/sub.example.org./pint4,pint6
            ipset=/#/all
            ipset=//plain
            """).Dns.AddressSets;
        Assert.Equal(3, rules.Count);
        Assert.All(rules, r => Assert.Equal(AddressSetKind.Ipset, r.Kind));
        Assert.Equal(["example.com", "sub.example.org"], rules[0].Domains);
        Assert.Equal(["pint4", "pint6"], rules[0].Sets.Select(s => s.Set));
        Assert.Equal([""], rules[1].Domains);
        Assert.Equal([""], rules[2].Domains);
        Assert.Equal(1, rules[0].Source.Line);
        Assert.Equal(3, rules[2].Source.Line);
    }

    [Fact]
    public void Nftset_lines_take_the_family_filter_and_default_to_the_ip_family()
    {
        var sets = ConfigAssert.Clean("nftset=/example.com/4#inet#fw#v4,6#ip6#fw#v6,ip#t#any,t4#s").Dns.AddressSets.Single().Sets;
        Assert.Equal(new AddressSetTarget("v4", "fw", "inet", AddressFamily.InterNetwork), sets[0]);
        Assert.Equal(new AddressSetTarget("v6", "fw", "ip6", AddressFamily.InterNetworkV6), sets[1]);
        Assert.Equal(new AddressSetTarget("any", "t", "ip"), sets[2]);
        Assert.Equal(new AddressSetTarget("s", "t4", "ip"), sets[3]); // nft's own default family
    }

    [Theory]
    [InlineData("ipset=example.com/pint4", "expected /domain")]
    [InlineData("ipset=/example.com", "expected /domain")]
    [InlineData("ipset=/example.com/", "missing set")]
    [InlineData("ipset=/exa mple.com/pint4", "bad domain 'exa mple.com'")]
    [InlineData("ipset=/example.com/pint4,,pint6", "empty set name")]
    [InlineData("ipset=/example.com/pint4,", "empty set name")]
    [InlineData("ipset=/example.com/a-name-longer-than-thirty-one-chars", "bad ipset name")]
    [InlineData("nftset=/example.com/", "missing set")]
    [InlineData("nftset=/example.com/s", "expected [4#|6#][family#]table#set")]
    [InlineData("nftset=/example.com/4#inet#t#s#x", "expected [4#|6#][family#]table#set")]
    [InlineData("nftset=/example.com/5#inet#t#s", "bad address family '5#'")]
    [InlineData("nftset=/example.com/4#foo#t#s", "bad nftables family 'foo'")]
    [InlineData("nftset=/example.com/4#inet##s", "bad nftables table name ''")]
    [InlineData("nftset=/example.com/inet#t#s;x", "bad nftables set name 's;x'")]
    [InlineData("nftset=/example.com/4#t", "bad nftables table name '4'")]
    public void Bad_lines_are_errors_naming_the_line(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void An_error_names_its_own_line_among_others()
    {
        var result = ConfigAssert.Load("ipset=/a.example/s1\nnftset=/b.example/onlyaset\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((2, "nftset"), (d.Line, d.Option));
    }

    [Fact]
    public void Setup_hands_the_rules_to_the_dns_server()
    {
        var config = ConfigAssert.Clean("ipset=/example.com/pint4\nnftset=/example.com/4#inet#t#s\n");
        var options = DnsSetup.Build(config, TestSystem(), "/").Options!;
        Assert.Equal(2, options.AddressSets.Count);
    }

    // ---- matching ----

    private static AddressSetRules Rules(string text) => new(ConfigAssert.Clean(text).Dns.AddressSets);

    /// <summary>"ipsets | nftsets" for <paramref name="name"/>.</summary>
    private static string Match(AddressSetRules rules, string name)
    {
        rules.TryMatch(DnsName.FromTextKeepCase(name), out var ipsets, out var nftsets);
        return $"{string.Join(',', ipsets.Select(s => s.ToString()))} | {string.Join(',', nftsets.Select(s => s.ToString()))}";
    }

    [Fact]
    public void A_name_matches_its_domain_and_below_and_the_most_specific_domain_wins_per_option()
    {
        var rules = Rules("""
            ipset=/example.com/i4
            ipset=/example.com/i6
            nftset=/example.com/4#inet#t#s4
            nftset=/sub.example.com/ip#t4#sub
            nftset=/#/ip#t4#all
            """);
        Assert.Equal("i4 | inet t s4", Match(rules, "example.com"));
        Assert.Equal("i4 | inet t s4", Match(rules, "A.Example.COM")); // the first line for a domain counts (dnsmasq 2.90)
        Assert.Equal("i4 | ip t4 sub", Match(rules, "x.sub.example.com")); // ipset= and nftset= are matched apart
        Assert.Equal(" | ip t4 all", Match(rules, "noexample.com")); // labels, not text: not under example.com
        Assert.Equal(" | ip t4 all", Match(rules, "plain"));
        Assert.False(Rules("ipset=/example.com/i4").TryMatch(DnsName.FromText("example.org"), out _, out _));
        Assert.True(Rules("ipset=//i4").TryMatch(DnsName.FromText("example.org"), out _, out _)); // dnsmasq 2.90: // is every name too
    }

    // ---- what an answer gives ----

    [Fact]
    public void The_addresses_of_the_name_and_its_cname_chain_count_and_others_do_not()
    {
        var reply = Reply("c.example.com", DnsType.A,
            ("c.example.com", DnsType.CNAME, DnsName.FromText("b.other.org")),
            ("b.other.org", DnsType.A, [10, 1, 0, 2]),
            ("unrelated.example", DnsType.A, [10, 9, 9, 9]),
            ("b.other.org", DnsType.AAAA, IPAddress.Parse("fd00::2").GetAddressBytes()));
        Assert.Equal(["10.1.0.2", "fd00::2"], AnswerAddresses.Extract(DnsName.FromText("c.example.com"), reply).Select(a => a.ToString()));

        // Out of order: the address first, then the CNAME leading to it.
        reply = Reply("d.example.com", DnsType.A,
            ("a.example.org", DnsType.A, [10, 1, 0, 1]),
            ("D.example.com", DnsType.CNAME, DnsName.FromText("a.example.org")));
        Assert.Equal(["10.1.0.1"], AnswerAddresses.Extract(DnsName.FromText("d.example.com"), reply).Select(a => a.ToString()));

        var nx = Reply("n.example.com", DnsType.A, ("n.example.com", DnsType.A, [10, 1, 0, 3]));
        nx[3] |= (byte)DnsRcode.NxDomain;
        Assert.Empty(AnswerAddresses.Extract(DnsName.FromText("n.example.com"), nx));
    }

    /// <summary>An upstream-shaped reply: the question, then answers with uncompressed owners.</summary>
    private static byte[] Reply(string question, DnsType type, params (string Owner, DnsType Type, byte[] Data)[] answers)
    {
        var buffer = new byte[1024];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(1, DnsFlags.Response | DnsFlags.RecursionAvailable, 1, (ushort)answers.Length, 0, 0));
        writer.TryWriteQuestion(DnsName.FromTextKeepCase(question), type, DnsFlags.ClassIn);
        foreach (var (owner, t, data) in answers) Assert.True(writer.TryWriteRecord(DnsName.FromTextKeepCase(owner), t, 60, data));
        return buffer[..writer.Position];
    }

    // ---- the writer ----

    /// <summary>Records the commands; a set named "missing" fails, as nft and ipset fail for a set that does not exist.</summary>
    private sealed class FakeCommands : ISetCommands
    {
        public readonly List<string> Runs = [];
        public Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, string? input)
        {
            var text = $"{tool} {string.Join(' ', arguments)}" + (input is null ? "" : $" <<{input}");
            lock (Runs) Runs.Add(text);
            if (text.Contains("missing")) return Task.FromResult((1, "Error: No such file or directory\nadd element ...\n    ^^^"));
            if (tool == "ipset" && arguments[0] == "list") return Task.FromResult((0, $"Name: {arguments[2]}\nHeader: family {(arguments[2].EndsWith('6') ? "inet6" : "inet")} hashsize 1024"));
            return Task.FromResult((0, ""));
        }
        public string[] Snapshot() { lock (Runs) return [.. Runs]; }
    }

    private static async Task WaitFor(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        Assert.True(done(), "the writer did not finish in 10 seconds");
    }

    [Fact]
    public async Task Queued_answers_are_written_in_batches_by_family_and_a_failing_set_is_reported_once()
    {
        var commands = new FakeCommands();
        var log = new List<string>();
        var writer = new AddressSetWriter(commands, line => { lock (log) log.Add(line); });
        AddressSetTarget[] nft = [new("s4", "t", "inet", AddressFamily.InterNetwork), new("both", "t", "inet"), new("missing", "t", "inet")];
        AddressSetTarget[] ipsets = [new("pint4"), new("pint6")];
        var v4 = IPAddress.Parse("10.1.0.1");
        var v6 = IPAddress.Parse("fd00::1");
        writer.TryEnqueue(ipsets, nft, [v4, v6]);
        writer.TryEnqueue(ipsets, nft, [IPAddress.Parse("10.1.0.2")]);
        await WaitFor(() => writer.Written == 2);

        var runs = commands.Snapshot();
        var batch = runs.First(r => r.StartsWith("nft -f - <<add element inet t s4", StringComparison.Ordinal)); // the batch, before retries
        Assert.Contains("add element inet t s4 { 10.1.0.1, 10.1.0.2 }\n", batch); // both answers in one run
        Assert.DoesNotContain("s4 { fd00::1", batch); // 4#: no AAAA
        Assert.Contains("add element inet t both { fd00::1 }\n", batch); // no filter: each family on its own line
        Assert.Contains(runs, r => r == "nft -f - <<add element inet t both { 10.1.0.1, 10.1.0.2 }\n"); // retried alone after the batch failed
        var restore = Assert.Single(runs, r => r.StartsWith("ipset -exist restore", StringComparison.Ordinal));
        Assert.Equal("ipset -exist restore <<add pint4 10.1.0.1\nadd pint4 10.1.0.2\nadd pint6 fd00::1\n", restore); // by the set's own family

        writer.TryEnqueue([], nft, [v4]);
        await WaitFor(() => writer.Written == 3);
        lock (log)
        {
            var failure = Assert.Single(log);
            Assert.Equal("cannot add addresses to nftables set inet t missing: Error: No such file or directory (reported once until it works again)", failure);
        }
        writer.Complete();
        await writer.Worker.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_full_queue_drops_answers_without_waiting()
    {
        var blocked = new TaskCompletionSource<(int, string)>();
        var writer = new AddressSetWriter(new BlockingCommands(blocked.Task), _ => { });
        AddressSetTarget[] nft = [new("s", "t", "inet")];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < AddressSetWriter.QueueLength * 2; i++) writer.TryEnqueue([], nft, [IPAddress.Loopback]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"enqueueing took {clock.Elapsed}");
        blocked.SetResult((0, ""));
    }

    private sealed class BlockingCommands(Task<(int, string)> result) : ISetCommands
    {
        public Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, string? input) => result;
    }

    private static SystemFacts TestSystem() => new()
    {
        HostsFile = null, DefaultResolvFile = null, MachineName = "pint", SupportsIPv6 = false, Interfaces = () => [],
    };

    // ---- the kernel's sets, for real ----

    private const string Probe = "probe.lab.test", ProbeAddress = "10.231.9.9";
    private const int UpstreamPort = 5301;

    /// <summary>What the upstream knows; local-ttl so its answers are cached downstream.</summary>
    private static readonly string UpstreamConfig = $"""
        port={UpstreamPort}
        listen-address=127.0.0.1
        bind-interfaces
        no-resolv
        no-hosts
        local-ttl=300
        host-record=up.lab.test,10.231.9.8
        host-record=a.example.com,10.1.0.1,fd00::1
        host-record=b.other.org,10.1.0.2
        cname=c.example.com,b.other.org
        cname=d.other.org,a.example.com
        host-record=x.sub.example.com,10.1.0.3
        host-record=y.sub.example.com,10.1.0.11
        host-record=foo.bar,10.1.0.5
        host-record=noexample.com,10.1.0.6
        host-record=m.example.com,10.1.0.7
        host-record=m.example.com,10.1.0.8

        """;

    /// <summary>The config under test: for Pint and for dnsmasq alike.</summary>
    private static readonly string ServerConfig = $"""
        no-resolv
        no-hosts
        server=127.0.0.1#{UpstreamPort}
        host-record={Probe},{ProbeAddress}
        host-record=local.example.com,10.1.0.9
        address=/addr.example.com/10.1.0.10
        ipset=/example.com/pint4,pint6
        nftset=/example.com/4#inet#pint#s4,6#inet#pint#s6
        nftset=/sub.example.com/ip#pint4#sub
        nftset=/#/4#ip#pint4#rest

        """;

    private const string Ruleset = """
        table inet pint {
            set s4 { type ipv4_addr; }
            set s6 { type ipv6_addr; }
        }
        table ip pint4 {
            set sub { type ipv4_addr; }
            set rest { type ipv4_addr; }
        }

        """;

    private static readonly string[] Sets = ["ipset pint4", "ipset pint6", "inet pint s4", "inet pint s6", "ip pint4 sub", "ip pint4 rest"];

    /// <summary>What dnsmasq 2.90 was seen to put in the sets for <see cref="AskAll"/> (and what Pint must put).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        // a, c (its CNAME's target b.other.org), x.sub (ipset has no sub.example.com rule) and m; not local., addr., d.other.org.
        ["ipset pint4"] = "10.1.0.1 10.1.0.2 10.1.0.3 10.1.0.7 10.1.0.8",
        ["ipset pint6"] = "fd00::1",
        ["inet pint s4"] = "10.1.0.1 10.1.0.2 10.1.0.7 10.1.0.8", // x.sub goes to the more specific nftset only
        ["inet pint s6"] = "fd00::1",
        ["ip pint4 sub"] = "10.1.0.3",
        // /#/: the names under no other nftset domain, answered from upstream: d.other.org (CNAME into example.com) and foo.bar.
        ["ip pint4 rest"] = "10.1.0.1 10.1.0.5",
    };

    private static async Task AskAll(RoutedDnsLab lab, NamespacedDnsServer server)
    {
        foreach (var (name, type, answer) in new[]
        {
            ("a.example.com", "A", "10.1.0.1"), ("a.example.com", "AAAA", "fd00::1"), ("c.example.com", "A", "10.1.0.2"),
            ("d.other.org", "A", "10.1.0.1"), ("x.sub.example.com", "A", "10.1.0.3"), ("foo.bar", "A", "10.1.0.5"),
            ("local.example.com", "A", "10.1.0.9"), ("addr.example.com", "A", "10.1.0.10"), ("m.example.com", "A", "10.1.0.7"),
        })
        {
            // RoutedDnsLab.DigAsync asks for A only.
            var got = (await RunAsync("ip", $"netns exec {lab.Near} dig @{ServerNear} {name} {type} +short +tries=3 +time=2")).Output.Trim();
            Assert.True(got.Contains(answer, StringComparison.Ordinal), $"{name} {type}: '{got}'\n{server.Output}");
        }
    }

    [Fact]
    public async Task Pint_fills_ipsets_and_nftables_sets_as_dnsmasq_does()
    {
        using var lab = CreateSetLab();
        using var upstream = await StartUpstreamAsync(lab);

        var pint = await FillAsync(lab, () => NamespacedDnsServer.StartPintAsync(lab, ServerConfig, Probe), waitForWriter: true);
        var dnsmasq = await FillAsync(lab, () => NamespacedDnsServer.StartDnsmasqAsync(lab, ServerConfig, Probe), waitForWriter: false);

        Assert.Equal(Expected, dnsmasq.Sets); // the reference behaves as recorded
        Assert.Equal(dnsmasq.Sets, pint.Sets); // and Pint as the reference
        Assert.Equal(dnsmasq.AfterCache, pint.AfterCache);
    }

    /// <summary>
    /// Empties the sets, starts a server, asks <see cref="AskAll"/> and reads the sets; then empties them again, asks a
    /// cached name (which must add nothing) and a fresh one (which must), and reads them again.
    /// </summary>
    private static async Task<(Dictionary<string, string> Sets, Dictionary<string, string> AfterCache)> FillAsync(
        RoutedDnsLab lab, Func<Task<NamespacedDnsServer>> start, bool waitForWriter)
    {
        await FlushAsync(lab);
        using var server = await start();
        await AskAll(lab, server);
        var filled = await ReadSetsAsync(lab, until: waitForWriter ? s => s.SequenceEqual(Expected) : null);

        await FlushAsync(lab);
        Assert.Contains("10.1.0.7", await lab.DigAsync(lab.Near, ServerNear, "m.example.com")); // from the cache now
        Assert.Contains("10.1.0.11", await lab.DigAsync(lab.Near, ServerNear, "y.sub.example.com")); // fresh, written after it
        var afterCache = await ReadSetsAsync(lab, until: waitForWriter ? s => s["ip pint4 sub"] == "10.1.0.11" && s["ipset pint4"] == "10.1.0.11" : null);
        Assert.Equal("10.1.0.11", afterCache["ip pint4 sub"]);
        Assert.Equal("", afterCache["inet pint s4"]); // m.example.com's cached answer added nothing
        return (filled, afterCache);
    }

    [Fact]
    public async Task A_missing_set_is_reported_once_and_answers_keep_coming()
    {
        using var lab = CreateSetLab();
        using var upstream = await StartUpstreamAsync(lab);
        using var pint = await NamespacedDnsServer.StartPintAsync(lab,
            ServerConfig.Replace("inet#pint#s4", "inet#pint#nosuchset") + "ipset=/bar/nosuchipset\n", Probe);
        foreach (var name in new[] { "a.example.com", "m.example.com", "foo.bar" })
            Assert.NotEqual("", await lab.DigAsync(lab.Near, ServerNear, name));
        var sets = await ReadSetsAsync(lab, until: s => s["ip pint4 rest"] == "10.1.0.5" && s["ipset pint4"] == "10.1.0.1 10.1.0.7 10.1.0.8");
        Assert.Equal("10.1.0.1 10.1.0.7 10.1.0.8", sets["ipset pint4"]); // the other sets of the batch were written
        var clock = Stopwatch.StartNew();
        while (!pint.Output.Contains("nosuchipset") && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.Equal(1, Count(pint.Output, "cannot add addresses to nftables set inet pint nosuchset"));
        Assert.Equal(1, Count(pint.Output, "cannot add addresses to ipset nosuchipset"));
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>A lab whose server namespace has the test's nftables tables and ipsets; skips without nft, ipset or dnsmasq.</summary>
    private static RoutedDnsLab CreateSetLab()
    {
        ConfigTestTools.RequireTool("nft");
        ConfigTestTools.RequireTool("ipset");
        ConfigTestTools.RequireTool("dnsmasq");
        var lab = Create();
        try
        {
            var rules = Path.Combine(lab.Directory, "sets.nft");
            File.WriteAllText(rules, Ruleset);
            InServer(lab, $"nft -f {rules}");
            InServer(lab, "ipset create pint4 hash:ip family inet");
            InServer(lab, "ipset create pint6 hash:ip family inet6");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static void InServer(RoutedDnsLab lab, string command) => lab.Ip($"netns exec {lab.Server} {command}");

    private static async Task FlushAsync(RoutedDnsLab lab)
    {
        foreach (var set in Sets)
        {
            var parts = set.Split(' ');
            var (code, output) = await RunAsync("ip", parts[0] == "ipset"
                ? $"netns exec {lab.Server} ipset flush {parts[1]}"
                : $"netns exec {lab.Server} nft flush set {set}");
            Assert.True(code == 0, output);
        }
    }

    /// <summary>Each set's addresses, sorted, space-separated; with <paramref name="until"/>, read again until it holds (10 s at most).</summary>
    private static async Task<Dictionary<string, string>> ReadSetsAsync(RoutedDnsLab lab, Func<Dictionary<string, string>, bool>? until = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sets = new Dictionary<string, string>();
            foreach (var set in Sets)
            {
                var parts = set.Split(' ');
                var (code, output) = await RunAsync("ip", parts[0] == "ipset"
                    ? $"netns exec {lab.Server} ipset list {parts[1]}"
                    : $"netns exec {lab.Server} nft list set {set}");
                Assert.True(code == 0, output);
                sets[set] = string.Join(' ', Members(output).Order(StringComparer.Ordinal));
            }
            if (until is null || until(sets) || clock.Elapsed > TimeSpan.FromSeconds(10)) return sets;
            await Task.Delay(100);
        }
    }

    /// <summary>The addresses in <c>ipset list</c> (after "Members:") or <c>nft list set</c> (inside "elements = { }") output.</summary>
    private static IEnumerable<string> Members(string output)
    {
        var members = output.IndexOf("Members:", StringComparison.Ordinal);
        string text;
        if (members >= 0) text = output[(members + 8)..];
        else
        {
            var start = output.IndexOf("elements = {", StringComparison.Ordinal);
            if (start < 0) return [];
            var end = output.IndexOf('}', start);
            text = output[(start + 12)..end];
        }
        return text.Split([' ', ',', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(t => IPAddress.TryParse(t, out _));
    }

    /// <summary>dnsmasq on 127.0.0.1:<see cref="UpstreamPort"/> in the server namespace, answering <see cref="UpstreamConfig"/>'s names.</summary>
    private static async Task<Upstream> StartUpstreamAsync(RoutedDnsLab lab)
    {
        var path = Path.Combine(lab.Directory, "upstream.conf");
        File.WriteAllText(path, UpstreamConfig);
        var process = Process.Start(new ProcessStartInfo("ip",
            $"netns exec {lab.Server} {ConfigTestTools.RequireTool("dnsmasq")} -C {path} -k --log-facility={Path.Combine(lab.Directory, "upstream.log")} --pid-file= -u root")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await lab.WaitForUdpListenerAsync(UpstreamPort, () => process.HasExited ? $"exit code {process.ExitCode}" : null, TimeSpan.FromSeconds(30));
            Assert.Equal("10.231.9.8", await lab.DigAsync(lab.Server, "127.0.0.1", "up.lab.test", $"-p {UpstreamPort}", tries: 5));
            return new Upstream(process);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The upstream dnsmasq, killed on dispose.</summary>
    private sealed class Upstream(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }
}
