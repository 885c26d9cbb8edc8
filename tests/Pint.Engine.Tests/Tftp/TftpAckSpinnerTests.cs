using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public class TftpAckSpinnerTests
{
    [Fact]
    public void An_ack_that_lands_within_the_budget_is_caught_while_polling()
    {
        int polls = 0;
        // Own slots and a long budget: the server's shared slots may be held by transfers of other tests, and a
        // loaded machine may pause this thread longer than 400 us between polls.
        var spinner = new TftpAckSpinner(() => ++polls >= 3, new TftpAckSpinner.Slots(1), TimeSpan.FromSeconds(5));
        Assert.True(spinner.Wait());
        Assert.Equal(3, polls);
    }

    [Fact]
    public void A_client_slower_than_the_budget_stops_costing_polls_and_is_tried_again_later()
    {
        int polls = 0;
        var spinner = new TftpAckSpinner(() => { polls++; return false; }, new TftpAckSpinner.Slots(1));
        for (int i = 0; i < TftpAckSpinner.MissesBeforeRest; i++) Assert.False(spinner.Wait());
        var spent = polls;
        for (int i = 0; i < TftpAckSpinner.RestReceives; i++) Assert.False(spinner.Wait());
        Assert.Equal(spent, polls); // resting: the receive blocks at once
        spinner.Wait();
        Assert.True(polls > spent); // then it probes the client again
    }

    [Fact]
    public void No_more_transfers_poll_at_once_than_half_the_cores()
    {
        int most = 0;
        using var release = new ManualResetEventSlim();
        var slots = new TftpAckSpinner.Slots(TftpAckSpinner.Slots.Shared.Max); // the server's size, not its state
        var spinners = Enumerable.Range(0, slots.Max + 3).Select(_ => new TftpAckSpinner(() =>
        {
            InterlockedMax(ref most, slots.Taken);
            return release.IsSet;
        }, slots)).ToArray();
        var threads = spinners.Select(s => new Thread(() => { for (int i = 0; i < 50 && !release.IsSet; i++) s.Wait(); })).ToArray();
        foreach (var t in threads) t.Start();
        Thread.Sleep(100);
        release.Set();
        foreach (var t in threads) t.Join();
        Assert.InRange(most, 1, slots.Max);
        Assert.Equal(0, slots.Taken); // every slot given back
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
