using System.Diagnostics;
using System.Net.Sockets;

namespace Pint.Engine.Tftp;

/// <summary>
/// One read transfer on its own socket, from the file lookup to the last ACK: negotiate the options, send windows
/// of blocks, read ahead while the ACK travels, retransmit on timeout. Blocking calls on the transfer's thread; the
/// decisions (what to send, when to give up) are <see cref="TftpTransfer"/>'s.
/// </summary>
internal static class TftpTransferLoop
{
    private const int AckBufferSize = 1024;

    /// <summary>True when the client acknowledged the last block; false when the transfer failed or was given up.</summary>
    public static bool Run(Socket socket, TftpRunningTransfer running, TftpFileResolver resolver, int mtu, TftpServerOptions options,
        TftpCounters counters, CancellationToken stopping)
    {
        var request = running.Request;
        var lookup = resolver.Open(options.Lowercase ? request.FileName.ToLowerInvariant() : request.FileName, request.Mode);
        if (!lookup.Succeeded)
        {
            counters.RequestRefused();
            TftpTransferSocket.SendError(socket, lookup.Error, lookup.Message);
            return false;
        }
        using var content = lookup.Content!;

        // tftp-mtu caps the interface's MTU; with the interface's unknown (0) it is the MTU.
        int maxBlockSize = TftpOptionNegotiator.MaxBlockSizeForMtu(options.Mtu is { } cap ? (mtu > 0 ? Math.Min(cap, mtu) : cap) : mtu, socket.AddressFamily);
        var accepted = TftpOptionNegotiator.Negotiate(request.Options, request.Mode, content.Length, maxBlockSize, options.NoBlockSize);
        var transfer = new TftpTransfer(
            content.Length,
            accepted.BlockSize ?? TftpOptionSet.DefaultBlockSize,
            accepted.WindowSize ?? 1,
            awaitsOptionAck: !accepted.IsEmpty,
            accepted.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Timeout,
            options.MaxRetries);

        Span<byte> incoming = stackalloc byte[AckBufferSize];
        Span<byte> optionAck = stackalloc byte[TftpPacketWriter.MaxErrorPacketLength];
        optionAck = optionAck[..TftpPacketWriter.WriteOptionAck(optionAck, accepted)];
        var receiver = new TftpAckReceiver(socket, running, stopping);
        using var sender = new TftpWindowSender(socket, content, transfer, counters);
        bool sendOptionAck = transfer.AwaitsOptionAck;
        long deadline = 0;
        while (true)
        {
            if (sendOptionAck)
            {
                TftpTransferSocket.TrySend(socket, optionAck);
                deadline = Deadline(transfer);
                sendOptionAck = false;
            }
            var range = transfer.TakeBlocksToSend();
            if (!range.IsEmpty)
            {
                sender.Send(range);
                deadline = Deadline(transfer);
            }
            // While the ACK travels, read what it will most likely ask for.
            sender.ReadAhead(transfer.PeekNextWindow());

            if (receiver.Receive(incoming, deadline) is not { } received)
            {
                running.TimedOut(Stopwatch.GetTimestamp());
                if (transfer.OnTimeout() == TftpTimeoutOutcome.GiveUp)
                    return false;
                counters.Retransmitted();
                sendOptionAck = transfer.AwaitsOptionAck;
                deadline = Deadline(transfer);
                continue;
            }

            var reader = new TftpPacketReader(incoming[..received]);
            if (reader.ReadAck(out ushort acked) == TftpRejection.None)
            {
                var outcome = transfer.OnAck(acked);
                if (outcome == TftpAckOutcome.Completed)
                    return true;
                if (outcome == TftpAckOutcome.Progress)
                    running.Progressed();
            }
            else if (reader.ReadOpcode(out var opcode) == TftpRejection.None && opcode == TftpOpcode.Error)
            {
                running.Cancel(TftpCancellation.ClientError);
                return false; // the client aborted (e.g. error 8: it rejected our options)
            }
        }
    }

    private static long Deadline(TftpTransfer transfer) =>
        Stopwatch.GetTimestamp() + (long)(transfer.CurrentTimeout.TotalSeconds * Stopwatch.Frequency);
}
