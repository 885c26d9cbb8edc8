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
    public async Task LockStepDownloadIsByteExact()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "large.bin");
        Assert.Equal(_large, download.Data);
        Assert.Null(download.OptionAck);
    }

    [Fact]
    public async Task WindowedDownloadWithOptionsIsByteExact()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "large.bin", options: new TftpOptionSet(1468, 0, 3, 16));
        Assert.Equal(_large, download.Data);
        Assert.Equal(new TftpOptionSet(1468, _large.Length, 3, 16), download.OptionAck);
    }

    [Fact]
    public async Task WindowedDownloadRecoversFromLostBlocks()
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
    public async Task FileThatIsAMultipleOfTheBlockSizeEndsWithAnEmptyBlock()
    {
        var download = await TftpTestClient.GetAsync(Endpoint, "exact.bin", options: new TftpOptionSet(1468, null, null, 3));
        Assert.Equal(_large[..(1468 * 4)], download.Data);
    }

    [Fact]
    public async Task AnEmptyFileIsAcknowledgedWithoutTransferSize()
    {
        // As iPXE asks (blksize, tsize) plus a window: the OACK confirms the block size and window but not tsize 0,
        // which curl rejects; then one empty DATA block.
        _root.Write("empty", []);
        var download = await TftpTestClient.GetAsync(Endpoint, "empty", options: new TftpOptionSet(1432, 0, null, 4));
        Assert.Empty(download.Data!);
        Assert.Equal(new TftpOptionSet(1432, null, null, 4), download.OptionAck);
    }

    [Fact]
    public async Task AnEmptyFileAskedOnlyForItsSizeStartsWithData()
    {
        _root.Write("empty", []);
        var download = await TftpTestClient.GetAsync(Endpoint, "empty", options: new TftpOptionSet(null, 0, null, null));
        Assert.Empty(download.Data!);
        Assert.Null(download.OptionAck);
    }

    [Fact]
    public async Task NetAsciiDownloadIsConverted()
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
    public async Task RefusalsArriveAsErrorPackets(string name, TftpErrorCode expected)
    {
        var download = await TftpTestClient.GetAsync(Endpoint, name);
        Assert.Null(download.Data);
        Assert.Equal(expected, download.Error);
    }

    [Fact]
    public async Task WriteRequestIsRefusedWithIllegalOperation()
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
    public async Task BadPacketsGetIllegalOperation(byte[] packet)
    {
        var reply = await TftpTestClient.SendRawAsync(Endpoint, packet);
        Assert.Equal(TftpErrorCode.IllegalOperation, reply.Error);
        Assert.Contains("127.0.0.1", reply.ErrorMessage);
    }

    [Fact]
    public async Task ASilentClientDoesNotHoldUpOthersAndIsGivenUpOn()
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
    public async Task MaxTransfersIsEnforced()
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
    public void LimitsBelowOneTransferAreRefused(int maxTransfers, int? perAddress)
    {
        var options = new TftpServerOptions { Root = _root.Root, MaxTransfers = maxTransfers, MaxTransfersPerAddress = perAddress };
        var error = Assert.Throws<ArgumentException>(() => new TftpServer(options));
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    public async Task TransfersUseThePortRange()
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
    public async Task ManyConcurrentDownloadsAllComplete()
    {
        var downloads = Enumerable.Range(0, 20)
            .Select(i => TftpTestClient.GetAsync(Endpoint, "large.bin", options: new TftpOptionSet(1468, null, null, i % 2 == 0 ? 1 : 16)));
        foreach (var download in await Task.WhenAll(downloads))
            Assert.Equal(_large, download.Data);
        Assert.Equal(20, _server.Counters.TransfersCompleted);
    }
}
