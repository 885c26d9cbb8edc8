using System.Net;
using System.Net.Sockets;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>The server over real sockets on 127.0.0.1 with an ephemeral port.</summary>
public sealed class TftpServerTests : IAsyncLifetime
{
    private readonly TftpTestRoot _root = new();
    private TftpServer _server = null!;
    private byte[] _large = null!;

    private IPEndPoint Endpoint => _server.BoundEndPoints[0];

    public async Task InitializeAsync()
    {
        _large = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(_large);
        _root.Write("large.bin", _large);
        _root.Write("exact.bin", _large[..(1468 * 4)]);
        _server = await StartAsync(new TftpServerOptions { Root = _root.Root, ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)] });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    private static async Task<TftpServer> StartAsync(TftpServerOptions options)
    {
        var server = new TftpServer(options);
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task Lock_step_download_is_byte_exact()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "large.bin");
        Assert.Equal(_large, download.Data);
        Assert.Null(download.OptionAck);
    }

    [Fact]
    public async Task Windowed_download_with_options_is_byte_exact()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "large.bin", options: new TftpOptionSet(1468, 0, 3, 16));
        Assert.Equal(_large, download.Data);
        Assert.Equal(new TftpOptionSet(1468, _large.Length, 3, 16), download.OptionAck);
    }

    [Fact]
    public async Task Windowed_download_recovers_from_lost_blocks()
    {
        // A block lost mid-window: the client acknowledges what came in order and the server resends from there,
        // past the window it had already read ahead. A lost last block of a window is recovered by the timeout.
        var lost = new HashSet<ushort> { 5, 16, 17, 40, 2000 };
        var download = await TftpTestClient.GetAsync(Endpoint, "large.bin", options: new TftpOptionSet(1468, null, 1, 16), dropOnce: lost);
        Assert.Equal(_large, download.Data);
        Assert.Empty(lost);
        Assert.True(_server.Counters.BytesSent > _large.Length, "the lost blocks were sent again");
    }

    [Fact]
    public async Task File_that_is_a_multiple_of_the_block_size_ends_with_an_empty_block()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "exact.bin", options: new TftpOptionSet(1468, null, null, 3));
        Assert.Equal(_large[..(1468 * 4)], download.Data);
    }

    [Fact]
    public async Task An_empty_file_is_acknowledged_without_transfer_size()
    {
        // As iPXE asks (blksize, tsize) plus a window: the OACK confirms the block size and window but not tsize 0,
        // which curl rejects; then one empty DATA block.
        _root.Write("empty", []);
        var download = await TftpTestClient.GetAsync(Endpoint, "empty", options: new TftpOptionSet(1432, 0, null, 4));
        Assert.Empty(download.Data!);
        Assert.Equal(new TftpOptionSet(1432, null, null, 4), download.OptionAck);
    }

    [Fact]
    public async Task An_empty_file_asked_only_for_its_size_starts_with_data()
    {
        _root.Write("empty", []);
        var download = await TftpTestClient.GetAsync(Endpoint, "empty", options: new TftpOptionSet(null, 0, null, null));
        Assert.Empty(download.Data!);
        Assert.Null(download.OptionAck);
    }

    [Fact]
    public async Task Net_ascii_download_is_converted()
    {
        _root.Write("menu.cfg", "a\nb\n"u8.ToArray());
        var download = await TftpTestClient.GetAsync(Endpoint, "menu.cfg", TftpMode.NetAscii);
        Assert.Equal("a\r\nb\r\n"u8.ToArray(), download.Data);
    }

    [Theory]
    [InlineData("missing", TftpErrorCode.FileNotFound)]
    [InlineData("../outside/secret.txt", TftpErrorCode.AccessViolation)]
    [InlineData("out-link", TftpErrorCode.AccessViolation)]
    [InlineData("sub", TftpErrorCode.NotDefined)]
    public async Task Refusals_arrive_as_error_packets(string name, TftpErrorCode expected)
    {
        var download = await TftpTestClient.GetAsync(Endpoint, name);
        Assert.Null(download.Data);
        Assert.Equal(expected, download.Error);
    }

    [Fact]
    public async Task Write_request_is_refused_with_illegal_operation()
    {
        var packet = new byte[64];
        int length = TftpPacketWriter.WriteRequest(packet, TftpOpcode.WriteRequest, "upload.bin", TftpMode.Octet);
        var reply = await TftpTestClient.SendRawAsync(Endpoint, packet[..length]);
        Assert.Equal(TftpErrorCode.IllegalOperation, reply.Error);
        Assert.Contains("read-only", reply.ErrorMessage);
        Assert.False(File.Exists(Path.Combine(_root.Root, "upload.bin")));
    }

    [Theory]
    [InlineData(new byte[] { 0, 9, 0, 0 })]          // unknown opcode
    [InlineData(new byte[] { 0, 4, 0, 1 })]          // an ACK on the listen port
    [InlineData(new byte[] { 0, 1, (byte)'a' })]     // truncated RRQ
    public async Task Bad_packets_get_illegal_operation(byte[] packet)
    {
        var reply = await TftpTestClient.SendRawAsync(Endpoint, packet);
        Assert.Equal(TftpErrorCode.IllegalOperation, reply.Error);
        Assert.Contains("127.0.0.1", reply.ErrorMessage);
    }

    [Fact]
    public async Task A_silent_client_does_not_hold_up_others_and_is_given_up_on()
    {
        await using var server = await StartAsync(new TftpServerOptions
        {
            Root = _root.Root,
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            Timeout = TimeSpan.FromMilliseconds(100),
            MaxRetries = 2,
        });
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var request = new byte[64];
        int length = TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, "large.bin", TftpMode.Octet);
        await silent.SendToAsync(request.AsMemory(0, length), server.BoundEndPoints[0]);

        var download = await TftpTestClient.GetAsync(server.BoundEndPoints[0], "large.bin", options: new TftpOptionSet(1468, null, null, 8));
        Assert.Equal(_large, download.Data);

        // The silent client sees block 1 three times (first send + 2 retries), then the server gives up.
        var buffer = new byte[600];
        for (int i = 0; i < 3; i++)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            int received = await silent.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
            Assert.Equal(TftpRejection.None, new TftpPacketReader(buffer.AsSpan(0, received)).ReadData(out ushort block, out _));
            Assert.Equal(1, block);
        }
        for (int i = 0; i < 50 && server.Counters.TransfersFailed == 0; i++)
            await Task.Delay(50);
        Assert.Equal(1, server.Counters.TransfersFailed);
        Assert.Equal(2, server.Counters.Retransmissions);
        Assert.Equal(0, server.Counters.ActiveTransfers);
    }

    [Fact]
    public async Task Max_transfers_is_enforced()
    {
        await using var server = await StartAsync(new TftpServerOptions
        {
            Root = _root.Root,
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            MaxTransfers = 1,
        });
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var request = new byte[64];
        int length = TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, "large.bin", TftpMode.Octet);
        await holder.SendToAsync(request.AsMemory(0, length), server.BoundEndPoints[0]);
        var first = await holder.ReceiveFromAsync(new byte[600], new IPEndPoint(IPAddress.Any, 0));
        await TftpTestClient.AckAsync(holder, 1, first.RemoteEndPoint);
        await holder.ReceiveAsync(new byte[600]); // block 2: the first transfer is moving, so it keeps its slot

        var refused = await TftpTestClient.GetAsync(server.BoundEndPoints[0], "hello.txt");
        Assert.Equal(TftpErrorCode.NotDefined, refused.Error);
        Assert.Contains("too many", refused.ErrorMessage);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(50, 0)]
    public void Limits_below_one_transfer_are_refused(int maxTransfers, int? perAddress)
    {
        var options = new TftpServerOptions { Root = _root.Root, MaxTransfers = maxTransfers, MaxTransfersPerAddress = perAddress };
        var error = Assert.Throws<ArgumentException>(() => new TftpServer(options));
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public async Task Transfers_use_the_port_range()
    {
        await using var server = await StartAsync(new TftpServerOptions
        {
            Root = _root.Root,
            ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)],
            PortRange = (47100, 47109),
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var request = new byte[64];
        int length = TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, "hello.txt", TftpMode.Octet);
        await client.SendToAsync(request.AsMemory(0, length), server.BoundEndPoints[0]);
        var received = await client.ReceiveFromAsync(new byte[600], new IPEndPoint(IPAddress.Any, 0));
        Assert.InRange(((IPEndPoint)received.RemoteEndPoint).Port, 47100, 47109);
    }

    [Fact]
    public async Task Many_concurrent_downloads_all_complete()
    {
        var downloads = Enumerable.Range(0, 20)
            .Select(i => TftpTestClient.GetAsync(Endpoint, "large.bin", options: new TftpOptionSet(1468, null, null, i % 2 == 0 ? 1 : 16)));
        foreach (var download in await Task.WhenAll(downloads))
            Assert.Equal(_large, download.Data);
        Assert.Equal(20, _server.Counters.TransfersCompleted);
    }
}
