using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>
/// Clients that give up on their transfers (an ERROR, or gone after the request) must not keep the transfer slots
/// from everyone else: before, about 50 such requests from one host left a PXE lab without TFTP for half a minute.
/// Over real sockets; another loopback address (127.0.0.2 and up, all routed to lo on Linux) is another host.
/// </summary>
public sealed class TftpAbandonedTransferTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly IPAddress OtherHost = IPAddress.Parse("127.0.0.2");

    private readonly TftpTestRoot _root = new();
    private readonly byte[] _large = new byte[600 * 1024 + 5];
    private readonly byte[] _boot = new byte[64 * 1024 + 3];
    private readonly List<Socket> _sockets = [];

    public Task InitializeAsync()
    {
        new Random(13).NextBytes(_large);
        new Random(14).NextBytes(_boot);
        _root.Write("large.bin", _large);
        _root.Write("boot.bin", _boot);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        lock (_sockets)
            _sockets.ForEach(s => s.Dispose());
        _root.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A server as deployed (1 s first timeout, six retries: an abandoned transfer waits about 27 s).</summary>
    private async Task<TftpServer> StartAsync(int maxTransfers = 50)
    {
        var server = new TftpServer(new TftpServerOptions { Root = _root.Root, ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)], MaxTransfers = maxTransfers });
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task An_error_on_the_transfer_port_ends_the_transfer_at_once()
    {
        await using var server = await StartAsync(maxTransfers: 1);
        var endpoint = server.BoundEndPoints[0];
        var client = await RequestAsync(endpoint, endpoint.Address, "large.bin");
        var first = await ReceiveAsync(client);
        await TftpTestClient.ErrorAsync(client, first.From);

        await TftpTestClient.UntilAsync(() => server.Counters.ActiveTransfers == 0, TimeSpan.FromSeconds(1));
        Assert.Equal(_boot, (await TftpTestClient.GetAsync(endpoint, "boot.bin")).Data);
        Assert.Equal(1, server.Counters.TransfersAborted);
    }

    [Fact]
    public async Task An_error_on_the_listen_port_from_the_client_ends_its_transfer()
    {
        // A client that gives up before our first reply reached it can only send its ERROR to the port it asked on.
        await using var server = await StartAsync(maxTransfers: 1);
        var endpoint = server.BoundEndPoints[0];
        var client = await RequestAsync(endpoint, endpoint.Address, "large.bin");
        await ReceiveAsync(client);
        await TftpTestClient.ErrorAsync(client, endpoint);

        await TftpTestClient.UntilAsync(() => server.Counters.ActiveTransfers == 0, TimeSpan.FromSeconds(1));
        Assert.Equal(_boot, (await TftpTestClient.GetAsync(endpoint, "boot.bin")).Data);
        Assert.Equal(1, server.Counters.TransfersAborted);
        // An ERROR is not answered (RFC 1350), and the transfer sends nothing more.
        Assert.Empty(await DrainAsync(client));
    }

    [TftpFact(LinuxOnly = true)]
    public async Task TwoHundredAbandonedTransfersLeaveRoomForANormalFetch()
    {
        await using var server = await StartAsync();
        var endpoint = server.BoundEndPoints[0];
        for (int i = 0; i < 200; i++)
        {
            using var client = TftpTestClient.Bind(endpoint);
            await TftpTestClient.RequestAsync(client, endpoint, "large.bin");
            switch (i % 4)
            {
                case 0: // gone without reading
                    break;
                case 1: // an ERROR at once, before any reply
                    await TftpTestClient.ErrorAsync(client, endpoint);
                    break;
                case 2: // an ERROR after the first packet
                    await TftpTestClient.ErrorAsync(client, (await ReceiveAsync(client)).From);
                    break;
                case 3: // gone after the first packet
                    await ReceiveAsync(client);
                    break;
            }
        }
        await TftpTestClient.ListenLoopCaughtUpAsync(endpoint);

        var clock = Stopwatch.StartNew();
        var download = await TftpTestClient.GetAsync(endpoint, "boot.bin", options: new TftpOptionSet(1432, 0, null, null), localAddress: OtherHost);
        clock.Stop();
        Assert.Equal(_boot, download.Data);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the fetch took {clock.Elapsed.TotalMilliseconds:F0} ms");

        // The host that abandoned them is served again too: its own stalled transfers give way.
        Assert.Equal(_boot, (await TftpTestClient.GetAsync(endpoint, "boot.bin")).Data);
        await TftpTestClient.UntilAsync(() => server.Counters.TransfersAborted == 100, Patience);
        Assert.True(server.Counters.TransfersEvicted > 0);
        Assert.InRange(server.Counters.ActiveTransfers, 0, 25); // the abandoning host's share: half of tftp-max
    }

    [TftpFact(LinuxOnly = true)]
    public async Task ASilentHostHoldsNoMoreThanItsShareWhileAnotherFetches()
    {
        await using var server = await StartAsync(maxTransfers: 8); // a share of 4 for one address
        var endpoint = server.BoundEndPoints[0];
        var silent = new List<Socket>();
        for (int i = 0; i < 20; i++)
            silent.Add(await RequestAsync(endpoint, endpoint.Address, "large.bin")); // never answered, never closed
        await TftpTestClient.ListenLoopCaughtUpAsync(endpoint);
        await TftpTestClient.UntilAsync(() => server.Counters.ActiveTransfers == 4, Patience);

        // The silent host keeps asking while the other host downloads four files at once.
        var flood = Task.Run(async () =>
        {
            for (int i = 0; i < 20; i++)
            {
                await RequestAsync(endpoint, endpoint.Address, "large.bin");
                await Task.Delay(5);
            }
        });
        var downloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            TftpTestClient.GetAsync(endpoint, "large.bin", options: new TftpOptionSet(1468, null, null, 8), localAddress: OtherHost)));
        await flood;
        Assert.All(downloads, d => Assert.Equal(_large, d.Data));

        // A silent client that is still there is told that its transfer gave way.
        Assert.Contains(await DrainAsync(silent[0]), IsError);
        await TftpTestClient.UntilAsync(() => server.Counters.TransfersEvicted == 36, Patience); // 40 requests, 4 held
    }

    [TftpFact(LinuxOnly = true)]
    public async Task WhenAllSlotsAreTakenTheStalestTransferOfTheBusiestHostGivesWay()
    {
        await using var server = await StartAsync(maxTransfers: 6); // a share of 3 for one address
        var endpoint = server.BoundEndPoints[0];
        // Two quieter hosts ask first, so their transfers are the stalest; the busiest host holds its share.
        var quieter = new[]
        {
            await RequestAsync(endpoint, IPAddress.Parse("127.0.0.3"), "large.bin"),
            await RequestAsync(endpoint, IPAddress.Parse("127.0.0.3"), "large.bin"),
            await RequestAsync(endpoint, IPAddress.Parse("127.0.0.4"), "large.bin"),
        };
        var busiest = new List<Socket>();
        for (int i = 0; i < 3; i++)
            busiest.Add(await RequestAsync(endpoint, endpoint.Address, "large.bin"));
        await TftpTestClient.ListenLoopCaughtUpAsync(endpoint);
        Assert.Equal(6, server.Counters.ActiveTransfers);

        Assert.Equal(_boot, (await TftpTestClient.GetAsync(endpoint, "boot.bin", localAddress: OtherHost)).Data);
        Assert.Contains(await DrainAsync(busiest[0]), IsError);
        foreach (var socket in busiest.Skip(1).Concat(quieter))
            Assert.DoesNotContain(await DrainAsync(socket), IsError);
        await TftpTestClient.UntilAsync(() => server.Counters.TransfersEvicted == 1, Patience);
    }

    /// <summary>A client on <paramref name="from"/> that has sent its RRQ (closed when the test ends).</summary>
    private async Task<Socket> RequestAsync(IPEndPoint server, IPAddress from, string name)
    {
        var socket = TftpTestClient.Bind(server, address: from);
        lock (_sockets)
            _sockets.Add(socket);
        await TftpTestClient.RequestAsync(socket, server, name);
        return socket;
    }

    private static async Task<(byte[] Packet, EndPoint From)> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(Patience);
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token);
        return (buffer[..received.ReceivedBytes], received.RemoteEndPoint);
    }

    /// <summary>What has arrived on <paramref name="socket"/>, and whatever more comes within 300 ms.</summary>
    private static async Task<List<byte[]>> DrainAsync(Socket socket)
    {
        var packets = new List<byte[]>();
        var buffer = new byte[2048];
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), quiet.Token);
                packets.Add(buffer[..received.ReceivedBytes]);
            }
            catch (OperationCanceledException)
            {
                return packets;
            }
        }
    }

    private static bool IsError(byte[] packet) => new TftpPacketReader(packet).ReadError(out _, out _) == TftpRejection.None;
}
