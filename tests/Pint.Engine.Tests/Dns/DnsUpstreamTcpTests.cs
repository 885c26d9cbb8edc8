using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsForwardingTests;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// Forwarding over TCP: a query a client asked over TCP goes upstream over TCP (whole answers, however large), on a
/// pooled connection that is reused, replaced when the server closed it, and given up like a silent UDP server.
/// A UDP client still gets the upstream's TC, as from dnsmasq.
/// </summary>
public class DnsUpstreamTcpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);

    private static IPAddress[] Hundred() => [.. Enumerable.Range(1, 100).Select(i => IPAddress.Parse($"10.9.{i / 250}.{i % 250}"))];

    [Fact]
    public async Task A_tcp_client_gets_a_large_upstream_answer_whole_over_one_reused_connection()
    {
        using var upstream = new FakeUpstreamDns();
        upstream.Addresses["big.example.com"] = Hundred();
        using var pool = new UpstreamTcpPool();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 0 }, tcpPool: pool);

        var reply = await AskAsync(responder, forwarder, "big.example.com", overTcp: true);
        Assert.Equal((false, 100), (reply.Truncated, reply.Answers.Count));
        Assert.Equal(["93.184.216.34"], (await AskAsync(responder, forwarder, "www.example.com", overTcp: true)).AnswerData);
        Assert.Equal((2, 2, 1), (upstream.Queries, upstream.TcpQueries, upstream.TcpConnections));
        Assert.Equal(1, pool.IdleCount);
    }

    [Fact]
    public async Task A_udp_client_gets_the_upstreams_truncated_answer_and_nothing_is_cached()
    {
        using var upstream = new FakeUpstreamDns();
        upstream.Addresses["big.example.com"] = Hundred();
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)] });

        var reply = await AskAsync(responder, forwarder, "big.example.com", edns: 1232);
        Assert.Equal((true, 0), (reply.Truncated, reply.Answers.Count)); // dnsmasq relays TC; the client retries over TCP
        Assert.Equal(0, upstream.TcpQueries);
        Assert.Equal(0, responder.Cache.Count);
        Assert.Equal(100, (await AskAsync(responder, forwarder, "big.example.com", overTcp: true)).Answers.Count);
    }

    [Fact]
    public async Task A_server_that_closes_after_each_reply_gets_a_new_connection_each_time()
    {
        using var upstream = new FakeUpstreamDns { CloseTcpAfterReply = true };
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 0, UpstreamTimeout = TimeSpan.FromSeconds(5) });
        for (int i = 0; i < 3; i++)
        {
            await Task.Delay(50); // the close has arrived: the idle connection is seen to be closed
            Assert.Equal(DnsRcode.NoError, (await AskAsync(responder, forwarder, $"n{i}.example", overTcp: true)).Rcode);
        }
        Assert.Equal((3, 3), (upstream.TcpQueries, upstream.TcpConnections));
        Assert.Equal(0, responder.Counters.ServerFailures);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closes_on_the_next_query_is_replaced_once()
    {
        using var upstream = new FakeUpstreamDns { TcpRepliesPerConnection = 1 };
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 0, UpstreamTimeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(DnsRcode.NoError, (await AskAsync(responder, forwarder, "one.example", overTcp: true)).Rcode);
        Assert.Equal(DnsRcode.NoError, (await AskAsync(responder, forwarder, "two.example", overTcp: true)).Rcode);
        Assert.Equal((3, 2), (upstream.TcpQueries, upstream.TcpConnections)); // two.example asked on the old one, then on a new one
        Assert.Equal(0, responder.Counters.ServerFailures);
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_the_idle_timeout()
    {
        using var upstream = new FakeUpstreamDns();
        using var pool = new UpstreamTcpPool(idleTimeout: TimeSpan.FromMilliseconds(200));
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], CacheSize = 0 }, tcpPool: pool);
        await AskAsync(responder, forwarder, "one.example", overTcp: true);
        Assert.Equal(1, pool.IdleCount);
        for (int i = 0; i < 50 && pool.IdleCount > 0; i++) await Task.Delay(50);
        Assert.Equal(0, pool.IdleCount);
        await AskAsync(responder, forwarder, "two.example", overTcp: true);
        Assert.Equal(2, upstream.TcpConnections);
    }

    [Fact]
    public async Task The_pool_keeps_at_most_its_bound_of_idle_connections_per_server()
    {
        using var upstream = new FakeUpstreamDns();
        using var pool = new UpstreamTcpPool(maxIdlePerServer: 2);
        var sockets = new List<Socket>();
        for (int i = 0; i < 4; i++) sockets.Add(await UpstreamTcpPool.ConnectAsync(upstream.EndPoint, CancellationToken.None));
        foreach (var socket in sockets) pool.Return(upstream.EndPoint, socket);
        Assert.Equal(2, pool.IdleCount);
        Assert.NotNull(pool.TryTake(upstream.EndPoint));
        Assert.NotNull(pool.TryTake(upstream.EndPoint));
        Assert.Null(pool.TryTake(upstream.EndPoint));
        foreach (var socket in sockets) socket.Dispose();
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_moves_on_to_the_next_server()
    {
        using var silent = new FakeUpstreamDns(IPAddress.Parse("203.0.113.66")) { SilentTcp = true };
        using var good = new FakeUpstreamDns(IPAddress.Parse("192.0.2.7"));
        var options = new DnsServerOptions { Servers = [new(silent.EndPoint), new(good.EndPoint)], StrictOrder = true, UpstreamTimeout = Timeout };
        var (responder, forwarder) = Make(options);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com", overTcp: true)).AnswerData);
        Assert.Equal((1, 1), (silent.TcpQueries, good.TcpQueries));
    }

    [Fact]
    public async Task A_refused_connection_moves_on_and_no_server_answering_gives_servfail()
    {
        using var noListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        noListener.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never listening: connections are refused
        var refused = (IPEndPoint)noListener.LocalEndPoint!;
        using var good = new FakeUpstreamDns(IPAddress.Parse("192.0.2.7"));
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(refused), new(good.EndPoint)], StrictOrder = true, UpstreamTimeout = Timeout });
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com", overTcp: true)).AnswerData);

        using var silent = new FakeUpstreamDns { SilentTcp = true };
        (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(refused), new(silent.EndPoint)], UpstreamTimeout = Timeout });
        var reply = await AskAsync(responder, forwarder, "www.example.com", overTcp: true);
        Assert.Equal(DnsRcode.ServFail, reply.Rcode);
        Assert.Equal(1, responder.Counters.ServerFailures);
    }

    [Fact]
    public async Task The_server_answers_a_tcp_client_with_an_upstream_answer_larger_than_udp_allows()
    {
        using var upstream = new FakeUpstreamDns(typed: true);
        upstream.Addresses["big.example.com"] = Hundred();
        await using var server = new DnsServer(new DnsServerOptions { ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)], Servers = [new(upstream.EndPoint)] });
        await server.StartAsync(CancellationToken.None);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BoundEndPoints[0]);
        var reply = await ExchangeTcpAsync(tcp.GetStream(), Query("big.example.com", DnsType.A, edns: 1232));
        var decoded = Decode(reply);
        Assert.Equal((false, 100), (decoded.Truncated, decoded.Answers.Count));
        Assert.True(reply.Length > 1232);
        Assert.Equal(1, upstream.TcpQueries);
        await server.StopAsync();
    }
}
