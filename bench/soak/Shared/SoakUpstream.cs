using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;

namespace Pint.Soak;

/// <summary>
/// The forwarding target on 127.0.0.1: answers fN.up.test with <see cref="SoakSite.UpstreamAddress"/>(N) and a short
/// TTL, so Pint's cache keeps expiring and refilling for the whole run.
/// </summary>
public sealed class SoakUpstream : IDisposable
{
    public const uint Ttl = 5;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _queries;

    public SoakUpstream()
    {
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;
    public long Queries => Interlocked.Read(ref _queries);

    private async Task ServeAsync()
    {
        var buffer = new byte[1500];
        var reply = new byte[1500];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try { received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            Interlocked.Increment(ref _queries);
            var length = Answer(buffer.AsSpan(0, received.ReceivedBytes), reply);
            if (length > 0) await _socket.SendToAsync(reply.AsMemory(0, length), SocketFlags.None, received.RemoteEndPoint);
        }
    }

    private static int Answer(ReadOnlySpan<byte> query, Span<byte> reply)
    {
        var reader = new DnsMessageReader(query);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return 0;
        Span<byte> name = stackalloc byte[255];
        if (reader.ReadName(name, out var nameLength) != DnsRejection.None || !reader.TryReadUInt16(out var type)) return 0;
        var qname = name[..nameLength];
        var number = SoakDnsNames.ForwardedNumber(qname);
        var writer = new DnsMessageWriter(reply);
        var answers = (DnsType)type == DnsType.A && number >= 0 ? (ushort)1 : (ushort)0;
        writer.TryWriteHeader(new DnsHeader(header.Id, (ushort)(0x8180 | (number < 0 ? 3 : 0)), 1, answers, 0, 0));
        writer.TryWriteQuestion(qname, (DnsType)type, 1);
        if (answers == 1)
        {
            Span<byte> data = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, SoakSite.UpstreamAddress(number));
            writer.TryWriteRecord(qname, DnsType.A, Ttl, data);
        }
        return writer.Position;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
