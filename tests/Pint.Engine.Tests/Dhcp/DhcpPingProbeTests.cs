using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Server;
using Pint.Engine.Dhcp.Wire;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// dnsmasq pings an address before offering it unless no-ping is set. On loopback every 127.x address answers a
/// ping, so a range there is "all in use": with probing on, nothing is offered; with no-ping, the offer comes.
/// The test plays a relay on 127.0.0.1, so nothing leaves the machine.
/// </summary>
public sealed class DhcpPingProbeTests
{
    private static async Task<(DhcpTestReply? Reply, DhcpServer Server)> Discover(bool ping, string directory)
    {
        using var relay = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)relay.Client.LocalEndPoint!).Port;
        var options = new DhcpServerOptions
        {
            ServerPort = 0,
            RelayPort = port,
            ClientPort = port,
            Ping = ping,
            PingTimeout = TimeSpan.FromMilliseconds(300),
            Ranges = [new DhcpRange(IPAddress.Parse("127.0.0.100"), IPAddress.Parse("127.0.0.110"), IPAddress.Parse("255.255.255.0"))],
        };
        await using var leases = LeaseStore.Open(Path.Combine(directory, "leases"), DateTimeOffset.UtcNow);
        var server = new DhcpServer(options, leases, bindAddress: IPAddress.Loopback);
        server.Start();
        try
        {
            var client = new DhcpTestPackets("52:54:00:aa:bb:09") { RelayAddress = IPAddress.Loopback };
            await relay.SendAsync(client.Discover(), server.LocalEndPoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                var answer = await relay.ReceiveAsync(timeout.Token);
                return (DhcpTestReply.Read(answer.Buffer), server);
            }
            catch (OperationCanceledException)
            {
                return (null, server);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_address_that_answers_ping_is_not_offered()
    {
        if (!DhcpTestTools.CanPing()) return; // no ICMP here: the probe degrades to no-ping (see AnswersPingAsync)
        var dir = DhcpTestTools.TempDirectory();
        try
        {
            var (reply, server) = await Discover(ping: true, dir);
            Assert.Null(reply);
            Assert.Equal(3, server.Counters.PingConflicts);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task With_no_ping_the_same_address_is_offered_at_once()
    {
        var dir = DhcpTestTools.TempDirectory();
        try
        {
            var (reply, server) = await Discover(ping: false, dir);
            Assert.NotNull(reply);
            Assert.Equal(DhcpMessageType.Offer, reply!.Type);
            Assert.Equal(0, server.Counters.PingConflicts);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
