using Pint.Engine.Tests.Dhcp.Integration;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// DHCPv6 names into DNS with real clients: dhclient -6 sending <c>fqdn.fqdn</c> and dhcpcd -h get their names, which
/// answer AAAA and the ip6.arpa PTR from Pint's DNS exactly as from dnsmasq 2.90 on the same config (status, flags and
/// records, asked with dig inside the lab's server namespace), and go when the client releases (NXDOMAIN, as dnsmasq).
/// </summary>
[Collection("dhcp-netns")]
public class Dhcp6NameRealClientTests
{
    private const string ClientDuid = "00:03:00:01:52:54:00:00:00:39";
    private const int DnsPort = 5353;

    private static string Config(Dhcp6Lab lab, string name, string extra = "")
    {
        var path = Path.Combine(lab.Directory, name + ".conf");
        // local= makes the lab's names and reverse zone answer NXDOMAIN once gone (no upstream is reachable).
        File.WriteAllText(path, $"""
            port={DnsPort}
            no-resolv
            no-hosts
            domain=lab.test
            local=/lab.test/
            local=/7.7.0.0.0.0.d.f.ip6.arpa/
            dhcp-range={Dhcp6Lab.Range},64,12h
            dhcp-option=option6:dns-server,[::],[fd00:77::53]
            dhcp-option=option6:domain-search,lab.test
            dhcp-leasefile={lab.LeaseFile(name)}
            {extra}
            """);
        return path;
    }

    private static DigResponse Dig(Dhcp6Lab lab, string query)
    {
        var (_, output) = NetnsLab.Run("ip", $"netns exec {lab.Net.ServerNamespace} dig @::1 -p {DnsPort} +norec +time=2 +tries=2 {query}");
        return DigResponse.Parse(output, ignoreTtl: false);
    }

    private sealed record Served(IReadOnlyDictionary<string, string> Dhclient, IReadOnlyDictionary<string, string> Dhcpcd,
        List<(string Query, DigResponse Answer)> Answers, string[] LeaseNames);

    [Fact]
    public void Client_names_answer_AAAA_and_PTR_from_Pint_as_from_dnsmasq_and_release_removes_them()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhclient", "dhcpcd", "dnsmasq", "dig", "ss");
        if (lab is null) return;
        var nic = lab.Net.ClientLink;

        Served Serve(bool pint, string name)
        {
            var config = Config(lab, name);
            var server = pint ? lab.StartPint(config) : lab.StartDnsmasq(config);
            try
            {
                var dhcpcd = lab.Dhcpcd(nic, hostName: "beta") ?? throw new Xunit.Sdk.XunitException($"{name}: dhcpcd got nothing");
                var dhclient = lab.Dhclient(nic, ClientDuid, fqdn: "alpha") ?? throw new Xunit.Sdk.XunitException($"{name}: dhclient got nothing");
                var alpha = dhclient["new_ip6_address"];
                var beta = dhcpcd["new_dhcp6_ia_na1_ia_addr1"];
                var answers = new List<(string, DigResponse)>();
                void Ask(string query) => answers.Add((query, Dig(lab, query)));
                Ask("alpha.lab.test AAAA");
                Ask("alpha AAAA");
                Ask($"-x {alpha}");
                Ask("beta.lab.test AAAA");
                Ask($"-x {beta}");
                Ask("alpha.lab.test A");
                var leaseNames = lab.ReadLeaseFile(name).Leases.Select(l => l.Split(' ')[3]).Order().ToArray();

                lab.DhclientRelease(nic);
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (Dig(lab, "alpha.lab.test AAAA").Status != "NXDOMAIN" && DateTime.UtcNow < deadline) Thread.Sleep(100);
                Ask("alpha.lab.test AAAA");
                Ask($"-x {alpha}");
                Ask("beta.lab.test AAAA");
                return new Served(dhclient, dhcpcd, answers, leaseNames);
            }
            finally
            {
                Dhcp6Lab.Stop(server);
            }
        }

        var dnsmasq = Serve(false, "dnsmasq");
        var pint = Serve(true, "pint");

        // The clients were given the same addresses and names by both.
        foreach (var field in new[] { "new_ip6_address", "new_fqdn_fqdn", "new_fqdn_server_update", "new_fqdn_no_client_update" })
            Assert.True(dnsmasq.Dhclient.GetValueOrDefault(field) == pint.Dhclient.GetValueOrDefault(field),
                $"dhclient {field}: dnsmasq gave '{dnsmasq.Dhclient.GetValueOrDefault(field)}', Pint '{pint.Dhclient.GetValueOrDefault(field)}'");
        Assert.Equal("alpha.lab.test", pint.Dhclient["new_fqdn_fqdn"]);
        foreach (var field in new[] { "new_dhcp6_ia_na1_ia_addr1", "new_dhcp6_fqdn", "new_dhcp6_fqdn_flags" })
            Assert.True(dnsmasq.Dhcpcd.GetValueOrDefault(field) == pint.Dhcpcd.GetValueOrDefault(field),
                $"dhcpcd {field}: dnsmasq gave '{dnsmasq.Dhcpcd.GetValueOrDefault(field)}', Pint '{pint.Dhcpcd.GetValueOrDefault(field)}'");
        Assert.Equal("beta.lab.test", pint.Dhcpcd["new_dhcp6_fqdn"]);
        Assert.Equal(dnsmasq.LeaseNames, pint.LeaseNames);
        Assert.Equal(["alpha", "beta"], pint.LeaseNames);

        // Pint answered what dnsmasq answered, query by query.
        var differences = dnsmasq.Answers.Zip(pint.Answers)
            .Select(p => (p.First.Query, Diff: DigResponse.Diff(p.First.Answer, p.Second.Answer)))
            .Where(d => d.Diff.Length > 0).Select(d => $"{d.Query}:\n{d.Diff}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));

        // And what it answered is the names: before the release, alpha's AAAA and PTR and beta's; after it, NXDOMAIN.
        var alphaAddress = pint.Dhclient["new_ip6_address"];
        var answers = pint.Answers;
        Assert.Equal([$"alpha.lab.test. 0 IN AAAA {alphaAddress}"], answers[0].Answer.Sections["ANSWER"]);
        Assert.Equal([$"alpha. 0 IN AAAA {alphaAddress}"], answers[1].Answer.Sections["ANSWER"]);
        Assert.Equal("PTR alpha.lab.test.", string.Join(' ', Assert.Single(answers[2].Answer.Sections["ANSWER"]).Split(' ')[^2..]));
        Assert.Equal([$"beta.lab.test. 0 IN AAAA {pint.Dhcpcd["new_dhcp6_ia_na1_ia_addr1"]}"], answers[3].Answer.Sections["ANSWER"]);
        Assert.Equal("PTR beta.lab.test.", string.Join(' ', Assert.Single(answers[4].Answer.Sections["ANSWER"]).Split(' ')[^2..]));
        Assert.Equal(("NXDOMAIN", "NXDOMAIN"), (answers[6].Answer.Status, answers[7].Answer.Status));
        Assert.Single(answers[8].Answer.Sections["ANSWER"]);
    }

    [Fact]
    public void A_dhcp_host_name_for_the_DUID_answers_without_an_FQDN_from_the_client_as_from_dnsmasq()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhclient", "dnsmasq", "dig", "ss");
        if (lab is null) return;
        var nic = lab.Net.ClientLink;

        (IReadOnlyDictionary<string, string> Dhclient, List<(string Query, DigResponse Answer)> Answers) Serve(bool pint, string name)
        {
            var config = Config(lab, name, $"dhcp-host=id:{ClientDuid},gamma");
            var server = pint ? lab.StartPint(config) : lab.StartDnsmasq(config);
            try
            {
                var dhclient = lab.Dhclient(nic, ClientDuid) ?? throw new Xunit.Sdk.XunitException($"{name}: dhclient got nothing");
                var answers = new List<(string, DigResponse)>();
                void Ask(string query) => answers.Add((query, Dig(lab, query)));
                Ask("gamma.lab.test AAAA");
                Ask($"-x {dhclient["new_ip6_address"]}");
                lab.DhclientRelease(nic);
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (Dig(lab, "gamma.lab.test AAAA").Status != "NXDOMAIN" && DateTime.UtcNow < deadline) Thread.Sleep(100);
                Ask("gamma.lab.test AAAA");
                Ask($"-x {dhclient["new_ip6_address"]}");
                return (dhclient, answers);
            }
            finally
            {
                Dhcp6Lab.Stop(server);
            }
        }

        var dnsmasq = Serve(false, "dnsmasq");
        var pint = Serve(true, "pint");
        foreach (var field in new[] { "new_ip6_address", "new_fqdn_fqdn", "new_fqdn_server_update" })
            Assert.True(dnsmasq.Dhclient.GetValueOrDefault(field) == pint.Dhclient.GetValueOrDefault(field),
                $"dhclient {field}: dnsmasq gave '{dnsmasq.Dhclient.GetValueOrDefault(field)}', Pint '{pint.Dhclient.GetValueOrDefault(field)}'");
        Assert.Equal("gamma.lab.test", pint.Dhclient["new_fqdn_fqdn"]);
        var differences = dnsmasq.Answers.Zip(pint.Answers)
            .Select(p => (p.First.Query, Diff: DigResponse.Diff(p.First.Answer, p.Second.Answer)))
            .Where(d => d.Diff.Length > 0).Select(d => $"{d.Query}:\n{d.Diff}").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal([$"gamma.lab.test. 0 IN AAAA {pint.Dhclient["new_ip6_address"]}"], pint.Answers[0].Answer.Sections["ANSWER"]);
        Assert.EndsWith("PTR gamma.lab.test.", Assert.Single(pint.Answers[1].Answer.Sections["ANSWER"]));
        Assert.Equal(("NXDOMAIN", "NXDOMAIN"), (pint.Answers[2].Answer.Status, pint.Answers[3].Answer.Status));
    }
}
