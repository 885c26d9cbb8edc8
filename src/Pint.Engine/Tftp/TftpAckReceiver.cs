using System.Diagnostics;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// Receives a transfer's next datagram (an ACK, normally) before a deadline, with blocking receives on the
/// transfer's own thread. A socket never used asynchronously is never registered with the runtime's epoll
/// thread, so each ACK costs one recvmsg and one wake-up of exactly the thread that answers it; with async
/// receives every datagram also woke the epoll thread and a thread-pool worker, which halved lock-step speed.
/// Waits are cut into slices so a stopping server is noticed within <see cref="Slice"/>.
/// </summary>
internal sealed class TftpAckReceiver
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(200);

    private readonly Socket _socket;
    private readonly TftpRunningTransfer _transfer;
    private readonly CancellationToken _stopping;
    private readonly TftpAckSpinner _spinner;
    private int _timeoutMilliseconds = -1;

    public TftpAckReceiver(Socket socket, TftpRunningTransfer transfer, CancellationToken stopping)
    {
        _socket = socket;
        _transfer = transfer;
        _stopping = stopping;
        socket.Blocking = true;
        _spinner = new TftpAckSpinner(() => socket.Available > 0);
    }

    /// <summary>Returns the datagram length, or null when <paramref name="deadline"/> (a Stopwatch timestamp) passed first.</summary>
    /// <exception cref="OperationCanceledException">The server is stopping, or the transfer was superseded or cancelled.</exception>
    public int? Receive(Span<byte> buffer, long deadline)
    {
        while (true)
        {
            _stopping.ThrowIfCancellationRequested();
            ThrowIfCancelled();
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                // A superseded transfer ends where it would resend: a new request came from its client's endpoint and
                // nothing in time since. One whose client still answers it (a late resend of the RRQ) goes on.
                if (_transfer.IsSuperseded)
                    throw new OperationCanceledException("a new request from the client's endpoint superseded the transfer");
                return null;
            }
            _spinner.Wait();
            // setsockopt only when the wait changes: in a healthy transfer the slice stays put.
            SetTimeout(remaining < Slice ? remaining : Slice);
            try
            {
                int received = _socket.Receive(buffer, SocketFlags.None);
                ThrowIfCancelled(); // a cancel shuts the receiving side down, which ends the wait with 0 bytes
                _transfer.ClientAnswered();
                return received;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
            }
            catch (SocketException e) when (TftpTransferSocket.IsEarlierDatagramRefused(e))
            {
                // ICMP port unreachable for an earlier send: the client may come back; its silence times out.
            }
        }
    }

    private void ThrowIfCancelled()
    {
        if (_transfer.Cancellation != TftpCancellation.None)
            throw new OperationCanceledException($"the transfer was cancelled ({_transfer.Cancellation})");
    }

    private void SetTimeout(TimeSpan wait)
    {
        int milliseconds = Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds));
        if (milliseconds == _timeoutMilliseconds)
            return;
        _socket.ReceiveTimeout = milliseconds;
        _timeoutMilliseconds = milliseconds;
    }
}
