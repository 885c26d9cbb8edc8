using Xunit;
using System.Net;
using Pint.Engine.Dns;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// Protocol behaviour through the pure responder. Expected values are what dnsmasq 2.90 answered for the same
/// config (domain=lab.test, expand-hosts, local=/lab.test/, domain-needed, bogus-priv, no upstream).
/// </summary>
public class DnsResponderTests
{
    internal static DnsServerOptions LabOptions(IReadOnlyList<ForwardServer>? servers = null, int localTtl = 0) => new()
    {
        Domain = "lab.test",
        ExpandHosts = true,
        DomainNeeded = true,
        BogusPriv = true,
        LocalTtl = localTtl,
        LocalDomains = ["lab.test"],
        Servers = servers ?? [],
        HostNames =
        [
            new("alpha", IPAddress.Parse("10.0.0.1")),
            new("multi", IPAddress.Parse("10.0.0.2")),
            new("multi", IPAddress.Parse("10.0.0.3")),
            new("other", IPAddress.Parse("10.0.0.2")),
            new("alpha", IPAddress.Parse("fd00::1")),
            new("nas.lab.test", IPAddress.Parse("10.77.0.5"), ExpandHosts: false),
            new("nas.lab.test", IPAddress.Parse("fd00::5"), ExpandHosts: false),
        ],
        MxEntries = [new("lab.test", "mail.lab.test", 10)],
        Cnames = [new("www.lab.test", "nas.lab.test"), new("ext.lab.test", "nowhere.example")],
        SrvEntries = [new("_ldap._tcp.lab.test", "nas.lab.test", 389, 1, 2)],
        TxtEntries = [new("lab.test", ["hello world", "v=x"])],
        PtrEntries = [new("_svc.lab.test", "nas.lab.test")],
        AddressRules = [new("ads.example", IPAddress.Any), new("blocked.example", null)],
    };

    private static DecodedReply Ask(DnsResponder responder, string name, DnsType type, int? edns = null, ushort flags = DnsFlags.RecursionDesired)
    {
        var output = new byte[65535];
        var result = responder.Respond(Query(name, type, edns: edns, flags: flags), output, overTcp: false);
        Assert.Equal(DnsResponderAction.Reply, result.Action);
        return Decode(output.AsSpan(0, result.Length));
    }

    [Fact]
    public void Hosts_name_answers_authoritatively_with_local_TTL_and_recursion_available()
    {
        var reply = Ask(new DnsResponder(LabOptions(localTtl: 30)), "alpha", DnsType.A);
        Assert.Equal(DnsRcode.NoError, reply.Rcode);
        Assert.True(reply.Authoritative);
        Assert.True(reply.Header.HasFlag(DnsFlags.RecursionAvailable));
        Assert.True(reply.Header.HasFlag(DnsFlags.RecursionDesired));
        var answer = Assert.Single(reply.Answers);
        Assert.Equal(("alpha", DnsType.A, 30u, "10.0.0.1"), (answer.Name, answer.Type, answer.Ttl, answer.Data));
    }

    [Fact]
    public void Question_case_is_echoed_in_question_and_answer()
    {
        var reply = Ask(new DnsResponder(LabOptions()), "ALPHA.Lab.TEST", DnsType.A);
        Assert.Equal("ALPHA.Lab.TEST", reply.Question);
        Assert.Equal("ALPHA.Lab.TEST", Assert.Single(reply.Answers).Name);
    }

    [Fact]
    public void Several_addresses_rotate_on_each_query()
    {
        var responder = new DnsResponder(LabOptions());
        var first = Ask(responder, "multi", DnsType.A).AnswerData;
        var second = Ask(responder, "multi", DnsType.A).AnswerData;
        Assert.Equal(["10.0.0.2", "10.0.0.3"], first.Order());
        Assert.Equal(first.Reverse(), second);
    }

    [Fact]
    public void Expand_hosts_answers_bare_name_under_domain_and_reverse_gives_first_full_name()
    {
        var responder = new DnsResponder(LabOptions());
        Assert.Equal(["10.0.0.1"], Ask(responder, "alpha.lab.test", DnsType.A).AnswerData);
        // 10.0.0.2 is "multi" then "other": the first name read wins.
        var ptr = Ask(responder, "2.0.0.10.in-addr.arpa", DnsType.PTR);
        Assert.True(ptr.Authoritative);
        Assert.Equal(["multi.lab.test"], ptr.AnswerData);
        Assert.Equal(["nas.lab.test"], Ask(responder, "5.0.77.10.in-addr.arpa", DnsType.PTR).AnswerData);
        Assert.Equal(["nas.lab.test"], Ask(responder, DnsName.ToText(DnsName.ReverseOf(IPAddress.Parse("fd00::5"))), DnsType.PTR).AnswerData);
    }

    [Fact]
    public void Host_record_is_not_expanded()
    {
        var responder = new DnsResponder(LabOptions());
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "nas.lab.test.lab.test", DnsType.A).Rcode);
    }

    [Fact]
    public void Local_domain_gives_no_data_for_known_name_and_NXDOMAIN_otherwise_without_AA()
    {
        var responder = new DnsResponder(LabOptions());
        var nodata = Ask(responder, "alpha.lab.test", DnsType.MX);
        Assert.Equal((DnsRcode.NoError, false, 0), (nodata.Rcode, nodata.Authoritative, nodata.Answers.Count));
        var nx = Ask(responder, "zzz.lab.test", DnsType.A);
        Assert.Equal((DnsRcode.NxDomain, false), (nx.Rcode, nx.Authoritative));
    }

    [Fact]
    public void Name_not_local_with_no_upstream_is_refused_with_extended_error_not_ready()
    {
        var responder = new DnsResponder(LabOptions());
        var reply = Ask(responder, "www.example.com", DnsType.A, edns: 1232);
        Assert.Equal(DnsRcode.Refused, reply.Rcode);
        var opt = Assert.Single(reply.Additional);
        Assert.Equal(DnsType.OPT, opt.Type);
        Assert.Equal("000F0002000E", opt.Data); // EDE option 15, info 14
        // A hosts name asked for a type it lacks is not answered locally either (dnsmasq forwards it).
        Assert.Equal(DnsRcode.Refused, Ask(responder, "alpha.example", DnsType.MX).Rcode);
    }

    [Fact]
    public void Domain_needed_keeps_bare_address_queries_local()
    {
        var responder = new DnsResponder(LabOptions());
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "nothere", DnsType.A).Rcode);
        var nodata = Ask(responder, "multi", DnsType.AAAA);
        Assert.Equal((DnsRcode.NoError, 0), (nodata.Rcode, nodata.Answers.Count));
        Assert.Equal(DnsRcode.Refused, Ask(responder, "nothere", DnsType.MX).Rcode); // only A/AAAA are kept back
    }

    [Fact]
    public void Bogus_priv_answers_private_reverse_lookups_NXDOMAIN_authoritatively()
    {
        var responder = new DnsResponder(LabOptions());
        var reply = Ask(responder, "1.1.168.192.in-addr.arpa", DnsType.PTR);
        Assert.Equal((DnsRcode.NxDomain, true), (reply.Rcode, reply.Authoritative));
        Assert.Equal(DnsRcode.Refused, Ask(responder, "8.8.8.8.in-addr.arpa", DnsType.PTR).Rcode);
    }

    [Fact]
    public void Address_rule_covers_subdomains_and_empty_rule_gives_NXDOMAIN()
    {
        var responder = new DnsResponder(LabOptions());
        Assert.Equal(["0.0.0.0"], Ask(responder, "x.ads.example", DnsType.A).AnswerData);
        Assert.True(Ask(responder, "ads.example", DnsType.A).Authoritative);
        Assert.Equal(DnsRcode.Refused, Ask(responder, "x.ads.example", DnsType.AAAA).Rcode); // IPv4 rule: AAAA goes on
        var blocked = Ask(responder, "sub.blocked.example", DnsType.MX);
        Assert.Equal((DnsRcode.NxDomain, false), (blocked.Rcode, blocked.Authoritative));
    }

    [Fact]
    public void CNAME_is_chased_to_local_target_and_stops_at_foreign_target()
    {
        var responder = new DnsResponder(LabOptions());
        var www = Ask(responder, "www.lab.test", DnsType.A);
        Assert.Equal([("www.lab.test", DnsType.CNAME, "nas.lab.test"), ("nas.lab.test", DnsType.A, "10.77.0.5")],
            www.Answers.Select(a => (a.Name, a.Type, a.Data)));
        Assert.True(www.Authoritative);
        Assert.Equal(["nas.lab.test"], Ask(responder, "www.lab.test", DnsType.MX).AnswerData);
        Assert.Equal(["nowhere.example"], Ask(responder, "ext.lab.test", DnsType.A).AnswerData);
    }

    [Fact]
    public void MX_SRV_TXT_and_PTR_records_answer()
    {
        var responder = new DnsResponder(LabOptions());
        Assert.Equal(["10 mail.lab.test"], Ask(responder, "lab.test", DnsType.MX).AnswerData);
        Assert.Equal(["hello world|v=x"], Ask(responder, "lab.test", DnsType.TXT).AnswerData);
        Assert.Equal(["nas.lab.test"], Ask(responder, "_svc.lab.test", DnsType.PTR).AnswerData);
        var srv = Ask(responder, "_ldap._tcp.lab.test", DnsType.SRV);
        Assert.Equal(["1 2 389 nas.lab.test"], srv.AnswerData);
        Assert.Equal(["fd00::5", "10.77.0.5"], srv.Additional.Select(a => a.Data));
    }

    [Theory]
    // Bytes dnsmasq 2.90 sent for these queries (ID 1, RD, no EDNS) with the lab config: RDATA names uncompressed,
    // owner names compressed, SRV glue AAAA before A.
    [InlineData("www.lab.test", DnsType.A, "00018580000100020000000003777777036c616204746573740000010001c00c0005000100000000000e036e6173036c6162047465737400c02a000100010000000000040a4d0005")]
    [InlineData("_ldap._tcp.lab.test", DnsType.SRV, "000185800001000100000002055f6c646170045f746370036c616204746573740000210001c00c00210001000000000014000100020185036e6173036c6162047465737400c037001c0001000000000010fd000000000000000000000000000005c037000100010000000000040a4d0005")]
    [InlineData("_svc.lab.test", DnsType.PTR, "000185800001000100000000045f737663036c6162047465737400000c0001c00c000c000100000000000e036e6173036c6162047465737400")]
    public void Local_answers_are_byte_for_byte_dnsmasqs(string name, DnsType type, string dnsmasqHex)
    {
        var output = new byte[512];
        var result = new DnsResponder(LabOptions()).Respond(Query(name, type, id: 1), output, overTcp: false);
        Assert.Equal(dnsmasqHex, Convert.ToHexString(output, 0, result.Length), ignoreCase: true);
    }

    [Fact]
    public void Any_returns_both_address_families()
    {
        Assert.Equal(["10.77.0.5", "fd00::5"], Ask(new DnsResponder(LabOptions()), "nas.lab.test", DnsType.ANY).AnswerData);
    }

    [Fact]
    public void EDNS_query_gets_OPT_with_packet_max_and_plain_query_gets_none()
    {
        var responder = new DnsResponder(LabOptions());
        var withEdns = Ask(responder, "alpha", DnsType.A, edns: 4096);
        var opt = Assert.Single(withEdns.Additional);
        Assert.Equal((DnsType.OPT, (ushort)1232), (opt.Type, opt.Class));
        Assert.Empty(Ask(responder, "alpha", DnsType.A).Additional);
    }

    [Theory]
    [InlineData(null, 30)]    // 512 bytes: 12 + 9 + 30 * 16 = 501
    [InlineData(600, 36)]
    [InlineData(4000, 75)]    // capped at edns-packet-max 1232: 21 + 75 * 16 = 1221, plus OPT = 1232
    public void Answers_that_do_not_fit_are_cut_and_truncated_like_dnsmasq(int? bufferSize, int expectedAnswers)
    {
        var hosts = Enumerable.Range(1, 120).Select(i => new LocalHostName("big", IPAddress.Parse($"10.1.{i / 200}.{i % 200 + 1}"))).ToList();
        var responder = new DnsResponder(new DnsServerOptions { HostNames = hosts });
        var reply = Ask(responder, "big", DnsType.A, edns: bufferSize);
        Assert.True(reply.Truncated);
        Assert.Equal(expectedAnswers, reply.Answers.Count);
    }

    [Fact]
    public void TCP_carries_the_whole_answer()
    {
        var hosts = Enumerable.Range(1, 60).Select(i => new LocalHostName("big", IPAddress.Parse($"fd00::{i:x}"))).ToList();
        var responder = new DnsResponder(new DnsServerOptions { HostNames = hosts });
        var output = new byte[65535];
        var result = responder.Respond(Query("big", DnsType.AAAA), output, overTcp: true);
        var reply = Decode(output.AsSpan(0, result.Length));
        Assert.False(reply.Truncated);
        Assert.Equal(60, reply.Answers.Count);
    }

    [Fact]
    public void DHCP_names_answer_forward_and_reverse_and_can_be_removed()
    {
        var responder = new DnsResponder(LabOptions());
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.120"));
        Assert.Equal(["10.77.0.120"], Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
        Assert.Equal(["10.77.0.120"], Ask(responder, "laptop", DnsType.A).AnswerData);
        Assert.Equal(["laptop.lab.test"], Ask(responder, "120.0.77.10.in-addr.arpa", DnsType.PTR).AnswerData);
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.121"));
        Assert.Equal(["10.77.0.121"], Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
        Assert.True(responder.DhcpNames.Remove("laptop"));
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "laptop.lab.test", DnsType.A).Rcode);
    }

    [Fact]
    public void A_dual_stack_host_keeps_its_IPv4_name_when_its_DHCPv6_lease_ends_and_the_other_way_round()
    {
        var responder = new DnsResponder(LabOptions());
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.120")); // DHCPv4
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("fd00:77::120")); // DHCPv6, same name
        Assert.Equal(["10.77.0.120"], Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
        Assert.Equal(["fd00:77::120"], Ask(responder, "laptop.lab.test", DnsType.AAAA).AnswerData);

        Assert.True(responder.DhcpNames.Remove("laptop", System.Net.Sockets.AddressFamily.InterNetworkV6));
        Assert.Equal(["10.77.0.120"], Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
        Assert.Empty(Ask(responder, "laptop.lab.test", DnsType.AAAA).AnswerData);
        Assert.Equal(["laptop.lab.test"], Ask(responder, "120.0.77.10.in-addr.arpa", DnsType.PTR).AnswerData);

        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("fd00:77::121"));
        Assert.True(responder.DhcpNames.Remove("laptop", System.Net.Sockets.AddressFamily.InterNetwork));
        Assert.Equal(["fd00:77::121"], Ask(responder, "laptop.lab.test", DnsType.AAAA).AnswerData);
        Assert.Equal(DnsRcode.NoError, Ask(responder, "laptop.lab.test", DnsType.A).Rcode);
        Assert.Empty(Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
    }

    [Fact]
    public void A_renewal_with_the_same_name_and_address_keeps_the_published_records()
    {
        var responder = new DnsResponder(LabOptions());
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.120"));
        var published = responder.DhcpNames.Find(DnsName.FromText("laptop.lab.test"));
        responder.DhcpNames.AddOrUpdate("laptop.", IPAddress.Parse("10.77.0.120")); // each ACK of a renewal says it again
        Assert.Same(published, responder.DhcpNames.Find(DnsName.FromText("laptop.lab.test")));
        responder.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.122"));
        Assert.Equal(["10.77.0.122"], Ask(responder, "laptop.lab.test", DnsType.A).AnswerData);
    }

    [Fact]
    public void Many_DHCP_names_answer_forward_and_reverse_and_moves_and_removals_take_their_records_along()
    {
        var responder = new DnsResponder(LabOptions());
        var names = responder.DhcpNames;
        for (int i = 0; i < 3000; i++) names.AddOrUpdate($"pc{i}", IPAddress.Parse($"10.80.{i / 256}.{i % 256}"));
        for (int i = 0; i < 3000; i += 97)
        {
            Assert.Equal([$"10.80.{i / 256}.{i % 256}"], Ask(responder, $"pc{i}.lab.test", DnsType.A).AnswerData);
            Assert.Equal([$"10.80.{i / 256}.{i % 256}"], Ask(responder, $"pc{i}", DnsType.A).AnswerData);
            Assert.Equal([$"pc{i}.lab.test"], Ask(responder, $"{i % 256}.{i / 256}.80.10.in-addr.arpa", DnsType.PTR).AnswerData);
        }

        // pc1 moves: its old address no longer points back at it.
        names.AddOrUpdate("pc1", IPAddress.Parse("10.81.0.1"));
        Assert.Equal(["10.81.0.1"], Ask(responder, "pc1.lab.test", DnsType.A).AnswerData);
        Assert.Equal(["pc1.lab.test"], Ask(responder, "1.0.81.10.in-addr.arpa", DnsType.PTR).AnswerData);
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "1.0.80.10.in-addr.arpa", DnsType.PTR).Rcode);

        // Two names on one address: the first keeps the PTR until it goes, then the other takes it.
        names.AddOrUpdate("printer", IPAddress.Parse("10.80.0.2"));
        Assert.Equal(["pc2.lab.test"], Ask(responder, "2.0.80.10.in-addr.arpa", DnsType.PTR).AnswerData);
        Assert.True(names.Remove("pc2"));
        Assert.Equal(["printer.lab.test"], Ask(responder, "2.0.80.10.in-addr.arpa", DnsType.PTR).AnswerData);
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "pc2.lab.test", DnsType.A).Rcode);

        for (int i = 3; i < 3000; i++) Assert.True(names.Remove($"pc{i}"));
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "pc2999", DnsType.A).Rcode);
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "183.11.80.10.in-addr.arpa", DnsType.PTR).Rcode);
        Assert.Equal(["10.81.0.1"], Ask(responder, "pc1", DnsType.A).AnswerData);
        Assert.False(names.Remove("pc3"));
    }

    [Fact]
    public void An_IPv6_DHCP_name_answers_AAAA_and_its_reverse_name()
    {
        var responder = new DnsResponder(LabOptions());
        responder.DhcpNames.AddOrUpdate("cam", IPAddress.Parse("fd00::77"));
        Assert.Equal(["fd00::77"], Ask(responder, "cam.lab.test", DnsType.AAAA).AnswerData);
        var reverse = string.Join('.', "fd000000000000000000000000000077".Reverse()) + ".ip6.arpa";
        Assert.Equal(["cam.lab.test"], Ask(responder, reverse, DnsType.PTR).AnswerData);
        Assert.True(responder.DhcpNames.Remove("cam"));
        Assert.Empty(Ask(responder, reverse, DnsType.PTR).AnswerData);
        Assert.Equal(DnsRcode.NxDomain, Ask(responder, "cam.lab.test", DnsType.AAAA).Rcode);
    }

    [Fact]
    public void Hosts_data_wins_over_DHCP_name()
    {
        var responder = new DnsResponder(LabOptions());
        responder.DhcpNames.AddOrUpdate("alpha", IPAddress.Parse("10.9.9.9"));
        Assert.Equal(["10.0.0.1"], Ask(responder, "alpha", DnsType.A).AnswerData);
    }

    [Theory]
    [InlineData(0x0900)] // opcode IQUERY
    [InlineData(0x2100)] // opcode NOTIFY
    public void Other_opcodes_are_not_answered_locally_and_refused_without_upstream(ushort flags)
    {
        var reply = Ask(new DnsResponder(LabOptions()), "alpha", DnsType.A, flags: flags);
        Assert.Equal(DnsRcode.Refused, reply.Rcode);
        Assert.Equal((flags & DnsFlags.OpcodeMask) >> 11, reply.Header.Opcode);
    }

    [Fact]
    public void Checking_disabled_is_echoed_and_authentic_data_is_not()
    {
        var responder = new DnsResponder(LabOptions());
        var reply = Ask(responder, "alpha", DnsType.A, flags: DnsFlags.RecursionDesired | DnsFlags.CheckingDisabled | DnsFlags.AuthenticData);
        Assert.True(reply.Header.HasFlag(DnsFlags.CheckingDisabled));
        Assert.False(reply.Header.HasFlag(DnsFlags.AuthenticData));
    }

    [Fact]
    public void Conditional_server_most_specific_domain_wins()
    {
        var general = new IPEndPoint(IPAddress.Loopback, 1053);
        var corp = new IPEndPoint(IPAddress.Loopback, 2053);
        var responder = new DnsResponder(new DnsServerOptions
        {
            Servers = [new(general), new(corp, ["corp.example"]), new(null, ["secret.corp.example"])],
        });
        var output = new byte[512];
        Assert.Equal([general], responder.Respond(Query("www.example.com", DnsType.A), output, false).Upstream!.Servers);
        Assert.Equal([corp], responder.Respond(Query("db.corp.example", DnsType.A), output, false).Upstream!.Servers);
        var local = responder.Respond(Query("x.secret.corp.example", DnsType.A), output, false);
        Assert.Equal(DnsResponderAction.Reply, local.Action);
        Assert.Equal(DnsRcode.NxDomain, Decode(output.AsSpan(0, local.Length)).Rcode);
    }

    [Fact]
    public void Use_standard_servers_sends_a_domain_inside_a_routed_or_local_domain_to_the_default_servers()
    {
        var general = new IPEndPoint(IPAddress.Loopback, 1053);
        var corp = new IPEndPoint(IPAddress.Loopback, 2053);
        var responder = new DnsResponder(new DnsServerOptions
        {
            Servers =
            [
                new(general), new(corp, ["corp.example"]), new(null, ["pub.corp.example"], UseStandardServers: true),
                new(null, ["lab.test"]), new(null, ["fwd.lab.test"], UseStandardServers: true),
                // dnsmasq: '#' wins over servers and local-only for the same domain, in either order
                new(null, ["both.example"], UseStandardServers: true), new(corp, ["both.example"]), new(null, ["both.example"]),
            ],
        });
        var output = new byte[512];
        Assert.Equal([corp], responder.Respond(Query("db.corp.example", DnsType.A), output, false).Upstream!.Servers);
        foreach (var name in new[] { "pub.corp.example", "www.pub.corp.example", "x.fwd.lab.test", "www.both.example" })
            Assert.Equal([general], responder.Respond(Query(name, DnsType.A), output, false).Upstream!.Servers);
        var local = responder.Respond(Query("x.lab.test", DnsType.A), output, false);
        Assert.Equal(DnsRcode.NxDomain, Decode(output.AsSpan(0, local.Length)).Rcode);
    }

    [Fact]
    public void Use_standard_servers_without_default_servers_is_refused_and_does_not_lift_bogus_priv()
    {
        var corp = new IPEndPoint(IPAddress.Loopback, 2053);
        var responder = new DnsResponder(new DnsServerOptions
        {
            Servers = [new(corp, ["corp.example"]), new(null, ["pub.corp.example"], UseStandardServers: true),
                new(null, ["168.192.in-addr.arpa"], UseStandardServers: true)],
            BogusPriv = true,
        });
        var output = new byte[512];
        var refused = responder.Respond(Query("www.pub.corp.example", DnsType.A), output, false);
        Assert.Equal(DnsRcode.Refused, Decode(output.AsSpan(0, refused.Length)).Rcode); // as dnsmasq: nowhere to send it
        var reverse = responder.Respond(Query("1.1.168.192.in-addr.arpa", DnsType.PTR), output, false);
        Assert.Equal(DnsResponderAction.Reply, reverse.Action);
        Assert.Equal(DnsRcode.NxDomain, Decode(output.AsSpan(0, reverse.Length)).Rcode);
    }
}
