using System.Net.Sockets;

namespace Pint.Engine.Net;

/// <summary>
/// UDP servers must queue a burst (a segment booting, a pause for garbage collection or a disk flush) rather than
/// drop it: the default 208 KiB receive buffer holds well under a second of queries. As root, SO_RCVBUFFORCE
/// passes net.core.rmem_max; otherwise the system grants what its limit allows.
/// </summary>
internal static class ReceiveBuffer
{
    public const int DefaultSize = 8 << 20;

    public static void Enlarge(Socket socket, int size = DefaultSize)
    {
        const int SolSocket = 1, SoRcvBufForce = 33;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(size));
                return;
            }
            catch (SocketException) { } // not privileged: ask for what the limit allows
        }
        try { socket.ReceiveBufferSize = size; }
        catch (SocketException) { }
    }
}
