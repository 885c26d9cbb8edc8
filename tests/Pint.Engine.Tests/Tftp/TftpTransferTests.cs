using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public class TftpTransferTests
{
    private static TftpTransfer Create(long length, int blockSize = 512, int window = 1, bool oack = false, int retries = 3) =>
        new(length, blockSize, window, oack, TimeSpan.FromSeconds(1), retries);

    [Theory]
    [InlineData(0, 1, 0)]       // an empty file is one empty block
    [InlineData(1000, 2, 488)]
    [InlineData(1024, 3, 0)]    // a multiple of the block size ends with an empty block
    public void Block_count_and_last_block_length(long length, long blocks, int lastLength)
    {
        var transfer = Create(length);
        Assert.Equal(blocks, transfer.BlockCount);
        Assert.Equal(lastLength, transfer.LengthOf(blocks));
    }

    [Fact]
    public void Lock_step_sends_one_block_per_ACK()
    {
        var transfer = Create(1024);
        Assert.Equal(new TftpBlockRange(1, 1), transfer.TakeBlocksToSend());
        Assert.True(transfer.TakeBlocksToSend().IsEmpty); // nothing more until the ACK
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(1));
        Assert.Equal(new TftpBlockRange(2, 1), transfer.TakeBlocksToSend());
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(2));
        Assert.Equal(new TftpBlockRange(3, 1), transfer.TakeBlocksToSend());
        Assert.Equal(TftpAckOutcome.Completed, transfer.OnAck(3));
        Assert.True(transfer.IsComplete);
    }

    [Fact]
    public void Next_window_is_what_a_full_ACK_releases()
    {
        var transfer = Create(512 * 40, window: 16, oack: true);
        Assert.Equal(new TftpBlockRange(1, 16), transfer.PeekNextWindow()); // the first window, while the OACK is unconfirmed
        transfer.OnAck(0);
        Assert.Equal(new TftpBlockRange(1, 16), transfer.TakeBlocksToSend());
        Assert.Equal(new TftpBlockRange(17, 16), transfer.PeekNextWindow());
        Assert.True(transfer.TakeBlocksToSend().IsEmpty); // peeking took nothing
        transfer.OnAck(16);
        Assert.Equal(new TftpBlockRange(17, 16), transfer.TakeBlocksToSend());
        Assert.Equal(new TftpBlockRange(33, 9), transfer.PeekNextWindow()); // 41 blocks: the last window is short
        transfer.OnAck(32);
        transfer.TakeBlocksToSend();
        Assert.True(transfer.PeekNextWindow().IsEmpty);
    }

    [Fact]
    public void Duplicate_ACK_sends_nothing()
    {
        var transfer = Create(2000);
        transfer.TakeBlocksToSend();
        transfer.OnAck(1);
        transfer.TakeBlocksToSend();
        Assert.Equal(TftpAckOutcome.Duplicate, transfer.OnAck(1));
        Assert.True(transfer.TakeBlocksToSend().IsEmpty);
    }

    [Fact]
    public void Option_ACK_must_be_confirmed_with_ACK_zero()
    {
        var transfer = Create(100, oack: true);
        Assert.True(transfer.TakeBlocksToSend().IsEmpty);
        Assert.Equal(TftpAckOutcome.Ignored, transfer.OnAck(1));
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(0));
        Assert.Equal(new TftpBlockRange(1, 1), transfer.TakeBlocksToSend());
    }

    [Fact]
    public void Window_sends_window_size_blocks_before_waiting()
    {
        var transfer = Create(512 * 40, window: 16);
        Assert.Equal(new TftpBlockRange(1, 16), transfer.TakeBlocksToSend());
        Assert.True(transfer.TakeBlocksToSend().IsEmpty);
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(16));
        Assert.Equal(new TftpBlockRange(17, 16), transfer.TakeBlocksToSend());
        transfer.OnAck(32);
        Assert.Equal(new TftpBlockRange(33, 9), transfer.TakeBlocksToSend()); // 41 blocks: 40 full + the empty one
        Assert.Equal(TftpAckOutcome.Completed, transfer.OnAck(41));
    }

    [Fact]
    public void ACK_inside_window_resumes_after_the_acked_block()
    {
        var transfer = Create(512 * 100, window: 8);
        transfer.TakeBlocksToSend();                  // 1..8
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(5)); // client lost 6
        Assert.Equal(new TftpBlockRange(6, 8), transfer.TakeBlocksToSend());
    }

    [Fact]
    public void ACK_for_unsent_block_is_ignored()
    {
        var transfer = Create(512 * 100, window: 4);
        transfer.TakeBlocksToSend();
        Assert.Equal(TftpAckOutcome.Ignored, transfer.OnAck(9));
        Assert.Equal(0, transfer.AcknowledgedBlocks);
    }

    [Fact]
    public void Timeout_resends_the_whole_window_with_backoff_then_gives_up()
    {
        var transfer = Create(512 * 100, window: 4, retries: 3);
        transfer.TakeBlocksToSend();
        transfer.OnAck(2);
        transfer.TakeBlocksToSend();                   // 3..6
        Assert.Equal(TimeSpan.FromSeconds(1), transfer.CurrentTimeout);
        Assert.Equal(TftpTimeoutOutcome.Retransmit, transfer.OnTimeout());
        Assert.Equal(new TftpBlockRange(3, 4), transfer.TakeBlocksToSend());
        Assert.Equal(TimeSpan.FromSeconds(2), transfer.CurrentTimeout);
        Assert.Equal(TftpTimeoutOutcome.Retransmit, transfer.OnTimeout());
        Assert.Equal(TimeSpan.FromSeconds(4), transfer.CurrentTimeout);
        Assert.Equal(TftpTimeoutOutcome.Retransmit, transfer.OnTimeout());
        Assert.Equal(TimeSpan.FromSeconds(5), transfer.CurrentTimeout); // capped
        Assert.Equal(TftpTimeoutOutcome.GiveUp, transfer.OnTimeout());
    }

    [Fact]
    public void Progress_resets_the_retry_count()
    {
        var transfer = Create(512 * 10, retries: 1);
        transfer.TakeBlocksToSend();
        transfer.OnTimeout();
        transfer.TakeBlocksToSend();
        transfer.OnAck(1);
        Assert.Equal(0, transfer.Retries);
        transfer.TakeBlocksToSend();
        Assert.Equal(TftpTimeoutOutcome.Retransmit, transfer.OnTimeout());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void Block_numbers_roll_over_past_65535(int window)
    {
        // blksize 8 with a 600 000-byte file: 75 001 blocks, so the wire number wraps once.
        var transfer = Create(600_000, blockSize: 8, window: window);
        var wireNumbers = new List<ushort>();
        long offset = 0;
        TftpAckOutcome outcome = TftpAckOutcome.Progress;
        while (outcome != TftpAckOutcome.Completed)
        {
            var range = transfer.TakeBlocksToSend();
            Assert.False(range.IsEmpty);
            for (long block = range.First; block < range.First + range.Count; block++)
            {
                Assert.Equal(offset, transfer.OffsetOf(block));
                offset += transfer.LengthOf(block);
                wireNumbers.Add(TftpTransfer.WireNumber(block));
            }
            outcome = transfer.OnAck(wireNumbers[^1]);
        }
        Assert.Equal(600_000, offset);
        Assert.Equal(75_001, wireNumbers.Count);
        Assert.Equal(65535, wireNumbers[65534]);
        Assert.Equal(0, wireNumbers[65535]);           // block 65536 goes out as 0
        Assert.Equal((ushort)(75_001 % 65536), wireNumbers[^1]);
    }

    [Fact]
    public void ACK_across_the_rollover_maps_to_the_right_block()
    {
        var transfer = Create(8L * 70_000, blockSize: 8, window: 8);
        for (int i = 0; i < 65528 / 8; i++)
        {
            var range = transfer.TakeBlocksToSend();
            transfer.OnAck(TftpTransfer.WireNumber(range.First + range.Count - 1));
        }
        Assert.Equal(65528, transfer.AcknowledgedBlocks);
        Assert.Equal(new TftpBlockRange(65529, 8), transfer.TakeBlocksToSend()); // 65529..65536
        Assert.Equal(TftpAckOutcome.Progress, transfer.OnAck(0));             // 65536 on the wire
        Assert.Equal(65536, transfer.AcknowledgedBlocks);
    }
}
