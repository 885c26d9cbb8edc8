using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// What a hosts file cut while being written yields, checked against the real dnsmasq 2.90: the file is cut at every
/// character of its last two lines, and Pint's hosts reader must give each name the same addresses dnsmasq answers
/// for it (a cut name is served, as dnsmasq serves it; a cut address serves nothing).
/// </summary>
public sealed class CutHostsLineDnsmasqTests
{
    /// <summary>One file per cut, told apart by <paramref name="k"/> in every address; two digits keep the offsets aligned.</summary>
    private static string Whole(int k) => $"10.{k}.0.10 host10\n10.{k}.0.12 host12 alias-12\nfd00:{k}::12 host12v6\n";

    private static readonly int Cut0 = Whole(10).IndexOf('\n') + 1;

    [Fact]
    public async Task Pint_reads_a_hosts_file_cut_at_any_point_as_dnsmasq_does()
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        var dir = Directory.CreateTempSubdirectory("pint-cut-hosts-");
        try
        {
            var cuts = Enumerable.Range(0, Whole(10).Length - Cut0).Select(j => (K: 10 + j, Text: Whole(10 + j)[..(Cut0 + j)])).ToArray();
            Directory.CreateDirectory(Path.Combine(dir.FullName, "cuts"));
            foreach (var (k, text) in cuts) File.WriteAllText(Path.Combine(dir.FullName, "cuts", $"cut{k}"), text);
            var conf = Path.Combine(dir.FullName, "dnsmasq.conf");
            File.WriteAllText(conf, $"no-resolv\naddn-hosts={Path.Combine(dir.FullName, "cuts")}\n");
            using var reference = new DnsmasqProcess(dnsmasq, conf, DnsmasqProcess.FreeLoopbackPort());
            await reference.WaitReadyAsync(TimeSpan.FromSeconds(10));

            var differences = new StringBuilder();
            foreach (var (k, text) in cuts)
            {
                var pint = HostsFile.Parse(text, $"cut{k}").Entries;
                var lastToken = text.Split([' ', '\n'])[^1];
                var names = new[] { "host10", "host12", "alias-12", "host12v6" }.Concat(Prefixes(lastToken)).Distinct();
                foreach (var name in names)
                {
                    foreach (var type in new[] { DnsType.A, DnsType.AAAA })
                    {
                        var mine = type == DnsType.A ? $"10.{k}." : $"fd00:{k}:";
                        var expected = (await WatchedHostsServer.AskAsync(reference.Port, name, type)).Where(a => a.StartsWith(mine, StringComparison.Ordinal));
                        var actual = pint.Where(e => e.Names.Contains(name, StringComparer.OrdinalIgnoreCase) && e.Address.ToString().StartsWith(mine, StringComparison.Ordinal))
                            .Select(e => e.Address.ToString()).Order(StringComparer.Ordinal);
                        if (!expected.SequenceEqual(actual))
                            differences.AppendLine($"cut at '{text[Cut0..].ReplaceLineEndings("\\n")}': {name} {type}: dnsmasq [{string.Join(", ", expected)}], Pint [{string.Join(", ", actual)}]");
                    }
                }
            }
            Assert.True(differences.Length == 0, $"Pint reads cut hosts lines differently from dnsmasq 2.90:\n{differences}\ndnsmasq log:\n{reference.Log}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> Prefixes(string token) =>
        token.Length == 0 || char.IsDigit(token[0]) || token.Contains(':') ? [] : Enumerable.Range(1, token.Length).Select(n => token[..n]);
}
