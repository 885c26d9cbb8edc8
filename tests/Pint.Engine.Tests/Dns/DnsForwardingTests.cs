using System.Net;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>Forwarding, caching and failover through the real forwarder against fake upstream servers on loopback.</summary>
public class DnsForwardingTests
{
    /// <summary>One query as the server handles it: answered, or forwarded and completed. <paramref name="overTcp"/>: the client asked over TCP.</summary>
    internal static async Task<DecodedReply> AskAsync(DnsResponder responder, UpstreamForwarder forwarder, string name, DnsType type = DnsType.A, int? edns = null,
        bool overTcp = false)
    {
        var query = Query(name, type, id: 0x4242, edns: edns);
        var output = new byte[65535];
        var result = responder.Respond(query, output, overTcp);
        if (result.Action == DnsResponderAction.Forward)
        {
            var upstream = await forwarder.ExchangeAsync(result.Forward!, overTcp, CancellationToken.None);
            return Decode(output.AsSpan(0, responder.CompleteForward(result.Forward!, upstream, output, overTcp)));
        }
        return Decode(output.AsSpan(0, result.Length));
    }

    internal static (DnsResponder, UpstreamForwarder) Make(DnsServerOptions options, Func<long>? clock = null, UpstreamTcpPool? tcpPool = null)
    {
        var responder = new DnsResponder(options, clock);
        return (responder, new UpstreamForwarder(options.UpstreamTimeout, options.NegTtl, tcpPool));
    }

    [Fact]
    public async Task Upstream_authoritative_flag_is_passed_on_when_forwarded_and_dropped_on_cache_hits()
    {
        using var upstream = new FakeUpstreamDns { Authoritative = true };
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] });
        // dnsmasq 2.90 relays the upstream's AA, and answers the same name from its cache without AA.
        Assert.True((await AskAsync(responder, forwarder, "www.example.com")).Authoritative);
        Assert.False((await AskAsync(responder, forwarder, "www.example.com")).Authoritative);
        var nx = await AskAsync(responder, forwarder, "nx.example.com");
        Assert.Equal((DnsRcode.NxDomain, true), (nx.Rcode, nx.Authoritative));
        var cachedNx = await AskAsync(responder, forwarder, "nx.example.com");
        Assert.Equal((DnsRcode.NxDomain, false), (cachedNx.Rcode, cachedNx.Authoritative));
        Assert.True((await AskAsync(responder, forwarder, "tcp.example.com", overTcp: true)).Authoritative);
        Assert.Equal(3, upstream.Queries);
    }

    [Fact]
    public async Task Forwarded_reply_cut_to_the_clients_size_keeps_the_upstreams_authoritative_flag()
    {
        using var upstream = new FakeUpstreamDns { Authoritative = true };
        upstream.Addresses["mid.example.com"] = [.. Enumerable.Range(1, 40).Select(i => IPAddress.Parse($"10.8.0.{i}"))];
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] });
        var reply = await AskAsync(responder, forwarder, "mid.example.com"); // no EDNS: 512 bytes, the upstream sent 676
        Assert.Equal((true, true), (reply.Truncated, reply.Authoritative));
    }

    [Fact]
    public async Task Forwarded_answer_keeps_client_ID_and_uses_fresh_upstream_ID_with_EDNS()
    {
        using var upstream = new FakeUpstreamDns();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] });
        var reply = await AskAsync(responder, forwarder, "www.Example.com");
        Assert.Equal(0x4242, reply.Header.Id);
        Assert.Equal("www.Example.com", reply.Question);
        Assert.Equal((DnsRcode.NoError, false), (reply.Rcode, reply.Authoritative));
        Assert.Equal(["93.184.216.34"], reply.AnswerData);
        Assert.Empty(reply.Additional); // the client sent no EDNS, so no OPT back
        var seen = Assert.Single(upstream.Seen);
        Assert.True(seen.HasOpt); // dnsmasq adds EDNS to what it forwards
        Assert.Equal(1, responder.Counters.Forwarded);
    }

    [Fact]
    public async Task Second_query_is_a_cache_hit_with_aged_TTL()
    {
        using var upstream = new FakeUpstreamDns();
        long now = 1_000_000;
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] }, () => now);
        await AskAsync(responder, forwarder, "www.example.com");
        now += 100_000;
        var cached = await AskAsync(responder, forwarder, "WWW.example.com", edns: 1232);
        Assert.Equal(1, upstream.Queries);
        Assert.Equal("WWW.example.com", cached.Question);
        Assert.Equal(200u, Assert.Single(cached.Answers).Ttl);
        Assert.Equal(DnsType.OPT, Assert.Single(cached.Additional).Type);
        Assert.Equal(1, responder.Counters.CacheHits);
        now += 201_000; // expired
        await AskAsync(responder, forwarder, "www.example.com");
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task Negative_answers_are_cached_for_SOA_minimum_or_neg_TTL()
    {
        using var upstream = new FakeUpstreamDns();
        long now = 0;
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], NegTtl = 5 }, () => now);
        Assert.Equal(DnsRcode.NxDomain, (await AskAsync(responder, forwarder, "nx.example.com")).Rcode);
        now += 41_000;
        Assert.Equal(DnsRcode.NxDomain, (await AskAsync(responder, forwarder, "nx.example.com")).Rcode);
        Assert.Equal(1, upstream.Queries); // SOA minimum 42 s still covers it
        await AskAsync(responder, forwarder, "nodata.example.com");
        now += 4_000;
        await AskAsync(responder, forwarder, "nodata.example.com");
        Assert.Equal(2, upstream.Queries); // neg-ttl 5 s for the SOA-less NODATA
        now += 2_000;
        await AskAsync(responder, forwarder, "nodata.example.com");
        Assert.Equal(3, upstream.Queries);
    }

    [Fact]
    public async Task No_negcache_asks_upstream_again_for_each_negative_answer_and_still_caches_positive_ones()
    {
        using var upstream = new FakeUpstreamDns();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], NegTtl = 60, NoNegativeCache = true });
        await AskAsync(responder, forwarder, "nx.example.com");
        Assert.Equal(DnsRcode.NxDomain, (await AskAsync(responder, forwarder, "nx.example.com")).Rcode);
        await AskAsync(responder, forwarder, "nodata.example.com");
        await AskAsync(responder, forwarder, "nodata.example.com");
        Assert.Equal(4, upstream.Queries);
        await AskAsync(responder, forwarder, "www.example.com");
        await AskAsync(responder, forwarder, "www.example.com");
        Assert.Equal(5, upstream.Queries);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Clear_on_reload_empties_the_cache_on_every_reload(bool clearOnReload, int cachedAfter)
    {
        using var upstream = new FakeUpstreamDns();
        var options = new DnsServerOptions { Servers = [new(upstream.EndPoint)], ClearOnReload = clearOnReload };
        var (responder, forwarder) = Make(options);
        await AskAsync(responder, forwarder, "www.example.com");
        Assert.Equal(1, responder.Cache.Count);
        Assert.True(responder.Reconfigure(options with { }));
        Assert.Equal(cachedAfter, responder.Cache.Count);
    }

    [Fact]
    public async Task Cache_size_bounds_entries_and_evicts_least_recently_used()
    {
        using var upstream = new FakeUpstreamDns();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 2 });
        await AskAsync(responder, forwarder, "a.example");
        await AskAsync(responder, forwarder, "b.example");
        await AskAsync(responder, forwarder, "a.example"); // hit: a is now most recent
        await AskAsync(responder, forwarder, "c.example"); // evicts b
        Assert.Equal(2, responder.Cache.Count);
        await AskAsync(responder, forwarder, "a.example");
        Assert.Equal(3, upstream.Queries);
        await AskAsync(responder, forwarder, "b.example");
        Assert.Equal(4, upstream.Queries);
    }

    [Fact]
    public async Task Dead_server_times_out_and_next_server_answers_then_slow_one_drops_back()
    {
        using var dead = new FakeUpstreamDns { Silent = true };
        using var alive = new FakeUpstreamDns(IPAddress.Parse("192.0.2.7"));
        var options = new DnsServerOptions { Servers = [new(dead.EndPoint), new(alive.EndPoint)], UpstreamTimeout = TimeSpan.FromMilliseconds(200), CacheSize = 0 };
        var (responder, forwarder) = Make(options);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "one.example")).AnswerData);
        Assert.Equal(1, dead.Queries);
        await AskAsync(responder, forwarder, "two.example");
        Assert.Equal(1, dead.Queries); // the fastest (answering) server is asked first now
    }

    [Fact]
    public async Task Strict_order_always_asks_the_first_server_first()
    {
        using var dead = new FakeUpstreamDns { Silent = true };
        using var alive = new FakeUpstreamDns();
        var options = new DnsServerOptions { Servers = [new(dead.EndPoint), new(alive.EndPoint)], StrictOrder = true, UpstreamTimeout = TimeSpan.FromMilliseconds(150), CacheSize = 0 };
        var (responder, forwarder) = Make(options);
        await AskAsync(responder, forwarder, "one.example");
        await AskAsync(responder, forwarder, "two.example");
        Assert.Equal(2, dead.Queries);
    }

    [Fact]
    public async Task No_server_answering_gives_SERVFAIL()
    {
        using var dead = new FakeUpstreamDns { Silent = true };
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(dead.EndPoint)], UpstreamTimeout = TimeSpan.FromMilliseconds(100) });
        var reply = await AskAsync(responder, forwarder, "www.example.com", edns: 1232);
        Assert.Equal(DnsRcode.ServFail, reply.Rcode);
        Assert.Equal(1, responder.Counters.ServerFailures);
    }

    [Fact]
    public async Task Clear_cache_forgets_answers()
    {
        using var upstream = new FakeUpstreamDns();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] });
        await AskAsync(responder, forwarder, "www.example.com");
        responder.Cache.Clear();
        await AskAsync(responder, forwarder, "www.example.com");
        Assert.Equal(2, upstream.Queries);
    }

    [Fact]
    public async Task Upstream_IDs_and_source_ports_vary()
    {
        using var upstream = new FakeUpstreamDns();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 0 });
        for (int i = 0; i < 8; i++) await AskAsync(responder, forwarder, $"n{i}.example");
        Assert.True(upstream.Seen.Select(s => s.Id).Distinct().Count() > 4);
        Assert.True(upstream.Seen.Select(s => s.SourcePort).Distinct().Count() > 4);
    }

    [Fact]
    public void Upstream_query_IDs_do_not_repeat_or_pattern_across_refills_of_the_random_buffer()
    {
        // 1,000 IDs cross several refills of the per-thread buffer; from 65,536 values about 8 repeats are expected.
        var ids = Enumerable.Range(0, 1000).Select(_ => UpstreamQueryId.Next()).ToArray();
        Assert.True(ids.Distinct().Count() > 970, $"{ids.Distinct().Count()} distinct of 1000");
        Assert.InRange(ids.Count(id => (id & 1) == 1), 400, 600);
        Assert.InRange(ids.Count(id => id >= 0x8000), 400, 600);
    }
}
