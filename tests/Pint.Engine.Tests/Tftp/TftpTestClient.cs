using System.Net;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Tftp;

namespace Pint.Engine.Tests.Tftp;

/// <summary>What a download produced: the file, or the server's ERROR; plus the OACK if there was one.</summary>
internal sealed record TftpDownload(byte[]? Data, TftpErrorCode? Error, string? ErrorMessage, TftpOptionSet? OptionAck);

/// <summary>A minimal TFTP read client for socket tests (RFC 1350 + options, windowed ACKs per RFC 7440).</summary>
internal static class TftpTestClient
{
    /// <param name="dropOnce">DATA blocks (wire numbers) to ignore the first time they arrive, as if lost on the way.</param>
    /// <param name="localPort">The client's port; 0 lets the OS choose.</param>
    /// <param name="localAddress">The client's address (another loopback address is another host); the server's by default.</param>
    public static async Task<TftpDownload> GetAsync(IPEndPoint server, string name, TftpMode mode = TftpMode.Octet, TftpOptionSet options = default,
        ISet<ushort>? dropOnce = null, int localPort = 0, IPAddress? localAddress = null)
    {
        using var socket = Bind(server, localPort, localAddress);
        await RequestAsync(socket, server, name, mode, options);
        return await ReceiveAsync(socket, dropOnce: dropOnce);
    }

    /// <summary>
    /// A UDP socket on the server's address family and on <paramref name="address"/> (the server's loopback address by
    /// default), on <paramref name="port"/> (0: any).
    /// </summary>
    public static Socket Bind(IPEndPoint server, int port = 0, IPAddress? address = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address ?? server.Address, port));
        return socket;
    }

    public static async Task RequestAsync(Socket socket, IPEndPoint server, string name, TftpMode mode = TftpMode.Octet, TftpOptionSet options = default)
    {
        var request = new byte[600];
        await socket.SendToAsync(request.AsMemory(0, TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, name, mode, options)), server);
    }

    /// <summary>
    /// Follows a transfer on <paramref name="socket"/> from <paramref name="firstBlock"/>: after a request, or for a
    /// client that comes back mid-transfer (then <paramref name="blockSize"/> and <paramref name="window"/> are what
    /// was negotiated). As RFC 1350 asks, the client keeps to one transfer ID: the first that sends an OACK, an ERROR
    /// or the block expected (or <paramref name="transferId"/>); another gets ERROR 5.
    /// </summary>
    public static async Task<TftpDownload> ReceiveAsync(Socket socket, int blockSize = TftpOptionSet.DefaultBlockSize, int window = 1,
        ISet<ushort>? dropOnce = null, EndPoint? transferId = null, ushort firstBlock = 1)
    {
        var buffer = new byte[70000];
        int inWindow = 0;
        ushort expected = firstBlock;
        TftpOptionSet? optionAck = null;
        var data = new MemoryStream();
        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, timeout.Token);
            var reader = new TftpPacketReader(buffer.AsSpan(0, received.ReceivedBytes));
            if (transferId is null)
            {
                bool opens = reader.ReadError(out _, out _) == TftpRejection.None || reader.ReadOptionAck(out _) == TftpRejection.None
                    || (reader.ReadData(out ushort first, out _) == TftpRejection.None && first == expected);
                if (!opens)
                    continue; // a stray from an earlier transfer to this port
                transferId = received.RemoteEndPoint;
            }
            else if (!received.RemoteEndPoint.Equals(transferId))
            {
                await ErrorAsync(socket, received.RemoteEndPoint, TftpErrorCode.UnknownTransferId, "unknown transfer ID");
                continue;
            }
            if (reader.ReadError(out var code, out var message) == TftpRejection.None)
                return new TftpDownload(null, code, Encoding.UTF8.GetString(message), optionAck);
            if (reader.ReadOptionAck(out var accepted) == TftpRejection.None)
            {
                optionAck = accepted;
                blockSize = accepted.BlockSize ?? blockSize;
                window = accepted.WindowSize ?? window;
                await AckAsync(socket, 0, transferId);
                continue;
            }
            if (reader.ReadData(out ushort block, out var payload) != TftpRejection.None)
                throw new InvalidDataException($"unexpected packet from server: {Convert.ToHexString(buffer, 0, received.ReceivedBytes)}");
            if (dropOnce is not null && dropOnce.Remove(block))
                continue;
            if (block != expected)
            {
                await AckAsync(socket, (ushort)(expected - 1), transferId); // out of order: ack what we have
                inWindow = 0;
                continue;
            }
            data.Write(payload);
            expected++;
            bool last = payload.Length < blockSize;
            if (last || ++inWindow == window)
            {
                await AckAsync(socket, block, transferId);
                inWindow = 0;
            }
            if (last)
                return new TftpDownload(data.ToArray(), null, null, optionAck);
        }
    }

    public static async Task<TftpDownload> SendRawAsync(IPEndPoint server, byte[] packet)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.SendToAsync(packet, server);
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        new TftpPacketReader(buffer.AsSpan(0, received.ReceivedBytes)).ReadError(out var code, out var message);
        return new TftpDownload(null, code, Encoding.UTF8.GetString(message), null);
    }

    /// <summary>Sends an ERROR, as a client that gives up does (to the transfer's port or, before any reply, the listen port).</summary>
    public static async Task ErrorAsync(Socket socket, EndPoint to, TftpErrorCode code = TftpErrorCode.NotDefined, string message = "cancelled")
    {
        var error = new byte[64];
        await socket.SendToAsync(error.AsMemory(0, TftpPacketWriter.WriteError(error, code, message)), to);
    }

    public static async Task AckAsync(Socket socket, ushort block, EndPoint server)
    {
        var ack = new byte[4];
        TftpPacketWriter.WriteAck(ack, block);
        await socket.SendToAsync(ack, server);
    }

    /// <summary>
    /// The listen loop takes datagrams in order: once a refused probe is answered, everything sent before it has
    /// been decided on (and counted).
    /// </summary>
    public static async Task ListenLoopCaughtUpAsync(IPEndPoint server)
    {
        var reply = await SendRawAsync(server, [0, 9, 0, 0]);
        Xunit.Assert.Equal(TftpErrorCode.IllegalOperation, reply.Error);
    }

    /// <summary>Waits for <paramref name="condition"/>, failing the test after <paramref name="patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            Xunit.Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
