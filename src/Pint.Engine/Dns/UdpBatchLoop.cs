using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Pint.Engine.Dns.UdpSyscalls;

namespace Pint.Engine.Dns;

/// <summary>
/// The Linux UDP receive loop: recvmmsg takes every query waiting on the socket in one system call, and sendmmsg
/// sends all their local answers in one more. Under load that is two calls per batch instead of two per query,
/// which is where a DNS server spends most of its CPU. Buffers and message headers live in native memory the
/// kernel writes into directly; nothing is allocated per query. On a wildcard socket each answer carries a control
/// message that sends it from the address its query was sent to (<see cref="UdpReplySource"/>). Under load the
/// loop waits a moment between batches so each wake-up answers more queries (<see cref="UdpBatchNap"/>).
/// </summary>
internal sealed unsafe class UdpBatchLoop : IDisposable
{
    private const int Slots = 32;
    private const int ReceiveSize = 4096; // a DNS query over UDP; a longer datagram is cut (MSG_TRUNC) and dropped
    private const int AddressSize = 32;   // sockaddr_in6 is 28 bytes
    private const int ControlSize = UdpReplySource.ControlSpace;
    private const int MsgWaitForOne = 0x10000, MsgTrunc = 0x20;

    private readonly int _replySize;
    private readonly byte* _memory;
    private readonly MMsgHdr* _receive, _send;
    private readonly IoVec* _receiveIov, _sendIov;
    private readonly byte* _addresses, _receiveControl, _sendControl, _receiveBuffers, _replyBuffers;

    /// <summary>The most queries one recvmmsg takes.</summary>
    public const int BatchSize = Slots;

    public UdpBatchLoop(int replySize)
    {
        _replySize = replySize;
        nuint total = (nuint)(Slots * (2 * sizeof(MMsgHdr) + 2 * sizeof(IoVec) + AddressSize + 2 * ControlSize + ReceiveSize + replySize));
        _memory = (byte*)NativeMemory.AllocZeroed(total);
        byte* p = _memory;
        _receive = (MMsgHdr*)p; p += Slots * sizeof(MMsgHdr);
        _send = (MMsgHdr*)p; p += Slots * sizeof(MMsgHdr);
        _receiveIov = (IoVec*)p; p += Slots * sizeof(IoVec);
        _sendIov = (IoVec*)p; p += Slots * sizeof(IoVec);
        _addresses = p; p += Slots * AddressSize;
        _receiveControl = p; p += Slots * ControlSize;
        _sendControl = p; p += Slots * ControlSize;
        _receiveBuffers = p; p += Slots * ReceiveSize;
        _replyBuffers = p;
        for (int i = 0; i < Slots; i++)
        {
            _receiveIov[i].Base = _receiveBuffers + i * ReceiveSize;
            _receive[i].Header.Name = _addresses + i * AddressSize;
            _receive[i].Header.Iov = &_receiveIov[i];
            _receive[i].Header.IovLength = 1;
            _receive[i].Header.Control = _receiveControl + i * ControlSize;
            _sendIov[i].Base = _replyBuffers + i * replySize;
            _send[i].Header.Iov = &_sendIov[i];
            _send[i].Header.IovLength = 1;
        }
    }

    /// <summary>True where recvmmsg exists (Linux); elsewhere the server uses one ReceiveFrom per query.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// Serves <paramref name="socket"/> until it is closed or <paramref name="cancellationToken"/> fires.
    /// <paramref name="forward"/> takes the queries that go upstream (query bytes, the client's address, the address
    /// the query was sent to, the upstream group).
    /// </summary>
    /// <param name="localService">local-service: queries from clients it does not admit are dropped; null admits everyone.</param>
    /// <param name="gate">Shared by the threads of one socket; a helper (not <paramref name="primary"/>) serves only while it is open.</param>
    public void Run(Socket socket, DnsResponder responder, LocalServiceFilter? localService, Action<ForwardedQuery, SocketAddress, UdpReplySource> forward,
        UdpLoadGate gate, bool primary, CancellationToken cancellationToken)
    {
        // A receive timeout so a blocked recvmmsg notices the stop request even if closing the socket does not wake it.
        Span<byte> timeval = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(timeval, 0);
        BinaryPrimitives.WriteInt64LittleEndian(timeval[8..], 250_000);
        socket.SetRawSocketOption(1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeval);
        var family = socket.AddressFamily;

        // Hold a reference on the handle: the descriptor number cannot be closed and handed to another socket while
        // this loop still uses it. Stopping shuts the socket down, which wakes recvmmsg; the close follows the release.
        bool referenced = false;
        socket.SafeHandle.DangerousAddRef(ref referenced);
        try
        {
            Serve((int)socket.SafeHandle.DangerousGetHandle(), family, UdpReplySource.IPv4Of(socket.LocalEndPoint), responder, localService, forward, gate, primary, cancellationToken);
        }
        finally
        {
            if (referenced) socket.SafeHandle.DangerousRelease();
        }
    }

    private void Serve(int fd, AddressFamily family, uint bound, DnsResponder responder, LocalServiceFilter? localService,
        Action<ForwardedQuery, SocketAddress, UdpReplySource> forward, UdpLoadGate gate, bool primary, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!primary && !gate.IsOpen && !gate.WaitForLoad(cancellationToken)) continue;
            for (int i = 0; i < Slots; i++)
            {
                _receiveIov[i].Length = ReceiveSize;
                _receive[i].Header.NameLength = AddressSize;
                _receive[i].Header.ControlLength = ControlSize;
                _receive[i].Header.Flags = 0;
            }
            int received = RecvMMsg(fd, _receive, Slots, MsgWaitForOne, null);
            if (received < 0)
            {
                if (!SocketGone(Marshal.GetLastPInvokeError())) continue;
                return; // the socket was closed
            }
            if (received == 0) return; // shut down
            if (primary) gate.Report(received);

            uint replies = 0;
            for (int i = 0; i < received; i++)
            {
                ref var message = ref _receive[i];
                if ((message.Header.Flags & MsgTrunc) != 0) continue;
                if (message.Header.NameLength == 0) continue; // no sender: the wakeup of a shutdown, not a datagram
                if (localService is not null && !localService.Admits(family, new ReadOnlySpan<byte>(message.Header.Name, (int)message.Header.NameLength))) continue;
                var query = new ReadOnlySpan<byte>(_receiveBuffers + i * ReceiveSize, (int)message.Length);
                var reply = new Span<byte>(_replyBuffers + replies * (uint)_replySize, _replySize);
                var destination = DestinationOf(message);
                var result = responder.Respond(query, reply, overTcp: false, destination.IsKnown ? destination.IPv4 : bound);
                if (result.Action == DnsResponderAction.Reply)
                {
                    ref var send = ref _send[replies];
                    send.Header.Name = message.Header.Name;
                    send.Header.NameLength = message.Header.NameLength;
                    var control = _sendControl + replies * ControlSize;
                    int controlLength = destination.Write(new Span<byte>(control, ControlSize));
                    send.Header.Control = controlLength > 0 ? control : null;
                    send.Header.ControlLength = (nuint)controlLength;
                    _sendIov[replies].Length = (nuint)result.Length;
                    replies++;
                }
                else if (result.Action == DnsResponderAction.Forward)
                {
                    var client = new SocketAddress(family, (int)message.Header.NameLength);
                    new ReadOnlySpan<byte>(message.Header.Name, (int)message.Header.NameLength).CopyTo(client.Buffer.Span);
                    forward(result.Forward!, client, destination);
                }
            }
            for (uint sent = 0; sent < replies;)
            {
                int n = SendMMsg(fd, _send + sent, replies - sent, 0);
                if (n <= 0)
                {
                    // One bad destination (EPERM, unreachable) must not hold back the rest: skip it.
                    if (Marshal.GetLastPInvokeError() == Eintr) continue;
                    sent++;
                    continue;
                }
                sent += (uint)n;
            }
            if (UdpBatchNap.After(received, Slots)) UdpBatchNap.Take();
        }
    }

    private static UdpReplySource DestinationOf(in MMsgHdr message) =>
        UdpReplySource.Read(new ReadOnlySpan<byte>(message.Header.Control, (int)message.Header.ControlLength));

    public void Dispose() => NativeMemory.Free(_memory);
}
