using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// Many DHCP clients at once, as a relay agent would send them (giaddr = <paramref name="relay"/>, replies come back
/// to its port 67): DISCOVER, REQUEST the offer, and record every ACK that arrives. Keeps <c>window</c> exchanges in
/// flight, so the server sees concurrent commits.
/// </summary>
internal sealed class DhcpLoadGenerator(Socket socket, IPAddress relay, IPEndPoint server) : IDisposable
{
    private readonly ConcurrentDictionary<string, IPAddress> _acked = new();
    private readonly ConcurrentDictionary<string, IPAddress> _offered = new();

    /// <summary>Client MAC -> address, for every ACK received so far.</summary>
    public IReadOnlyDictionary<string, IPAddress> Acked => _acked;

    /// <summary>Client MAC -> address, for every OFFER received so far.</summary>
    public IReadOnlyDictionary<string, IPAddress> Offered => _offered;

    public static string Mac(int i) => $"02:77:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}:01";

    public static DhcpLoadGenerator Create(string networkNamespace, IPAddress relay, IPEndPoint server)
    {
        var socket = NamespaceSocket.CreateUdp(networkNamespace);
        socket.Bind(new IPEndPoint(relay, 67));
        return new DhcpLoadGenerator(socket, relay, server);
    }

    /// <summary>Runs a full exchange for each MAC; returns when all are ACKed or NAKed, or on <paramref name="stop"/>.</summary>
    public Task RunAsync(IReadOnlyList<string> macs, int window, CancellationToken stop) => ExchangeAsync(macs, window, requestOffers: true, stop);

    /// <summary>Only DISCOVERs: collects what each MAC is offered (see <see cref="Offered"/>).</summary>
    public Task DiscoverAsync(IReadOnlyList<string> macs, int window, CancellationToken stop) => ExchangeAsync(macs, window, requestOffers: false, stop);

    private async Task ExchangeAsync(IReadOnlyList<string> macs, int window, bool requestOffers, CancellationToken stop)
    {
        var clients = macs.Select((mac, i) => new DhcpTestPackets(mac) { TransactionId = (uint)(i + 1), RelayAddress = relay, ParameterRequestList = [1, 3, 6] }).ToArray();
        using var slots = new SemaphoreSlim(window);
        var finished = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = stop.Register(() => done.TrySetCanceled());

        void Finish()
        {
            slots.Release();
            if (Interlocked.Increment(ref finished) == clients.Length) done.TrySetResult();
        }

        var receive = Task.Run(async () =>
        {
            var buffer = new byte[1500];
            while (!done.Task.IsCompleted)
            {
                int length;
                try { length = (await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), stop)).ReceivedBytes; }
                catch (OperationCanceledException) { return; }
                catch (SocketException) { continue; }
                var packet = buffer[..length];
                var xid = (uint)(packet[4] << 24 | packet[5] << 16 | packet[6] << 8 | packet[7]);
                if (xid == 0 || xid > clients.Length) continue;
                var client = clients[xid - 1];
                var reply = DhcpTestReply.Read(packet);
                var mac = macs[(int)xid - 1];
                switch (reply.Type)
                {
                    case DhcpMessageType.Offer:
                        _offered[mac] = reply.YourAddress;
                        if (requestOffers) await SendAsync(client.Select(reply.YourAddress, reply.AddressOption(DhcpOptionCode.ServerIdentifier)!), stop);
                        else Finish();
                        break;
                    case DhcpMessageType.Ack:
                        _acked[mac] = reply.YourAddress;
                        Finish();
                        break;
                    case DhcpMessageType.Nak:
                        Finish();
                        break;
                }
            }
        }, CancellationToken.None);

        try
        {
            foreach (var client in clients)
            {
                await slots.WaitAsync(stop);
                await SendAsync(client.Discover(), stop);
            }
            await done.Task;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            done.TrySetResult();
            socket.Close(); // ends the receive loop; a generator is used once
            try { await receive; } catch (Exception) { }
        }
    }

    private async ValueTask SendAsync(byte[] packet, CancellationToken stop)
    {
        try { await socket.SendToAsync(packet, server, stop); }
        catch (SocketException) { } // the server may be gone (that is the point of the crash test)
    }

    public void Dispose() => socket.Dispose();
}
