using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Pint.Engine.Dns;
using Pint.Engine.Tests.Config;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// A server listening on all addresses (the default) answers UDP from the address the client asked, as dnsmasq does:
/// on loopback the route's source is 127.0.0.1 whatever 127.x address was asked, so a reply left to the route comes
/// from an address the client did not ask and is dropped (dig: "reply from unexpected source"). Linux only (on other
/// systems the source is still left to the route). Other machines' addresses are covered in namespaces by
/// <see cref="WildcardReplySourceNamespaceTests"/>.
/// </summary>
public class WildcardReplySourceTests
{
    private static readonly string[] Asked = ["127.0.0.2", "127.0.0.3", "127.0.0.1"];

    private static void RequireLinux()
    {
        if (OperatingSystem.IsLinux()) return;
        if (ConfigTestTools.IsCi) Assert.Fail("answering from the address asked is implemented on Linux only");
        Skip.Because("answering from the address asked is implemented on Linux only");
    }

    /// <summary>Asks <paramref name="server"/> from an unconnected socket that takes a reply from anywhere: the reply and where it came from.</summary>
    private static async Task<(IPAddress From, DecodedReply Reply)> AskAsync(IPEndPoint server, byte[] query)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(query, server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await client.ReceiveAsync(timeout.Token);
        return (received.RemoteEndPoint.Address, Decode(received.Buffer));
    }

    [Theory]
    [InlineData(false)] // the recvmmsg/sendmmsg batch loop
    [InlineData(true)]  // log-queries: the loop that receives and answers one query at a time
    public async Task Local_and_forwarded_answers_leave_from_the_address_asked(bool logQueries)
    {
        RequireLinux();
        using var upstream = new FakeUpstreamDns();
        var log = new List<string>();
        await using var server = new DnsServer(new DnsServerOptions
        {
            ListenEndPoints = [new IPEndPoint(IPAddress.Any, 0)],
            HostNames = [new LocalHostName("nas", IPAddress.Parse("10.77.0.5"))],
            Servers = [new(upstream.EndPoint)],
        })
        { UdpLoopsPerSocket = 1, QueryLog = logQueries ? new DnsQueryLog(line => { lock (log) log.Add(line); }) : null };
        await server.StartAsync(CancellationToken.None);
        int port = Assert.Single(server.BoundEndPoints).Port;

        for (int i = 0; i < Asked.Length; i++)
        {
            var asked = new IPEndPoint(IPAddress.Parse(Asked[i]), port);
            var (from, local) = await AskAsync(asked, Query("nas", DnsType.A));
            Assert.Equal(asked.Address, from);
            Assert.Equal(["10.77.0.5"], local.AnswerData);
            // A name of its own for each address: forwarded every time, never a cache hit.
            var (forwardedFrom, forwarded) = await AskAsync(asked, Query($"www{i}.example.com", DnsType.A));
            Assert.Equal(asked.Address, forwardedFrom);
            Assert.Equal(["93.184.216.34"], forwarded.AnswerData);
        }
        Assert.Equal(Asked.Length, upstream.Queries);
        if (logQueries) lock (log) Assert.Contains(log, l => l.Contains("www2.example.com") && l.Contains("from 127.0.0.1"));
        await server.StopAsync();
    }

    [Fact]
    public void The_batch_loop_answers_a_batch_asked_at_several_addresses_each_from_its_own_without_allocating()
    {
        RequireLinux();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        UdpReplySource.Enable(socket);
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var responder = new DnsResponder(new DnsServerOptions { HostNames = [new LocalHostName("nas", IPAddress.Parse("10.77.0.5"))] });
        using var loop = new UdpBatchLoop(1232);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        ServeBurst(loop, socket, responder, client, port); // the first round JIT-compiles and fills what is filled once
        Assert.Equal(0, ServeBurst(loop, socket, responder, client, port));
    }

    /// <summary>
    /// Queues 64 queries (two full batches) spread over three addresses, then runs the loop on this thread until
    /// another has checked every reply came from the address its query asked. Returns the bytes the loop allocated.
    /// </summary>
    private static long ServeBurst(UdpBatchLoop loop, Socket socket, DnsResponder responder, Socket client, int port)
    {
        const int Count = 2 * UdpBatchLoop.BatchSize;
        for (int id = 0; id < Count; id++) client.SendTo(Query("nas", DnsType.A, id: (ushort)id), new IPEndPoint(IPAddress.Parse(Asked[id % 3]), port));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var replies = Task.Run(() =>
        {
            try
            {
                var buffer = new byte[1232];
                var wrong = new List<string>();
                client.ReceiveTimeout = 10_000;
                for (int i = 0; i < Count; i++)
                {
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int length = client.ReceiveFrom(buffer, ref from);
                    var reply = Decode(buffer.AsSpan(0, length));
                    var asked = Asked[reply.Header.Id % 3];
                    if (((IPEndPoint)from).Address.ToString() != asked || !reply.AnswerData.SequenceEqual(["10.77.0.5"]))
                        wrong.Add($"query {reply.Header.Id} asked {asked}: answer {string.Join(",", reply.AnswerData)} from {from}");
                }
                return wrong;
            }
            finally { stop.Cancel(); }
        });
        Action<ForwardedQuery, SocketAddress, UdpReplySource> forward = (_, _, _) => Assert.Fail("nothing is forwarded");
        var gate = new UdpLoadGate(UdpBatchLoop.BatchSize);
        long before = GC.GetAllocatedBytesForCurrentThread();
        loop.Run(socket, responder, null, forward, gate, primary: true, stop.Token);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(replies.GetAwaiter().GetResult());
        return allocated;
    }

    [Fact]
    public void A_control_message_that_does_not_say_the_destination_leaves_the_reply_to_the_route()
    {
        var pktinfo = PktInfo(IPAddress.Parse("10.232.0.2"));
        Assert.Equal(IPAddress.Parse("10.232.0.2"), UdpReplySource.Read(pktinfo).Address);
        int header = IntPtr.Size + 8;
        // Cut short of its cmsg_len, a length of zero (which would never advance) or past the end, or another option: unknown, no crash.
        for (int cut = 0; cut < header + 12; cut++) Assert.False(UdpReplySource.Read(pktinfo.AsSpan(0, cut)).IsKnown);
        foreach (long length in new long[] { 0, 1, header - 1, pktinfo.Length + 1, long.MaxValue, -1 })
        {
            var bad = (byte[])pktinfo.Clone();
            WriteLength(bad, length);
            Assert.False(UdpReplySource.Read(bad).IsKnown);
        }
        var other = (byte[])pktinfo.Clone();
        MemoryMarshal.Write(other.AsSpan(IntPtr.Size + 4), 2); // IP_RECVOPTS, not IP_PKTINFO
        Assert.False(UdpReplySource.Read(other).IsKnown);
        Assert.Equal(0, default(UdpReplySource).Write(new byte[UdpReplySource.ControlSpace]));

        // Behind another control message, it is found; and what is written for the reply reads back as the same address.
        var both = other.Concat(pktinfo).ToArray();
        var source = UdpReplySource.Read(both);
        Assert.Equal(IPAddress.Parse("10.232.0.2"), source.Address);
        var written = new byte[UdpReplySource.ControlSpace];
        Assert.Equal(pktinfo.Length, source.Write(written));
        Assert.Equal(IPAddress.Parse("10.232.0.2"), UdpReplySource.Read(written).Address);
    }

    /// <summary>An IP_PKTINFO control message as the kernel writes it: ifindex 3, ipi_spec_dst <paramref name="local"/>, ipi_addr 0.</summary>
    private static byte[] PktInfo(IPAddress local)
    {
        int header = IntPtr.Size + 8, data = 12;
        var message = new byte[header + ((data + IntPtr.Size - 1) & ~(IntPtr.Size - 1))];
        WriteLength(message, header + data);
        MemoryMarshal.Write(message.AsSpan(IntPtr.Size), 0);     // SOL_IP
        MemoryMarshal.Write(message.AsSpan(IntPtr.Size + 4), 8); // IP_PKTINFO
        MemoryMarshal.Write(message.AsSpan(header), 3);
        local.GetAddressBytes().CopyTo(message, header + 4);
        return message;
    }

    private static void WriteLength(byte[] message, long length)
    {
        if (IntPtr.Size == 8) MemoryMarshal.Write(message, length);
        else MemoryMarshal.Write(message, (int)length);
    }
}
