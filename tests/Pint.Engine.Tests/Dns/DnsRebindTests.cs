using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// stop-dns-rebind without sockets: upstream replies are built here and handed to the responder as the forwarder
/// would. What is expected was observed on dnsmasq 2.90 (the differential test checks it against the real one).
/// </summary>
public class DnsRebindTests
{
    private const ushort UpstreamId = 0x5151;
    /// <summary>Completion does not ask upstream: the group the forward came with is not used.</summary>
    private static readonly UpstreamGroup NoServers = new([], strictOrder: false);

    private sealed record Answer(string Owner, DnsType Type, string Data);

    private static Answer Address(string owner, string address) =>
        new(owner, IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A, address);

    private static Answer Cname(string owner, string target) => new(owner, DnsType.CNAME, target);

    private static DnsResponder Responder(bool stopRebind = true, bool localhostOk = false, string[]? domainsOk = null, List<string>? log = null,
        IReadOnlyList<LocalHostName>? hosts = null) =>
        new(new DnsServerOptions
        {
            Servers = [new(new IPEndPoint(IPAddress.Loopback, 53))],
            StopDnsRebind = stopRebind,
            RebindLocalhostOk = localhostOk,
            RebindDomainsOk = domainsOk ?? [],
            HostNames = hosts ?? [],
            Log = log is null ? null : log.Add,
        });

    /// <summary>The upstream's reply to <paramref name="query"/> as the forwarder accepts it.</summary>
    private static UpstreamReply Upstream(byte[] query, params Answer[] answers)
    {
        Span<byte> nameBuffer = stackalloc byte[DnsFlags.MaxNameLength];
        Assert.Equal(DnsRejection.None, DnsQuery.Parse(query, nameBuffer, out var parsed));
        var buffer = new byte[1232];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(UpstreamId, 0x8180, 1, (ushort)answers.Length, 0, 0));
        writer.TryWriteQuestion(parsed.Name, parsed.Type, DnsFlags.ClassIn);
        foreach (var answer in answers)
        {
            var owner = DnsName.FromText(answer.Owner);
            if (answer.Type == DnsType.CNAME)
            {
                writer.TryWriteRecordStart(owner, DnsType.CNAME, 300, out int at);
                writer.TryWriteName(DnsName.FromText(answer.Data), compress: false);
                writer.TryEndRecord(at);
            }
            else writer.TryWriteRecord(owner, answer.Type, 300, IPAddress.Parse(answer.Data).GetAddressBytes());
        }
        Assert.Equal(DnsRejection.None, UpstreamReply.TryParse(buffer.AsSpan(0, writer.Position), UpstreamId, parsed.Name, parsed.Type, null, out var reply));
        return reply;
    }

    private static DecodedReply Complete(DnsResponder responder, byte[] query, params Answer[] answers)
    {
        var output = new byte[65535];
        return Decode(output.AsSpan(0, responder.CompleteForward(ForwardedQuery.Parse(query, NoServers)!, Upstream(query, answers), output, overTcp: false)));
    }

    private static bool IsBlocked(DecodedReply reply) =>
        reply.Rcode == DnsRcode.NoError && reply.Answers.Count == 0 && reply.Authority.Count == 0;

    [Fact]
    public void A_private_address_from_upstream_becomes_an_empty_answer_marked_blocked_and_is_not_cached()
    {
        var log = new List<string>();
        var responder = Responder(log: log);
        var query = Query("priv.test", DnsType.A, id: 0x0707, edns: 1232);
        var reply = Complete(responder, query, Address("priv.test", "192.168.1.1"));

        Assert.True(IsBlocked(reply));
        Assert.Equal((0x0707, false), (reply.Header.Id, reply.Authoritative));
        Assert.Equal("priv.test", reply.Question);
        var opt = Assert.Single(reply.Additional);
        Assert.Equal(DnsType.OPT, opt.Type);
        Assert.Equal("000F0002000F", opt.Data); // EDE option (15), length 2, info code 15 "Blocked"
        Assert.Equal(0, responder.Cache.Count);
        Assert.Equal(DnsResponderAction.Forward, responder.Respond(query, new byte[65535], overTcp: false).Action); // asked upstream again
        Assert.Equal(1, responder.Counters.RebindBlocked);
        Assert.Equal(["possible DNS-rebind attack detected: priv.test"], log);
    }

    [Fact]
    public void Without_edns_the_blocked_answer_carries_no_opt()
    {
        var reply = Complete(Responder(), Query("priv.test", DnsType.A), Address("priv.test", "10.1.2.3"));
        Assert.True(IsBlocked(reply));
        Assert.Empty(reply.Additional);
    }

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("169.254.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("192.0.2.200")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("255.255.255.255")]
    [InlineData("fd12::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void Private_ranges_are_blocked(string address)
    {
        var type = IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A;
        Assert.True(IsBlocked(Complete(Responder(), Query("rebind.test", type), Address("rebind.test", address))));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.64.0.1")]   // shared address space is not private to dnsmasq
    [InlineData("192.0.3.1")]
    [InlineData("224.0.0.1")]
    [InlineData("240.0.0.1")]
    [InlineData("fc00::1")]      // only fd00::/8 of the ULA range
    [InlineData("2606:2800:220:1::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::c0a8:101")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("ff02::1")]
    public void Public_addresses_pass_and_are_cached(string address)
    {
        var responder = Responder();
        var type = IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A;
        var reply = Complete(responder, Query("public.test", type), Address("public.test", address));
        Assert.Equal([address], reply.AnswerData);
        Assert.Equal(1, responder.Cache.Count);
        Assert.Equal(0, responder.Counters.RebindBlocked);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("0.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("fd00::1", false)]
    public void Rebind_localhost_ok_lets_loopback_and_this_network_through(string address, bool passes)
    {
        var type = IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A;
        var reply = Complete(Responder(localhostOk: true), Query("rbl.test", type), Address("rbl.test", address));
        Assert.Equal(passes, reply.Answers.Count == 1);
    }

    [Fact]
    public void Rebind_domain_ok_exempts_the_domain_and_below_by_question_name()
    {
        var responder = Responder(domainsOk: ["ok.test"]);
        Assert.Equal(["10.1.1.1"], Complete(responder, Query("ok.test", DnsType.A), Address("ok.test", "10.1.1.1")).AnswerData);
        Assert.Equal(["10.1.1.2"], Complete(responder, Query("Sub.OK.test", DnsType.A), Address("sub.ok.test", "10.1.1.2")).AnswerData);
        Assert.True(IsBlocked(Complete(responder, Query("notok.test", DnsType.A), Address("notok.test", "10.1.1.3"))));
        // The question decides, not where a CNAME leads (as dnsmasq).
        Assert.True(IsBlocked(Complete(responder, Query("alias.test", DnsType.A), Cname("alias.test", "ok.test"), Address("ok.test", "10.1.1.1"))));
    }

    [Fact]
    public void A_cname_chain_ending_at_a_private_address_is_blocked_and_logged_by_the_target()
    {
        var log = new List<string>();
        var responder = Responder(log: log);
        Assert.True(IsBlocked(Complete(responder, Query("cnpriv.test", DnsType.A), Cname("cnpriv.test", "tgt.test"), Address("tgt.test", "192.168.1.5"))));
        Assert.Equal(["possible DNS-rebind attack detected: tgt.test"], log);
        var passed = Complete(responder, Query("cnpub.test", DnsType.A), Cname("cnpub.test", "pubtgt.test"), Address("pubtgt.test", "93.184.216.35"));
        Assert.Equal(["pubtgt.test", "93.184.216.35"], passed.AnswerData);
    }

    [Fact]
    public void One_private_address_among_public_ones_blocks_the_whole_answer()
    {
        Assert.True(IsBlocked(Complete(Responder(), Query("mix.test", DnsType.A), Address("mix.test", "93.184.216.34"), Address("mix.test", "192.168.1.1"))));
    }

    [Fact]
    public void Only_a_and_aaaa_questions_are_checked_as_dnsmasq_does()
    {
        var responder = Responder();
        var any = Complete(responder, Query("any.test", DnsType.ANY), Address("any.test", "192.168.1.9"), Address("any.test", "fd00::9"));
        Assert.Equal(["192.168.1.9", "fd00::9"], any.AnswerData);
        // An AAAA record in an A answer is not of the asked type: not looked at.
        Assert.Single(Complete(responder, Query("odd.test", DnsType.A), Address("odd.test", "93.1.1.1"), Address("odd.test", "fd00::1")).Answers, a => a.Type == DnsType.A);
    }

    [Fact]
    public void Without_stop_dns_rebind_private_answers_pass()
    {
        Assert.Equal(["192.168.1.1"], Complete(Responder(stopRebind: false), Query("priv.test", DnsType.A), Address("priv.test", "192.168.1.1")).AnswerData);
    }

    [Fact]
    public void Local_names_with_private_addresses_are_answered()
    {
        var responder = Responder(hosts: [new LocalHostName("localpriv.test", IPAddress.Parse("192.168.7.7"))]);
        var output = new byte[65535];
        var result = responder.Respond(Query("localpriv.test", DnsType.A), output, overTcp: false);
        Assert.Equal(DnsResponderAction.Reply, result.Action);
        Assert.Equal(["192.168.7.7"], Decode(output.AsSpan(0, result.Length)).AnswerData);
    }

    [Fact]
    public void Turning_rebind_protection_on_by_reload_drops_what_was_cached_before()
    {
        var before = new DnsServerOptions { Servers = [new(new IPEndPoint(IPAddress.Loopback, 53))] };
        var responder = new DnsResponder(before);
        Complete(responder, Query("priv.test", DnsType.A), Address("priv.test", "192.168.1.1"));
        Assert.Equal(1, responder.Cache.Count);
        Assert.True(responder.Reconfigure(new DnsServerOptions { Servers = before.Servers, StopDnsRebind = true }));
        Assert.Equal(0, responder.Cache.Count);
    }
}
