using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Pint.Engine.Tftp;

namespace Pint.Soak;

/// <summary>
/// Downloads the TFTP root's files again and again, half the clients in plain 512-byte lock-step and half with a
/// large block and a window (RFC 2348, RFC 7440), and checks each file's SHA-256.
/// </summary>
public sealed class TftpSoakLoad(IPEndPoint server, IReadOnlyDictionary<string, byte[]> files, int downloadsInFlight, SoakCounters counters)
{
    private static readonly TimeSpan PacketTimeout = TimeSpan.FromSeconds(5);

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, downloadsInFlight).Select(slot => Task.Run(() => ClientLoopAsync(slot, stop))));

    private async Task ClientLoopAsync(int slot, CancellationToken stop)
    {
        var options = slot % 2 == 0 ? default : new TftpOptionSet(1468, null, null, 8);
        var names = files.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var n = slot; !stop.IsCancellationRequested; n++)
        {
            var name = names[n % names.Length];
            try
            {
                var hash = await DownloadAsync(name, options);
                if (hash is null) continue;
                if (hash.AsSpan().SequenceEqual(files[name])) Interlocked.Increment(ref counters.TftpFiles);
                else counters.Report(ref counters.TftpWrong, $"tftp: {name} arrived with a different SHA-256");
            }
            catch (Exception e) when (e is SocketException or TimeoutException or OperationCanceledException or InvalidDataException)
            {
                counters.Report(ref counters.Errors, $"tftp: {name}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>The SHA-256 of what arrived, or null after the server sent an ERROR (counted).</summary>
    private async Task<byte[]?> DownloadAsync(string name, TftpOptionSet options)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[70000];
        var ack = new byte[4];
        await socket.SendToAsync(buffer.AsMemory(0, TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, name, TftpMode.Octet, options)), server);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int blockSize = TftpOptionSet.DefaultBlockSize, window = 1, inWindow = 0;
        ushort expected = 1;
        while (true)
        {
            using var timeout = new CancellationTokenSource(PacketTimeout);
            SocketReceiveFromResult received;
            try { received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"nothing from the server for {PacketTimeout.TotalSeconds} s at block {expected} (client port {((IPEndPoint)socket.LocalEndPoint!).Port})"); }
            var transfer = received.RemoteEndPoint;
            var reader = new TftpPacketReader(buffer.AsSpan(0, received.ReceivedBytes));
            if (reader.ReadError(out var code, out var message) == TftpRejection.None)
            {
                counters.Report(ref counters.Errors, $"tftp: {name}: server error {code} {Encoding.UTF8.GetString(message)}");
                return null;
            }
            if (reader.ReadOptionAck(out var accepted) == TftpRejection.None)
            {
                blockSize = accepted.BlockSize ?? blockSize;
                window = accepted.WindowSize ?? window;
                TftpPacketWriter.WriteAck(ack, 0);
                await socket.SendToAsync(ack, transfer);
                continue;
            }
            if (reader.ReadData(out var block, out var payload) != TftpRejection.None)
                throw new InvalidDataException($"unexpected packet {Convert.ToHexString(buffer, 0, Math.Min(16, received.ReceivedBytes))}");
            if (block != expected)
            {
                // Out of order (a retransmission after a slow ACK): say again what we have.
                TftpPacketWriter.WriteAck(ack, (ushort)(expected - 1));
                await socket.SendToAsync(ack, transfer);
                inWindow = 0;
                continue;
            }
            hash.AppendData(payload);
            Interlocked.Add(ref counters.TftpBytes, payload.Length);
            expected++;
            var last = payload.Length < blockSize;
            if (last || ++inWindow == window)
            {
                TftpPacketWriter.WriteAck(ack, block);
                await socket.SendToAsync(ack, transfer);
                inWindow = 0;
            }
            if (last) return hash.GetHashAndReset();
        }
    }
}
