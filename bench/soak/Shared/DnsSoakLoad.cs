using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;

namespace Pint.Soak;

/// <summary>
/// Asks local (host-record, addn-hosts) and forwarded names at a steady rate and checks each answer's address.
/// Query ids index the outstanding table, so a reply is matched to exactly the query that caused it.
/// </summary>
public sealed class DnsSoakLoad(IPEndPoint server, int queriesPerSecond, SoakCounters counters)
{
    private const int Unused = -1;
    private readonly SoakDnsNames _names = new();
    private readonly int[] _outstanding = Enumerable.Repeat(Unused, 65536).ToArray();

    /// <summary>The port answers come back to (for <see cref="UdpDrops"/>).</summary>
    public int LocalPort { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 << 20; // a pause in this process must not lose answers the server did send
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(server);
        LocalPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
        using var receiving = new CancellationTokenSource();
        var receive = Task.Run(() => ReceiveAsync(socket, receiving.Token));

        var clock = Stopwatch.StartNew();
        var buffer = new byte[512];
        long sent = 0;
        var random = new Random(7);
        while (!stop.IsCancellationRequested)
        {
            // Catch up to the target count for the time elapsed: a steady rate however coarse the timer is.
            var due = (long)(clock.Elapsed.TotalSeconds * queriesPerSecond);
            for (; sent < due; sent++)
            {
                var id = (ushort)sent;
                var name = random.Next(_names.Count);
                // Still outstanding after 65536 further queries (20 s at 3000 qps): lost. Which socket dropped it,
                // UdpDrops tells; the counts alone are enough here.
                if (Interlocked.Exchange(ref _outstanding[id], name) != Unused) Interlocked.Increment(ref counters.DnsLost);
                var length = Query(buffer, id, _names.Wire[name]);
                try { await socket.SendAsync(buffer.AsMemory(0, length), SocketFlags.None, CancellationToken.None); }
                catch (SocketException e) { counters.Report(ref counters.Errors, $"dns: send failed: {e.SocketErrorCode}"); }
                Interlocked.Increment(ref counters.DnsSent);
            }
            try { await Task.Delay(5, stop); } catch (OperationCanceledException) { }
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // the last answers
        receiving.Cancel();
        try { await receive; } catch (OperationCanceledException) { }
        Interlocked.Add(ref counters.DnsLost, _outstanding.Count(n => n != Unused));
    }

    private static int Query(Span<byte> buffer, ushort id, ReadOnlySpan<byte> name)
    {
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(id, 0x0100, 1, 0, 0, 0)); // RD
        writer.TryWriteQuestion(name, DnsType.A, 1);
        return writer.Position;
    }

    private async Task ReceiveAsync(Socket socket, CancellationToken stop)
    {
        var buffer = new byte[4096];
        while (true)
        {
            int length;
            try { length = await socket.ReceiveAsync(buffer, SocketFlags.None, stop); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                counters.Report(ref counters.Errors, "dns: port unreachable (is the server down?)");
                continue;
            }
            if (length < 12) { counters.Report(ref counters.DnsWrong, $"dns: {length}-byte reply"); continue; }
            var id = BinaryPrimitives.ReadUInt16BigEndian(buffer);
            var name = Interlocked.Exchange(ref _outstanding[id], Unused);
            if (name == Unused) { counters.Report(ref counters.DnsWrong, $"dns: reply id {id} matches no outstanding query"); continue; }
            Interlocked.Increment(ref counters.DnsAnswered);
            if (Check(buffer.AsSpan(0, length), _names.Wire[name], _names.Addresses[name]) is { } problem)
                counters.Report(ref counters.DnsWrong, $"dns: {DnsName.ToText(_names.Wire[name])}: {problem}");
        }
    }

    /// <summary>Null when the reply is NOERROR, asks the same question and answers the expected address; else what is wrong.</summary>
    private static string? Check(ReadOnlySpan<byte> reply, byte[] expectedName, uint expectedAddress)
    {
        var reader = new DnsMessageReader(reply);
        if (reader.ReadHeader(out var header) != DnsRejection.None) return "header does not parse";
        if ((header.Flags & 0x000f) != 0) return $"rcode {header.Flags & 0x000f}";
        if (header.QuestionCount != 1) return $"{header.QuestionCount} questions";
        Span<byte> name = stackalloc byte[255];
        if (reader.ReadName(name, out var length) != DnsRejection.None || !reader.TrySkip(4)) return "question does not parse";
        if (!DnsName.EqualsIgnoreCase(name[..length], expectedName)) return $"question is {DnsName.ToText(name[..length])}";
        for (var i = 0; i < header.AnswerCount; i++)
        {
            if (reader.ReadRecord(name, out length, out var record) != DnsRejection.None) return $"answer {i} does not parse";
            if (record.Type != DnsType.A) continue;
            var address = record.DataLength == 4 ? BinaryPrimitives.ReadUInt32BigEndian(reply[record.DataOffset..]) : 0;
            return address == expectedAddress ? null : $"answered {SoakSite.Text(address)}, expected {SoakSite.Text(expectedAddress)}";
        }
        return $"no A record among {header.AnswerCount} answers";
    }
}
