using System.Net;
using System.Net.Sockets;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>
/// What becomes of a client's UDP port over time: requests sent again, a new socket that gets the port of one
/// that just finished (ephemeral ports are reused), a port closed for a moment. Over real sockets on 127.0.0.1.
/// </summary>
public sealed class TftpClientEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TftpTestRoot _root = new();
    private readonly byte[] _large = new byte[600 * 1024 + 5];
    private TftpServer _server = null!;

    private IPEndPoint Endpoint => _server.BoundEndPoints[0];

    public async Task InitializeAsync()
    {
        new Random(7).NextBytes(_large);
        _root.Write("large.bin", _large);
        // A short first timeout keeps the retransmissions these tests wait for quick.
        _server = new TftpServer(new TftpServerOptions
        {
            Root = _root.Root,
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            Timeout = TimeSpan.FromMilliseconds(300),
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task A_resent_request_is_answered_by_the_running_transfer()
    {
        using var client = TftpTestClient.Bind(Endpoint);
        await TftpTestClient.RequestAsync(client, Endpoint, "large.bin");
        await TftpTestClient.RequestAsync(client, Endpoint, "large.bin"); // our reply "was slow": the client asks again
        await ListenLoopCaughtUpAsync();
        Assert.Equal(1, _server.Counters.TransfersStarted);

        var download = await TftpTestClient.ReceiveAsync(client).WaitAsync(Patience);
        Assert.Equal(_large, download.Data);
    }

    [Theory]
    [InlineData("large.bin")] // the same request again: not a resend, since the client has answered the transfer
    [InlineData("hello.txt")]
    public async Task A_new_socket_on_the_port_of_a_transfer_that_heard_from_its_client_gets_its_own_download(string name)
    {
        // The first socket downloads a little, then is gone while the server still waits for its next ACK; a new
        // socket gets the same port (the OS reuses ephemeral ports) and asks for a file of its own.
        int port = await StartAndAbandonAsync(options: default);
        using var second = TftpTestClient.Bind(Endpoint, port);
        await TftpTestClient.RequestAsync(second, Endpoint, name);

        var download = await TftpTestClient.ReceiveAsync(second).WaitAsync(Patience);
        Assert.Equal(name == "large.bin" ? _large : "hello\n"u8.ToArray(), download.Data);
        Assert.Equal(2, _server.Counters.TransfersStarted);
        await UntilAsync(() => _server.Counters.ActiveTransfers == 0); // the abandoned transfer stopped
    }

    [Fact]
    public async Task A_superseded_transfer_that_ends_leaves_its_successor_in_place()
    {
        int port = await StartAndAbandonAsync(options: default);
        using var second = TftpTestClient.Bind(Endpoint, port);
        await TftpTestClient.RequestAsync(second, Endpoint, "hello.txt");
        await UntilAsync(() => _server.Counters.TransfersFailed == 1); // the first transfer gave way and ended

        // The new client has not answered yet, so its request sent again is a resend, not a third transfer.
        await TftpTestClient.RequestAsync(second, Endpoint, "hello.txt");
        await ListenLoopCaughtUpAsync();
        Assert.Equal(2, _server.Counters.TransfersStarted);

        var download = await TftpTestClient.ReceiveAsync(second).WaitAsync(Patience);
        Assert.Equal("hello\n"u8.ToArray(), download.Data);
    }

    [Fact]
    public async Task A_transfer_whose_client_still_answers_goes_on_after_a_late_resend_of_its_request()
    {
        // The listen loop reads a resent RRQ only after the client has answered the first reply, so it counts as a
        // new download. The client keeps to its transfer (the other gets ERROR 5) and that transfer goes to the end.
        // The default first timeout (1 s): the transfer must not give up while this test is merely slow.
        await using var server = new TftpServer(new TftpServerOptions { Root = _root.Root, ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)] });
        await server.StartAsync();
        var endpoint = server.BoundEndPoints[0];
        using var client = TftpTestClient.Bind(endpoint);
        await TftpTestClient.RequestAsync(client, endpoint, "large.bin");
        using var wait = new CancellationTokenSource(Patience);
        var first = await client.ReceiveFromAsync(new byte[600], SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token);
        await TftpTestClient.AckAsync(client, 1, first.RemoteEndPoint);
        await UntilAsync(() => server.Counters.BytesSent > 512); // block 2 is out: the transfer heard the client

        await TftpTestClient.RequestAsync(client, endpoint, "large.bin");
        var rest = await TftpTestClient.ReceiveAsync(client, transferId: first.RemoteEndPoint, firstBlock: 2).WaitAsync(Patience);
        Assert.Equal(_large[512..], rest.Data);
        Assert.Equal(2, server.Counters.TransfersStarted);
        await UntilAsync(() => server.Counters.TransfersCompleted == 1 && server.Counters.ActiveTransfers == 0);
    }

    [Fact]
    public async Task A_transfer_outlives_its_clients_port_being_closed_for_a_while()
    {
        // With the client's port closed, the retransmitted window bounces (ICMP port unreachable), and the kernel
        // reports that on the transfer socket's next send. The client comes back on the same port: the transfer,
        // still running, serves it to the end.
        var window = new TftpOptionSet(1468, null, null, 50); // two sends a window with UDP_SEGMENT (44 a send), 50 without
        int port = await StartAndAbandonAsync(window);
        long sent = _server.Counters.BytesSent, retransmissions = _server.Counters.Retransmissions;
        // A window resent (in more than one send) after the port closed, or the transfer ended by the bounce.
        await UntilAsync(() => (_server.Counters.Retransmissions > retransmissions && _server.Counters.BytesSent >= sent + 50 * 1468)
            || _server.Counters.TransfersFailed > 0);
        Assert.Equal(0, _server.Counters.TransfersFailed);

        using var back = TftpTestClient.Bind(Endpoint, port);
        var download = await TftpTestClient.ReceiveAsync(back, blockSize: 1468, window: 50).WaitAsync(Patience);
        Assert.Equal(_large, download.Data);
        await UntilAsync(() => _server.Counters.TransfersCompleted == 1);
        Assert.Equal(0, _server.Counters.TransfersFailed);
    }

    /// <summary>Starts a download of large.bin, takes the first window, acknowledges the OACK or block 1, and closes the socket.</summary>
    /// <returns>The port the abandoned client had.</returns>
    private async Task<int> StartAndAbandonAsync(TftpOptionSet options)
    {
        using var first = TftpTestClient.Bind(Endpoint);
        await TftpTestClient.RequestAsync(first, Endpoint, "large.bin", options: options);
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(Patience);
        var received = await first.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token);
        var reader = new TftpPacketReader(buffer.AsSpan(0, received.ReceivedBytes));
        bool optionAck = reader.ReadOptionAck(out _) == TftpRejection.None;
        Assert.True(optionAck || reader.ReadData(out _, out _) == TftpRejection.None, "the server answered with OACK or DATA");
        await TftpTestClient.AckAsync(first, optionAck ? (ushort)0 : (ushort)1, received.RemoteEndPoint);
        if (optionAck)
            await first.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token); // the window is on its way
        await UntilAsync(() => _server.Counters.BytesSent > (optionAck ? 0 : 512)); // the ACK got through
        return ((IPEndPoint)first.LocalEndPoint!).Port;
    }

    private Task ListenLoopCaughtUpAsync() => TftpTestClient.ListenLoopCaughtUpAsync(Endpoint);

    private static Task UntilAsync(Func<bool> condition) => TftpTestClient.UntilAsync(condition, Patience);
}
