using System.Diagnostics;
using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Dns;

public class ReceiveCoalescerTests
{
    private static long At(double seconds) => 1 + (long)(seconds * Stopwatch.Frequency);

    /// <summary>Feeds wakeups of <paramref name="perWake"/> queries spaced for <paramref name="ratePerSecond"/>; returns the last nap.</summary>
    private static TimeSpan Steady(ref ReceiveCoalescer coalescer, double ratePerSecond, int perWake, int capacity = 32, int wakes = 50)
    {
        var nap = TimeSpan.Zero;
        for (int i = 0; i < wakes; i++) nap = coalescer.Next(perWake, capacity, At(i * perWake / ratePerSecond));
        return nap;
    }

    [Fact]
    public void A_query_on_an_idle_or_lightly_loaded_server_is_answered_without_waiting()
    {
        var coalescer = new ReceiveCoalescer();
        Assert.Equal(TimeSpan.Zero, coalescer.Next(1, 32, At(0))); // the first wakeup has no rate yet
        Assert.Equal(TimeSpan.Zero, Steady(ref coalescer, ratePerSecond: 2_000, perWake: 1));
        Assert.InRange(coalescer.RatePerSecond, 1_900, 2_100);
    }

    [Fact]
    public void Under_steady_load_the_loop_naps_long_enough_to_gather_a_batch_but_never_longer_than_the_bound()
    {
        var at50k = new ReceiveCoalescer();
        var nap = Steady(ref at50k, ratePerSecond: 50_000, perWake: 2);
        Assert.InRange(nap.TotalMicroseconds, 0.9 * ReceiveCoalescer.TargetBatch / 50_000 * 1e6, 1.1 * ReceiveCoalescer.TargetBatch / 50_000 * 1e6);

        var at12k = new ReceiveCoalescer();
        Assert.Equal(ReceiveCoalescer.MaxNap, Steady(ref at12k, ratePerSecond: 12_000, perWake: 1));
    }

    [Fact]
    public void A_full_batch_means_the_loop_is_behind_and_receives_again_at_once()
    {
        var coalescer = new ReceiveCoalescer();
        Steady(ref coalescer, ratePerSecond: 100_000, perWake: 4);
        Assert.NotEqual(TimeSpan.Zero, coalescer.Next(4, 32, At(50 * 4 / 100_000.0)));
        Assert.Equal(TimeSpan.Zero, coalescer.Next(32, 32, At(50 * 4 / 100_000.0 + 32 / 100_000.0)));
    }

    [Fact]
    public void When_load_stops_the_rate_estimate_falls_and_naps_stop()
    {
        var coalescer = new ReceiveCoalescer();
        Steady(ref coalescer, ratePerSecond: 50_000, perWake: 4);
        var t = 50 * 4 / 50_000.0;
        var nap = TimeSpan.MaxValue;
        for (int i = 1; i <= 10 && nap != TimeSpan.Zero; i++) nap = coalescer.Next(1, 32, At(t + i * 0.01)); // one query every 10 ms
        Assert.Equal(TimeSpan.Zero, nap);
    }
}
