using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Net;

namespace Pint.Soak;

/// <summary>
/// Clients with ever new MACs, each DISCOVER, REQUEST, RELEASE, sent as a relay (giaddr 127.0.0.2) so replies come
/// back unicast on loopback. Every ACK must be in the range and held by no other client; the lease file keeps
/// growing with new clients and must compact.
/// </summary>
public sealed class DhcpSoakLoad(int clientsInFlight, int exchangesPerSecond, SoakCounters counters)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<byte[]>> _waiting = new();
    private readonly ConcurrentDictionary<uint, long> _held = new(); // address -> client number
    private readonly IPEndPoint _server = new(SoakSite.Server, 67);
    private long _nextClient;

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        // The server holds 0.0.0.0:67 with SO_REUSEADDR; a more specific bind receives what is sent to the relay.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(SoakSite.Relay, 67));
        using var receiving = new CancellationTokenSource();
        var receive = Task.Run(() => ReceiveAsync(socket, receiving.Token));
        var perClientInterval = TimeSpan.FromSeconds((double)clientsInFlight / exchangesPerSecond);
        await Task.WhenAll(Enumerable.Range(0, clientsInFlight).Select(_ => Task.Run(() => ClientLoopAsync(socket, perClientInterval, stop))));
        receiving.Cancel();
        try { await receive; } catch (OperationCanceledException) { }
    }

    private async Task ClientLoopAsync(Socket socket, TimeSpan interval, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var exchanges = 0;
        while (!stop.IsCancellationRequested)
        {
            await ExchangeAsync(socket, Interlocked.Increment(ref _nextClient));
            var wait = interval * ++exchanges - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { }
        }
    }

    private async Task ExchangeAsync(Socket socket, long client)
    {
        var mac = new byte[6];
        mac[0] = 0x02; mac[1] = 0x50;
        BinaryPrimitives.WriteUInt32BigEndian(mac.AsSpan(2), (uint)client);
        var xid = (uint)client;

        var offer = await AskAsync(socket, xid, Packet(DhcpMessageType.Discover, mac, xid, 0, 0, 0), "OFFER");
        if (offer is null) return;
        if (!Read(offer, out var offerType, out var offered, out var serverId) || offerType != DhcpMessageType.Offer)
        {
            counters.Report(ref counters.DhcpWrong, $"dhcp: client {client}: {offerType} instead of OFFER");
            return;
        }
        if (offered < SoakSite.RangeStart || offered > SoakSite.RangeEnd)
            counters.Report(ref counters.DhcpWrong, $"dhcp: client {client}: offered {SoakSite.Text(offered)}, outside the range");

        var ack = await AskAsync(socket, xid, Packet(DhcpMessageType.Request, mac, xid, 0, offered, serverId), "ACK");
        if (ack is null) return;
        if (!Read(ack, out var ackType, out var address, out _) || ackType != DhcpMessageType.Ack || address != offered)
        {
            counters.Report(ref counters.DhcpWrong, $"dhcp: client {client}: {ackType} {SoakSite.Text(address)} after OFFER {SoakSite.Text(offered)}");
            return;
        }
        if (!_held.TryAdd(address, client))
            counters.Report(ref counters.DhcpWrong, $"dhcp: client {client} ACKed {SoakSite.Text(address)}, which client {_held.GetValueOrDefault(address)} holds");
        Interlocked.Increment(ref counters.DhcpAcks);

        // Forget the lease before releasing it: the server may hand it out again as soon as RELEASE arrives.
        _held.TryRemove(new KeyValuePair<uint, long>(address, client));
        await SendAsync(socket, Packet(DhcpMessageType.Release, mac, xid, address, 0, serverId));
    }

    private async Task<byte[]?> AskAsync(Socket socket, uint xid, byte[] packet, string expecting)
    {
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[xid] = reply;
        try
        {
            await SendAsync(socket, packet);
            return await reply.Task.WaitAsync(ReplyTimeout);
        }
        catch (TimeoutException)
        {
            counters.Report(ref counters.Errors, $"dhcp: no {expecting} for xid {xid} within {ReplyTimeout.TotalSeconds} s");
            return null;
        }
        finally { _waiting.TryRemove(xid, out _); }
    }

    private async Task SendAsync(Socket socket, byte[] packet)
    {
        try { await socket.SendToAsync(packet, SocketFlags.None, _server); }
        catch (SocketException e) { counters.Report(ref counters.Errors, $"dhcp: send failed: {e.SocketErrorCode}"); }
    }

    private async Task ReceiveAsync(Socket socket, CancellationToken stop)
    {
        var buffer = new byte[1500];
        while (true)
        {
            var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stop);
            if (received.ReceivedBytes < 240) { counters.Report(ref counters.DhcpWrong, $"dhcp: {received.ReceivedBytes}-byte reply"); continue; }
            var xid = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4));
            if (_waiting.TryGetValue(xid, out var waiter)) waiter.TrySetResult(buffer[..received.ReceivedBytes]);
            else if (buffer[0] == 2) counters.Report(ref counters.Errors, $"dhcp: late or unasked reply for xid {xid}");
        }
    }

    private static byte[] Packet(DhcpMessageType type, byte[] mac, uint xid, uint clientAddress, uint requested, uint serverId)
    {
        var buffer = new byte[576];
        var writer = new DhcpPacketWriter(buffer);
        writer.WriteHeader(reply: false, 1, mac, 1, xid, 0, 0);
        writer.WriteAddresses(clientAddress, 0, 0, Ipv4.ToValue(SoakSite.Relay));
        writer.TryWriteOption(DhcpOptionCode.MessageType, (byte)type);
        if (requested != 0) writer.TryWriteOption(DhcpOptionCode.RequestedAddress, requested);
        if (serverId != 0) writer.TryWriteOption(DhcpOptionCode.ServerIdentifier, serverId);
        return buffer[..writer.Finish()];
    }

    private static bool Read(byte[] packet, out DhcpMessageType type, out uint yourAddress, out uint serverId)
    {
        type = default; yourAddress = 0; serverId = 0;
        if (!DhcpPacketReader.TryRead(packet, out var reader, out _)) return false;
        type = reader.MessageType;
        yourAddress = reader.YourAddressValue;
        if (reader.TryGetOption(DhcpOptionCode.ServerIdentifier, out var id) && id.Length == 4) serverId = BinaryPrimitives.ReadUInt32BigEndian(id);
        return true;
    }
}
