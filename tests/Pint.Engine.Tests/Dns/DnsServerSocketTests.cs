using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>The real server over UDP and TCP on 127.0.0.1 ephemeral ports.</summary>
public class DnsServerSocketTests
{
    private static async Task<DecodedReply> UdpAskAsync(IPEndPoint server, byte[] query)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(query, server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await client.ReceiveAsync(timeout.Token);
        return Decode(received.Buffer);
    }

    [Fact]
    public async Task Answers_over_UDP_and_TCP_with_several_queries_per_connection()
    {
        using var upstream = new FakeUpstreamDns();
        var hosts = Enumerable.Range(1, 60).Select(i => new LocalHostName("big", IPAddress.Parse($"fd00::{i:x}"))).ToList();
        hosts.Add(new LocalHostName("nas", IPAddress.Parse("10.77.0.5")));
        await using var server = new DnsServer(new DnsServerOptions
        {
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            HostNames = hosts,
            Servers = [new(upstream.EndPoint)],
        }) { UdpLoopsPerSocket = 2 };
        await server.StartAsync(CancellationToken.None);
        var endPoint = Assert.Single(server.BoundEndPoints);
        Assert.NotEqual(0, endPoint.Port);

        Assert.Equal(["10.77.0.5"], (await UdpAskAsync(endPoint, Query("nas", DnsType.A))).AnswerData);
        Assert.Equal(["93.184.216.34"], (await UdpAskAsync(endPoint, Query("www.example.com", DnsType.A))).AnswerData);
        var truncated = await UdpAskAsync(endPoint, Query("big", DnsType.AAAA));
        Assert.True(truncated.Truncated);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
        var stream = tcp.GetStream();
        foreach (var (name, type, expected) in new[] { ("big", DnsType.AAAA, 60), ("nas", DnsType.A, 1), ("www.example.com", DnsType.A, 1) })
        {
            var decoded = Decode(await ExchangeTcpAsync(stream, Query(name, type)));
            Assert.False(decoded.Truncated);
            Assert.Equal(expected, decoded.Answers.Count);
        }
        Assert.True(server.Counters.Queries >= 6);
        Assert.True(server.Counters.CacheHits >= 1); // www.example.com over TCP came from the cache

        server.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("10.77.0.120"));
        Assert.Equal(["10.77.0.120"], (await UdpAskAsync(endPoint, Query("laptop", DnsType.A))).AnswerData);
        await server.StopAsync();
    }

    [Fact]
    public async Task Starting_on_a_port_in_use_gives_a_clear_error()
    {
        using var blocker = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)blocker.Client.LocalEndPoint!).Port;
        await using var server = new DnsServer(new DnsServerOptions { ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, port)] });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync(CancellationToken.None));
        Assert.Contains("cannot listen", error.Message);
    }
}
