using System.Buffers.Binary;
using System.Net.Sockets;

namespace Pint.Engine.Dns;

/// <summary>DNS over TCP: each message follows its length as a 2-byte big-endian prefix (RFC 1035 4.2.2).</summary>
public static class DnsTcpFraming
{
    /// <summary>
    /// Reads one message into <paramref name="buffer"/> (which must hold 65535 bytes) and returns its length, or -1
    /// when the stream ends first, before or inside the message.
    /// </summary>
    public static async ValueTask<int> ReadMessageAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await ReadExactlyAsync(socket, buffer[..2], cancellationToken).ConfigureAwait(false)) return -1;
        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer.Span);
        return await ReadExactlyAsync(socket, buffer[..length], cancellationToken).ConfigureAwait(false) ? length : -1;
    }

    private static async ValueTask<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
