using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// Sends on a transfer's socket, which is connected to the client. The kernel reports an ICMP error caused by an
/// earlier datagram (port unreachable: the client's port was closed for a moment) on the socket's next call, and that
/// call sends nothing. Such an error must not end the transfer: the client may well be listening again.
/// </summary>
internal static class TftpTransferSocket
{
    /// <summary>
    /// Sends <paramref name="datagram"/>, once more if the first attempt only collected an earlier ICMP error.
    /// False when refused twice: the datagram is lost, and the retransmission timer recovers it (or gives up on a
    /// client that is really gone).
    /// </summary>
    public static bool TrySend(Socket socket, ReadOnlySpan<byte> datagram)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                socket.Send(datagram, SocketFlags.None);
                return true;
            }
            catch (SocketException e) when (IsEarlierDatagramRefused(e))
            {
                if (attempt == 2)
                    return false;
            }
        }
    }

    /// <summary>An ICMP port unreachable for an earlier datagram: ECONNREFUSED on Linux, WSAECONNRESET on Windows.</summary>
    public static bool IsEarlierDatagramRefused(SocketException e) =>
        e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset;

    /// <summary>An ERROR packet to the client, best effort: a lost one is as good as none.</summary>
    public static void SendError(Socket socket, TftpErrorCode code, string message)
    {
        Span<byte> packet = stackalloc byte[TftpPacketWriter.MaxErrorPacketLength];
        TftpTransferSocket.TrySend(socket, packet[..TftpPacketWriter.WriteError(packet, code, message)]);
    }
}
