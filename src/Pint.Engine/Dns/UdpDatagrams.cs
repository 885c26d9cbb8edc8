using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Pint.Engine.Dns.UdpSyscalls;

namespace Pint.Engine.Dns;

/// <summary>
/// One UDP datagram at a time, with the address it was sent to (<see cref="UdpReplySource"/>): recvmsg and sendmsg on
/// Linux, since .NET has no call that sends from a chosen address; elsewhere ReceiveFrom and SendTo, the reply's
/// source left to the route. Neither allocates.
/// </summary>
internal static unsafe class UdpDatagrams
{
    /// <summary>
    /// Waits for the next datagram on <paramref name="socket"/>: its length, the sender in <paramref name="client"/>
    /// and the address it was sent to in <paramref name="destination"/>. -1 once the socket is closed or failed.
    /// After a shutdown it returns 0 with an empty <paramref name="client"/> (Size 0): no datagram.
    /// </summary>
    public static int Receive(Socket socket, Span<byte> buffer, SocketAddress client, out UdpReplySource destination)
    {
        destination = default;
        if (!OperatingSystem.IsLinux()) return ReceiveFrom(socket, buffer, client);
        byte* control = stackalloc byte[UdpReplySource.ControlSpace];
        fixed (byte* data = buffer)
        fixed (byte* name = client.Buffer.Span)
        {
            var iov = new IoVec { Base = data, Length = (nuint)buffer.Length };
            var message = new MsgHdr { Name = name, Iov = &iov, IovLength = 1, Control = control };
            while (true)
            {
                message.NameLength = (uint)client.Buffer.Length;
                message.ControlLength = UdpReplySource.ControlSpace;
                nint length;
                try { length = RecvMsg(socket.SafeHandle, &message, 0); }
                catch (ObjectDisposedException) { return -1; }
                if (length >= 0)
                {
                    client.Size = (int)message.NameLength;
                    destination = UdpReplySource.Read(new ReadOnlySpan<byte>(control, (int)message.ControlLength));
                    return (int)length;
                }
                if (SocketGone(Marshal.GetLastPInvokeError())) return -1;
            }
        }
    }

    private static int ReceiveFrom(Socket socket, Span<byte> buffer, SocketAddress client)
    {
        while (true)
        {
            try { return socket.ReceiveFrom(buffer, SocketFlags.None, client); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { } // ICMP unreachable from an earlier reply
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return -1; }
        }
    }

    /// <summary>
    /// Sends <paramref name="datagram"/> to <paramref name="client"/> from <paramref name="source"/> when known. A
    /// datagram the kernel refuses is lost, as UDP may lose it anyway; a closed socket throws ObjectDisposedException.
    /// </summary>
    public static void Send(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress client, in UdpReplySource source)
    {
        if (!source.IsKnown)
        {
            try { socket.SendTo(datagram, SocketFlags.None, client); }
            catch (SocketException) { }
            return;
        }
        byte* control = stackalloc byte[UdpReplySource.ControlSpace];
        int controlLength = source.Write(new Span<byte>(control, UdpReplySource.ControlSpace));
        fixed (byte* data = datagram)
        fixed (byte* name = client.Buffer.Span)
        {
            var iov = new IoVec { Base = data, Length = (nuint)datagram.Length };
            var message = new MsgHdr
            {
                Name = name, NameLength = (uint)client.Size, Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)controlLength,
            };
            while (SendMsg(socket.SafeHandle, &message, 0) < 0 && Marshal.GetLastPInvokeError() == Eintr) { }
        }
    }
}
