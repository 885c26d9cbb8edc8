using System.Diagnostics;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// Receives a transfer's next datagram (an ACK, normally) before a deadline.
/// On a LAN or loopback the ACK is usually back within a fraction of a millisecond, so a short
/// poll(2) catches it without the cost of an asynchronous completion; only a slower client is awaited
/// asynchronously, so a silent client holds no thread.
/// </summary>
internal sealed class TftpAckReceiver(Socket socket, CancellationToken stopping) : IDisposable
{
    private const int FastPathMicroseconds = 200;

    private CancellationTokenSource _timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>Returns the datagram length, or null when <paramref name="deadline"/> (a Stopwatch timestamp) passed first.</summary>
    public async ValueTask<int?> ReceiveAsync(Memory<byte> buffer, long deadline)
    {
        if (socket.Poll(FastPathMicroseconds, SelectMode.SelectRead))
            return socket.Receive(buffer.Span);

        long remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0)
            return null;
        try
        {
            _timer.CancelAfter(Stopwatch.GetElapsedTime(0, remaining));
            int received = await socket.ReceiveAsync(buffer, SocketFlags.None, _timer.Token).ConfigureAwait(false);
            if (_timer.TryReset())
                return received;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }
        // The timer fired (perhaps just after the datagram came in: it is read on the next call).
        _timer.Dispose();
        _timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        return null;
    }

    public void Dispose() => _timer.Dispose();
}
