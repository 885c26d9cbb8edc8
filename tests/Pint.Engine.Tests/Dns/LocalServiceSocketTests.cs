using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// local-service wired into the real server on 127.0.0.1 (loopback is always local; refusals are covered in network
/// namespaces by <see cref="LocalServiceNamespaceTests"/>).
/// </summary>
public class LocalServiceSocketTests
{
    [Fact]
    public async Task A_server_limited_to_local_networks_answers_loopback_and_says_what_it_admits()
    {
        var log = new List<string>();
        await using var server = new DnsServer(new DnsServerOptions
        {
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            HostNames = [new LocalHostName("nas", IPAddress.Parse("10.77.0.5"))],
            ClientScope = DnsClientScope.LocalNetworks,
            Log = line => { lock (log) log.Add(line); },
        }) { UdpLoopsPerSocket = 1 };
        Assert.Null(server.LocalNetworks); // nothing is watched before the server starts
        await server.StartAsync(CancellationToken.None);
        var endPoint = Assert.Single(server.BoundEndPoints);

        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(Query("nas", DnsType.A), endPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(["10.77.0.5"], Decode((await client.ReceiveAsync(timeout.Token)).Buffer).AnswerData);

        Assert.True(server.LocalNetworks!.Contains(IPAddress.Loopback));
        lock (log) Assert.Contains(log, l => l.StartsWith("DNS service limited to local subnets (local-service): ") && l.Contains("127.0.0.0/8"));
        Assert.Equal(0, server.Counters.RefusedNonLocal);
        await server.StopAsync();
    }
}
