using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// The socket (the transfer ID) of each transfer: an ephemeral port, or with tftp-port-range the next free port of
/// the range, taken round-robin from a random start so consecutive transfers do not collide on one port.
/// </summary>
internal sealed class TftpTransferPorts
{
    private int _nextPortOffset = Random.Shared.Next(0, 65536);

    /// <summary>A socket for one transfer, bound on the address the request arrived at and connected to the client.</summary>
    public Socket? Open(IPAddress localAddress, IPEndPoint client, (int Start, int End)? portRange)
    {
        if (localAddress.Equals(IPAddress.Any) || localAddress.Equals(IPAddress.IPv6Any))
            localAddress = client.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        var socket = new Socket(client.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (!TryBind(socket, localAddress, portRange))
            {
                socket.Dispose();
                return null;
            }
            socket.Connect(client);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool TryBind(Socket socket, IPAddress localAddress, (int Start, int End)? portRange)
    {
        if (portRange is not { } range)
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            return true;
        }
        int size = range.End - range.Start + 1;
        int offset = Interlocked.Increment(ref _nextPortOffset);
        for (int i = 0; i < size; i++)
        {
            int port = range.Start + (int)((uint)(offset + i) % (uint)size);
            try
            {
                socket.Bind(new IPEndPoint(localAddress, port));
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
            }
        }
        return false;
    }
}
