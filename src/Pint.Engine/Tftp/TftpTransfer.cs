namespace Pint.Engine.Tftp;

/// <summary>Blocks the server should send now: <see cref="First"/> .. <see cref="First"/>+<see cref="Count"/>-1 (64-bit block indices).</summary>
public readonly record struct TftpBlockRange(long First, int Count)
{
    public bool IsEmpty => Count == 0;
}

public enum TftpAckOutcome
{
    /// <summary>The ACK moved the transfer on (or confirmed the OACK): send the next blocks.</summary>
    Progress,
    /// <summary>Last block acknowledged: the transfer is done.</summary>
    Completed,
    /// <summary>A repeat of the current ACK. Not answered, so duplicates cannot multiply (Sorcerer's Apprentice, RFC 1123 4.2.3.1).</summary>
    Duplicate,
    /// <summary>An ACK for a block never sent, or a DATA ACK while the OACK is unconfirmed: ignored.</summary>
    Ignored,
}

public enum TftpTimeoutOutcome
{
    /// <summary>Resend: the OACK if <see cref="TftpTransfer.AwaitsOptionAck"/>, else the blocks from <see cref="TftpTransfer.TakeBlocksToSend"/>.</summary>
    Retransmit,
    GiveUp,
}

/// <summary>
/// The sending side of one read transfer, without sockets or clocks: which blocks go out, what an ACK
/// means, when to retransmit and when to give up. Blocks are counted in 64 bits from 1; the wire carries
/// the low 16 bits, so numbers roll over from 65535 to 0 on long transfers.
/// A file of N bytes has N / blockSize + 1 blocks: the last one is short, and empty when N is a multiple of the block size.
/// </summary>
public sealed class TftpTransfer
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _timeout;
    private readonly int _maxRetries;
    private long _acked;      // highest block the client confirmed, in order
    private long _sentUpTo;   // highest block handed out for sending since the last (re)start

    /// <param name="awaitsOptionAck">True when an OACK was sent: nothing goes out until the client ACKs block 0.</param>
    public TftpTransfer(long contentLength, int blockSize, int windowSize, bool awaitsOptionAck, TimeSpan timeout, int maxRetries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contentLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSize, TftpOptionSet.MaxWindowSize);
        ContentLength = contentLength;
        BlockSize = blockSize;
        WindowSize = windowSize;
        AwaitsOptionAck = awaitsOptionAck;
        _timeout = timeout;
        _maxRetries = maxRetries;
        BlockCount = contentLength / blockSize + 1;
    }

    public long ContentLength { get; }
    public int BlockSize { get; }
    public int WindowSize { get; }
    public long BlockCount { get; }
    public bool AwaitsOptionAck { get; private set; }
    public bool IsComplete => _acked == BlockCount;
    public long AcknowledgedBlocks => _acked;

    /// <summary>Retransmissions since the last progress.</summary>
    public int Retries { get; private set; }

    /// <summary>How long to wait for the next ACK: the base timeout doubled per retry, capped at 5 s (or the base, if larger).</summary>
    public TimeSpan CurrentTimeout
    {
        get
        {
            var cap = _timeout > MaxBackoff ? _timeout : MaxBackoff;
            var backedOff = _timeout * Math.Pow(2, Math.Min(Retries, 16));
            return backedOff < cap ? backedOff : cap;
        }
    }

    public static ushort WireNumber(long block) => unchecked((ushort)block);

    public long OffsetOf(long block) => (block - 1) * BlockSize;

    public int LengthOf(long block) => (int)Math.Min(BlockSize, ContentLength - OffsetOf(block));

    /// <summary>The blocks that may go out now (up to a window past the last ACK), marked as sent.</summary>
    public TftpBlockRange TakeBlocksToSend()
    {
        if (AwaitsOptionAck || IsComplete)
            return default;
        long first = _sentUpTo + 1;
        long last = Math.Min(_acked + WindowSize, BlockCount);
        if (first > last)
            return default;
        _sentUpTo = last;
        return new TftpBlockRange(first, (int)(last - first + 1));
    }

    /// <summary>
    /// The blocks <see cref="TakeBlocksToSend"/> will hand out once the client acknowledges everything sent so far:
    /// what is worth reading ahead while the ACK is on its way. Changes nothing.
    /// </summary>
    public TftpBlockRange PeekNextWindow()
    {
        long first = _sentUpTo + 1;
        long last = Math.Min(_sentUpTo + WindowSize, BlockCount);
        return first > last ? default : new TftpBlockRange(first, (int)(last - first + 1));
    }

    public TftpAckOutcome OnAck(ushort wireBlock)
    {
        if (AwaitsOptionAck)
        {
            if (wireBlock != 0)
                return TftpAckOutcome.Ignored;
            AwaitsOptionAck = false;
            Retries = 0;
            return TftpAckOutcome.Progress;
        }

        // The only blocks an ACK can name are those from the last ACK to the last sent; a window is at most
        // 65535 blocks, so the 16-bit number picks exactly one of them.
        long block = _acked + (ushort)(wireBlock - WireNumber(_acked));
        if (block > _sentUpTo)
            return TftpAckOutcome.Ignored;
        if (block == _acked)
            return TftpAckOutcome.Duplicate;

        _acked = block;
        Retries = 0;
        // RFC 7440: an ACK inside the window means the client lost what followed; resume right after it.
        if (_sentUpTo > block)
            _sentUpTo = block;
        return IsComplete ? TftpAckOutcome.Completed : TftpAckOutcome.Progress;
    }

    public TftpTimeoutOutcome OnTimeout()
    {
        if (Retries >= _maxRetries)
            return TftpTimeoutOutcome.GiveUp;
        Retries++;
        _sentUpTo = _acked; // go back N: resend the whole unacknowledged window
        return TftpTimeoutOutcome.Retransmit;
    }
}
