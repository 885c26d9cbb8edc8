using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// A tiny upstream DNS server on 127.0.0.1:0 for forwarding tests. Names starting with "nx" get NXDOMAIN with an SOA
/// (TTL 60, minimum 42), "nodata" an empty NOERROR, anything else one A record with <see cref="Ttl"/>.
/// <see cref="Silent"/> makes it swallow queries (a dead server).
/// </summary>
internal sealed class FakeUpstreamDns : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private int _queries;

    public FakeUpstreamDns(IPAddress? answer = null)
    {
        Answer = answer ?? IPAddress.Parse("93.184.216.34");
        _ = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;
    public IPAddress Answer { get; }
    public uint Ttl { get; set; } = 300;
    public bool Silent { get; set; }
    public int Queries => Volatile.Read(ref _queries);
    public List<(ushort Id, int SourcePort, bool HasOpt)> Seen { get; } = [];

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try { received = await _udp.ReceiveAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _queries);
            var query = received.Buffer;
            lock (Seen) Seen.Add((BinaryPrimitives.ReadUInt16BigEndian(query), received.RemoteEndPoint.Port, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(10)) > 0));
            if (Silent) continue;
            var reply = BuildReply(query);
            await _udp.SendAsync(reply, received.RemoteEndPoint);
        }
    }

    private byte[] BuildReply(byte[] query)
    {
        var reader = new DnsMessageReader(query);
        reader.ReadHeader(out var header);
        Span<byte> name = stackalloc byte[255];
        reader.ReadName(name, out int nameLength);
        reader.TryReadUInt16(out ushort type);
        var qname = name[..nameLength].ToArray();
        string text = DnsName.ToText(qname).ToLowerInvariant();
        var buffer = new byte[512];
        var writer = new DnsMessageWriter(buffer);
        bool nx = text.StartsWith("nx"), nodata = text.StartsWith("nodata");
        writer.TryWriteHeader(new DnsHeader(header.Id, (ushort)(0x8180 | (nx ? 3 : 0)), 1, (ushort)(nx || nodata ? 0 : 1), (ushort)(nx ? 1 : 0), 0));
        writer.TryWriteQuestion(qname, (DnsType)type, 1);
        if (nx)
        {
            var soa = new byte[22];
            soa[0] = 0; soa[1] = 0; // mname and rname: root
            BinaryPrimitives.WriteUInt32BigEndian(soa.AsSpan(18), 42);
            writer.TryWriteRecord("\u0007example\0"u8, DnsType.SOA, 60, soa);
        }
        else if (!nodata)
        {
            writer.TryWriteRecord(qname, DnsType.A, Ttl, Answer.GetAddressBytes());
        }
        return buffer[..writer.Position];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
    }
}
