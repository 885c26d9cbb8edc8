using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Server;
using Pint.Engine.Dhcp.Wire;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// The server over real sockets, on loopback only: the test plays a relay agent (giaddr 127.0.0.1) so every
/// reply is unicast back to it and nothing is ever broadcast.
/// </summary>
public sealed class DhcpServerTests : IAsyncLifetime
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private readonly string _directory = DhcpTestTools.TempDirectory();
    private readonly UdpClient _relay = new(new IPEndPoint(IPAddress.Loopback, 0));
    private LeaseStore _leases = null!;
    private DhcpServer _server = null!;

    private string LeasePath => Path.Combine(_directory, "dnsmasq.leases");

    public Task InitializeAsync()
    {
        var port = ((IPEndPoint)_relay.Client.LocalEndPoint!).Port;
        var options = new DhcpServerOptions
        {
            ServerPort = 0,
            RelayPort = port,
            ClientPort = port,
            Ranges = [new DhcpRange(IPAddress.Parse("127.0.0.100"), IPAddress.Parse("127.0.0.150"), IPAddress.Parse("255.255.255.0"))],
        };
        _leases = LeaseStore.Open(LeasePath, DateTimeOffset.UtcNow);
        _server = new DhcpServer(options, _leases, bindAddress: Loopback);
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _leases.DisposeAsync();
        _relay.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<DhcpTestReply> Ask(byte[] packet)
    {
        await _relay.SendAsync(packet, _server.LocalEndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await _relay.ReceiveAsync(timeout.Token);
        return DhcpTestReply.Read(answer.Buffer);
    }

    [Fact]
    public async Task DORA_over_UDP_lease_is_on_disk_when_the_ACK_arrives()
    {
        var client = new DhcpTestPackets("52:54:00:aa:bb:02") { RelayAddress = Loopback, HostName = "laptop" };

        var offer = await Ask(client.Discover());
        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        Assert.Equal(IPAddress.Parse("127.0.0.135"), offer.YourAddress);

        var ack = await Ask(client.Select(offer.YourAddress, offer.AddressOption(DhcpOptionCode.ServerIdentifier)!));
        Assert.Equal(DhcpMessageType.Ack, ack.Type);

        // Durable before the ACK: the journal beside the lease file holds it; the file itself follows within a second.
        var onDisk = LeaseFile.ReadWithJournal(LeasePath).Leases.Single();
        Assert.Equal(offer.YourAddress, onDisk.Address);
        Assert.Equal("laptop", onDisk.HostName);
        LeaseFileChecks.WaitFor(LeasePath, l => l.Count == 1, TimeSpan.FromSeconds(5));
        Assert.Equal("laptop", LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, DateTimeOffset.UtcNow).Single().HostName);
        Assert.Equal(1, _server.Counters.Received(DhcpMessageType.Discover));
        Assert.Equal(1, _server.Counters.Acks);
    }

    [Fact]
    public async Task Garbage_is_counted_and_the_server_keeps_answering()
    {
        await _relay.SendAsync(new byte[] { 1, 2, 3 }, _server.LocalEndPoint);
        await _relay.SendAsync(new byte[600], _server.LocalEndPoint);

        var offer = await Ask(new DhcpTestPackets("52:54:00:00:00:01") { RelayAddress = Loopback }.Discover());

        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        Assert.Equal(2, _server.Counters.Malformed);
    }

    [Fact]
    public async Task A_request_for_another_server_is_dropped_and_counted_by_its_reason()
    {
        var client = new DhcpTestPackets("52:54:00:00:00:02") { RelayAddress = Loopback };
        await _relay.SendAsync(client.Select(IPAddress.Parse("127.0.0.120"), IPAddress.Parse("192.0.2.53")), _server.LocalEndPoint);

        // Requests are handled in order: once this offer is back, the first request has been decided.
        Assert.Equal(DhcpMessageType.Offer, (await Ask(client.Discover())).Type);

        Assert.Equal(1, _server.Counters.Dropped(DhcpDropReason.ForAnotherServer));
        Assert.Equal(1, _server.Counters.Unanswered);
        var shown = _server.Counters.Snapshot();
        Assert.Equal(1, shown["drops.forAnotherServer"]);
        Assert.Equal(0, shown["drops.hostIgnored"]);
        Assert.Equal(1, shown["unanswered"]);
        using var metrics = new Pint.Engine.Metrics.PrometheusCollector();
        var text = metrics.Scrape();
        Assert.Contains($"pint_dhcp_drops_total{{server=\"{_server.LocalEndPoint}\",reason=\"for_another_server\"}} 1\n", text);
        // Received is counted before the reply is decided: final once the offer is back (sent is counted after sending).
        Assert.Contains($"pint_dhcp_messages_received_total{{server=\"{_server.LocalEndPoint}\",type=\"request\"}} 1\n", text);
    }

    [Fact]
    public async Task Inform_is_answered_at_the_client_address()
    {
        var ack = await Ask(new DhcpTestPackets("52:54:00:00:00:01").Inform(Loopback));

        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        Assert.Equal(Loopback, ack.AddressOption(DhcpOptionCode.ServerIdentifier));
    }
}
