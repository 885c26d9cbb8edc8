using Pint.Engine.Tests.Dhcp.Integration;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// ra-names with real clients, dnsmasq 2.90 and Pint on one config: the client namespace's kernel does SLAAC
/// (EUI-64) from the server's RAs, dhclient takes a DHCPv4 lease sending a host name, and the server's ping of the
/// guessed SLAAC address makes the name answer AAAA and its ip6.arpa PTR. A second named client that does no SLAAC
/// gets no AAAA. Then the release takes the names away. Every answer (dig in the server namespace) must agree.
/// </summary>
[Collection("dhcp-netns")]
public class RaNamesRealClientTests
{
    private const int DnsPort = 5353;
    private const string Mac = "52:54:00:12:34:56";
    private const string Slaac = "fd00:77::5054:ff:fe12:3456";

    private static string Config(Dhcp6Lab lab, string name)
    {
        var path = Path.Combine(lab.Directory, name + ".conf");
        // local= makes the names and the reverse zone answer NXDOMAIN once gone (no upstream is reachable).
        File.WriteAllText(path, $"""
            port={DnsPort}
            no-resolv
            no-hosts
            no-ping
            domain=lab.test
            local=/lab.test/
            local=/7.7.0.0.0.0.d.f.ip6.arpa/
            dhcp-range=10.77.0.100,10.77.0.200,12h
            dhcp-range=fd00:77::,ra-names,64,12h
            dhcp-leasefile={lab.LeaseFile(name)}
            """);
        return path;
    }

    private static DigResponse Dig(Dhcp6Lab lab, string query)
    {
        var (_, output) = NetnsLab.Run("ip", $"netns exec {lab.Net.ServerNamespace} dig @::1 -p {DnsPort} +norec +time=2 +tries=2 {query}");
        return DigResponse.Parse(output, ignoreTtl: false);
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            Thread.Sleep(200);
        }
    }

    private sealed record Served(List<(string Query, DigResponse Answer)> Answers, TimeSpan Confirmed);

    [Fact]
    public void A_slaac_hosts_DHCPv4_name_answers_AAAA_and_PTR_from_Pint_as_from_dnsmasq()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dnsmasq", "dhclient", "udhcpc", "dig", "ss");
        if (lab is null) return;
        var ns = lab.Net.ClientNamespace;
        // New interfaces in the client namespace make EUI-64 addresses (addr_gen_mode=0) and take RAs.
        Assert.Equal(0, lab.Net.InClient("sysctl", "-qw net.ipv6.conf.default.addr_gen_mode=0 net.ipv6.conf.default.accept_ra=1 net.ipv6.conf.default.autoconf=1").ExitCode);

        Served Serve(bool pint, string name)
        {
            // Fresh client interfaces each round: no SLAAC address or lease left from the other server.
            var host = lab.Net.AddClientInterface(Mac);
            var other = lab.Net.AddClientInterface("52:54:00:12:34:57");
            Assert.Equal(0, lab.Net.InClient("sysctl", $"-qw net.ipv6.conf.{other}.autoconf=0").ExitCode);
            var config = Config(lab, name);
            var server = pint ? lab.StartPint(config) : lab.Net.StartInServer("dnsmasq", $"-C {config} -k --log-facility=- --pid-file= -u root");
            try
            {
                lab.Net.WaitForUdpListener(67, server, TimeSpan.FromSeconds(20));
                WaitFor(() => NetnsLab.Run("ip", $"-n {ns} -6 addr show dev {host}").Output is var shown
                    && shown.Contains(Slaac + "/64", StringComparison.Ordinal) && !shown.Contains("tentative", StringComparison.Ordinal),
                    TimeSpan.FromSeconds(20), $"{name}: the client's SLAAC address {Slaac}");
                var bound = DhcpClients.Dhclient(lab.Net, host, "alpha") ?? throw new Xunit.Sdk.XunitException($"{name}: dhclient got no lease");
                var started = DateTime.UtcNow;
                Assert.NotNull(DhcpClients.Udhcpc(lab.Net, other, "nope", tries: 8));
                // The probe: dnsmasq pings at once, then after 1-4 s, 2-5 s, ...; allow a few of them.
                WaitFor(() => Dig(lab, "alpha.lab.test AAAA").Sections["ANSWER"].Count > 0, TimeSpan.FromSeconds(15), $"{name}: alpha.lab.test AAAA");
                var confirmed = DateTime.UtcNow - started;
                var answers = new List<(string, DigResponse)>();
                void Ask(string query) => answers.Add((query, Dig(lab, query)));
                Ask("alpha.lab.test AAAA");
                Ask("alpha AAAA");
                Ask($"-x {Slaac}");
                Ask("alpha.lab.test A");
                Ask("nope.lab.test AAAA");
                Ask("nope.lab.test A");

                lab.Net.Configure(host, bound["new_ip_address"]);
                DhcpClients.DhclientRelease(lab.Net, host);
                WaitFor(() => Dig(lab, "alpha.lab.test AAAA").Status == "NXDOMAIN" && Dig(lab, $"-x {Slaac}").Status == "NXDOMAIN",
                    TimeSpan.FromSeconds(10), $"{name}: the names to go after the release");
                Ask("alpha.lab.test AAAA");
                Ask($"-x {Slaac}");
                Ask("nope.lab.test A");
                return new Served(answers, confirmed);
            }
            finally
            {
                Dhcp6Lab.Stop(server);
                NetnsLab.Run("ip", $"-n {ns} link del {host}");
                NetnsLab.Run("ip", $"-n {ns} link del {other}");
            }
        }

        var dnsmasq = Serve(false, "dnsmasq");
        var pint = Serve(true, "pint");

        var differences = dnsmasq.Answers.Zip(pint.Answers)
            .Select(p => (p.First.Query, Diff: DigResponse.Diff(p.First.Answer, p.Second.Answer)))
            .Where(d => d.Diff.Length > 0).Select(d => $"{d.Query}:\n{d.Diff}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // And what both answered is the guess: alpha's AAAA and PTR, none for nope, nothing after the release.
        var answers = pint.Answers;
        Assert.Equal([$"alpha.lab.test. 0 IN AAAA {Slaac}"], answers[0].Answer.Sections["ANSWER"]);
        Assert.Equal([$"alpha. 0 IN AAAA {Slaac}"], answers[1].Answer.Sections["ANSWER"]);
        Assert.Equal("PTR alpha.lab.test.", string.Join(' ', Assert.Single(answers[2].Answer.Sections["ANSWER"]).Split(' ')[^2..]));
        Assert.Empty(answers[4].Answer.Sections["ANSWER"]);
        Assert.Single(answers[5].Answer.Sections["ANSWER"]);
        Assert.Equal(("NXDOMAIN", "NXDOMAIN"), (answers[6].Answer.Status, answers[7].Answer.Status));
        Assert.Single(answers[8].Answer.Sections["ANSWER"]);
        Assert.True(pint.Confirmed < TimeSpan.FromSeconds(10), $"Pint confirmed the guess after {pint.Confirmed.TotalSeconds:0.0} s (dnsmasq: {dnsmasq.Confirmed.TotalSeconds:0.0} s)");
    }
}
