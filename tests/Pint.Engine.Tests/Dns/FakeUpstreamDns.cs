using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// A tiny upstream DNS server on 127.0.0.1:0 for forwarding tests. Names starting with "nx" get NXDOMAIN with an SOA
/// of their parent (TTL 60, minimum 42), "nodata" an empty NOERROR, anything else one A record with <see cref="Ttl"/>.
/// <see cref="Silent"/> makes it swallow queries (a dead server). With <c>typed</c>, AAAA questions get
/// <see cref="AnswerV6"/> and other types than A/AAAA an empty NOERROR, like a real server. It also answers over TCP
/// on the same port (dnsmasq forwards TCP queries over TCP). Like a real server it sets TC on a UDP reply larger than
/// the query allows (512 bytes, or its EDNS size) and sends only header and question. <see cref="Addresses"/> and
/// <see cref="Cnames"/> give names answers of their own; <see cref="Rewrite"/> and <see cref="TcpRewrite"/> turn a
/// reply into other bytes (garbage, forgeries); <see cref="Authoritative"/> sets AA.
/// </summary>
internal sealed class FakeUpstreamDns : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Socket _tcp = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _typed;
    private int _queries, _tcpQueries, _tcpConnections;

    public FakeUpstreamDns(IPAddress? answer = null, bool typed = false)
    {
        Answer = answer ?? IPAddress.Parse("93.184.216.34");
        _typed = typed;
        _ = Task.Run(ServeAsync);
        try
        {
            _tcp.Bind(EndPoint);
            _tcp.Listen(16);
            _ = Task.Run(ServeTcpAsync);
        }
        catch (SocketException) { } // the port is taken for TCP: UDP only
    }

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;
    public IPAddress Answer { get; }
    public IPAddress AnswerV6 { get; init; } = IPAddress.Parse("2001:db8::53");
    public uint Ttl { get; set; } = 300;
    public bool Silent { get; set; }
    /// <summary>Sets AA on every reply, as an authoritative server does.</summary>
    public bool Authoritative { get; set; }
    /// <summary>Answers every UDP query with TC and no records (a server that wants TCP).</summary>
    public bool TruncateUdp { get; set; }
    /// <summary>TCP: read queries but answer none (a server that accepts connections and hangs).</summary>
    public bool SilentTcp { get; set; }
    /// <summary>TCP: close the connection after each reply (a server that does not keep connections open).</summary>
    public bool CloseTcpAfterReply { get; set; }
    /// <summary>
    /// TCP: answer this many queries on a connection, then close it on the next query without answering (a server
    /// whose idle timeout struck just as the query arrived). Null: no limit.
    /// </summary>
    public int? TcpRepliesPerConnection { get; set; }
    /// <summary>UDP and TCP queries together.</summary>
    public int Queries => Volatile.Read(ref _queries);
    public int TcpQueries => Volatile.Read(ref _tcpQueries);
    /// <summary>TCP connections accepted, to tell a reused connection from a new one.</summary>
    public int TcpConnections => Volatile.Read(ref _tcpConnections);
    public List<(ushort Id, int SourcePort, bool HasOpt)> Seen { get; } = [];
    /// <summary>Names answered with these addresses instead of <see cref="Answer"/> (A gets the IPv4 ones, AAAA the IPv6 ones).</summary>
    public Dictionary<string, IPAddress[]> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Aliases answered with a CNAME to their target followed by the target's addresses.</summary>
    public Dictionary<string, string> Cnames { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>UDP only: the datagrams sent for (query, reply) instead of the reply; none is silence.</summary>
    public Func<byte[], byte[], byte[][]>? Rewrite { get; set; }
    /// <summary>TCP only: the bytes sent for (query, length-prefixed reply) instead of that reply.</summary>
    public Func<byte[], byte[], byte[]>? TcpRewrite { get; set; }
    /// <summary>Queries asked per lower-case name, to tell what was cached.</summary>
    public int QueriesFor(string name) { lock (_asked) return _asked.GetValueOrDefault(name.ToLowerInvariant()); }
    /// <summary>Of those, the ones asked over TCP.</summary>
    public int TcpQueriesFor(string name) { lock (_asked) return _askedTcp.GetValueOrDefault(name.ToLowerInvariant()); }

    private readonly Dictionary<string, int> _asked = [], _askedTcp = [];

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
            var reply = LimitUdp(query, BuildReply(query, tcp: false));
            foreach (var datagram in Rewrite?.Invoke(query, reply) ?? [reply])
                await _udp.SendAsync(datagram, received.RemoteEndPoint);
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await _tcp.AcceptAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _tcpConnections);
            _ = Task.Run(async () =>
            {
                using var _ = connection;
                var prefix = new byte[2];
                int replied = 0;
                try
                {
                    while (await connection.ReceiveAsync(prefix, SocketFlags.None, _stop.Token) == 2)
                    {
                        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                        int read = 0;
                        while (read < query.Length)
                        {
                            int n = await connection.ReceiveAsync(query.AsMemory(read), SocketFlags.None, _stop.Token);
                            if (n == 0) return;
                            read += n;
                        }
                        Interlocked.Increment(ref _queries);
                        Interlocked.Increment(ref _tcpQueries);
                        if (replied == TcpRepliesPerConnection) return;
                        var reply = BuildReply(query, tcp: true);
                        if (SilentTcp) continue;
                        replied++;
                        var framed = DnsTestMessages.Frame(reply);
                        await connection.SendAsync(TcpRewrite?.Invoke(query, framed) ?? framed, SocketFlags.None, _stop.Token);
                        if (CloseTcpAfterReply) return;
                    }
                }
                catch (Exception) { }
            });
        }
    }

    private byte[] BuildReply(byte[] query, bool tcp)
    {
        var reader = new DnsMessageReader(query);
        reader.ReadHeader(out var header);
        Span<byte> name = stackalloc byte[255];
        reader.ReadName(name, out int nameLength);
        reader.TryReadUInt16(out ushort type);
        var qname = name[..nameLength].ToArray();
        string text = DnsName.ToText(qname).ToLowerInvariant();
        lock (_asked)
        {
            _asked[text] = _asked.GetValueOrDefault(text) + 1;
            if (tcp) _askedTcp[text] = _askedTcp.GetValueOrDefault(text) + 1;
        }
        if (Cnames.ContainsKey(text) || Addresses.ContainsKey(text)) return BuildNamedReply(header, qname, text, (DnsType)type);
        var buffer = new byte[512];
        var writer = new DnsMessageWriter(buffer);
        bool nx = text.StartsWith("nx"), nodata = text.StartsWith("nodata") || (_typed && (DnsType)type is not (DnsType.A or DnsType.AAAA));
        var answer = _typed && (DnsType)type == DnsType.AAAA ? AnswerV6 : Answer;
        // Like a real server, typed mode answers EDNS with EDNS.
        bool opt = _typed && header.AdditionalCount > 0;
        writer.TryWriteHeader(new DnsHeader(header.Id, (ushort)(ReplyFlags | (nx ? 3 : 0)), 1, (ushort)(nx || nodata ? 0 : 1), (ushort)(nx ? 1 : 0), (ushort)(opt ? 1 : 0)));
        writer.TryWriteQuestion(qname, (DnsType)type, 1);
        if (nx)
        {
            var soa = new byte[22];
            soa[0] = 0; soa[1] = 0; // mname and rname: root
            BinaryPrimitives.WriteUInt32BigEndian(soa.AsSpan(18), 42);
            writer.TryWriteRecord(DnsName.Parent(qname), DnsType.SOA, 60, soa);
        }
        else if (!nodata)
        {
            writer.TryWriteRecord(qname, answer.AddressFamily == AddressFamily.InterNetworkV6 ? DnsType.AAAA : DnsType.A, Ttl, answer.GetAddressBytes());
        }
        if (opt) writer.TryWriteOpt(1232);
        return buffer[..writer.Position];
    }

    /// <summary>A name from <see cref="Addresses"/> or <see cref="Cnames"/>: the CNAME, then the addresses of the asked type.</summary>
    private byte[] BuildNamedReply(DnsHeader header, byte[] qname, string text, DnsType type)
    {
        var buffer = new byte[65535];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(default);
        writer.TryWriteQuestion(qname, type, 1);
        ushort answers = 0;
        var owner = qname;
        if (Cnames.TryGetValue(text, out var target) && type != DnsType.CNAME)
        {
            var targetName = DnsName.FromText(target);
            writer.TryWriteRecordStart(owner, DnsType.CNAME, Ttl, out int at);
            writer.TryWriteName(targetName, compress: false);
            writer.TryEndRecord(at);
            answers++;
            owner = targetName;
            text = target.ToLowerInvariant();
        }
        foreach (var address in Addresses.GetValueOrDefault(text) ?? [])
        {
            bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            if ((type == DnsType.A && !v6) || (type == DnsType.AAAA && v6) || type == DnsType.ANY)
            {
                writer.TryWriteRecord(owner, v6 ? DnsType.AAAA : DnsType.A, Ttl, address.GetAddressBytes());
                answers++;
            }
        }
        bool opt = _typed && header.AdditionalCount > 0;
        if (opt) writer.TryWriteOpt(1232);
        new DnsHeader(header.Id, ReplyFlags, 1, answers, 0, (ushort)(opt ? 1 : 0)).Write(writer.Buffer);
        return buffer[..writer.Position];
    }

    /// <summary>QR, RD, RA and, when <see cref="Authoritative"/>, AA.</summary>
    private ushort ReplyFlags => (ushort)(0x8180 | (Authoritative ? DnsFlags.Authoritative : 0));

    /// <summary>A UDP reply larger than the query allows (or any, with <see cref="TruncateUdp"/>) becomes header and question with TC.</summary>
    private byte[] LimitUdp(byte[] query, byte[] reply)
    {
        Span<byte> name = stackalloc byte[DnsFlags.MaxNameLength];
        if (DnsQuery.Parse(query, name, out var parsed) != DnsRejection.None) return reply;
        int limit = parsed.HasEdns ? Math.Max((int)parsed.EdnsUdpSize, DnsFlags.ClassicUdpLimit) : DnsFlags.ClassicUdpLimit;
        if (!TruncateUdp && reply.Length <= limit) return reply;
        var header = DnsHeader.Read(reply);
        var truncated = new byte[DnsFlags.ClassicUdpLimit];
        var writer = new DnsMessageWriter(truncated);
        bool opt = _typed && parsed.HasEdns;
        writer.TryWriteHeader(new DnsHeader(header.Id, (ushort)(header.Flags | DnsFlags.Truncated), 1, 0, 0, (ushort)(opt ? 1 : 0)));
        writer.TryWriteRaw(reply.AsSpan(DnsFlags.HeaderLength, parsed.QuestionBytes.Length - DnsFlags.HeaderLength));
        if (opt) writer.TryWriteOpt(1232);
        return truncated[..writer.Position];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Dispose();
    }
}
