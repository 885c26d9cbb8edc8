using System.Diagnostics;

namespace Pint.Engine.Dns;

/// <summary>
/// Interrupt moderation for a UDP receive loop. Under a steady, moderate load every wakeup of a blocked receive
/// finds only one or two queries, and on a virtual machine the wakeup (two context switches) costs more CPU than
/// answering them. When the measured arrival rate says several queries will arrive within a short nap, the loop
/// naps before its next receive so that one wakeup takes a batch. The nap is bounded (<see cref="MaxNap"/>), so a
/// query waits at most that long; idle or light traffic (below <see cref="MinRatePerSecond"/>) is never delayed,
/// and a batch that comes back full means the loop is behind, so it receives again at once.
/// </summary>
internal struct ReceiveCoalescer
{
    /// <summary>Below this rate a nap would mostly wait for nothing: answer every query as it comes.</summary>
    public const double MinRatePerSecond = 10_000;
    /// <summary>The longest a query can wait for the loop to wake (plus the kernel's timer slack).</summary>
    public static readonly TimeSpan MaxNap = TimeSpan.FromMicroseconds(200);
    /// <summary>Queries a nap aims to gather.</summary>
    public const int TargetBatch = 8;

    private const double Smoothing = 0.2; // weight of the newest rate sample
    private long _lastWake;
    private double _ratePerSecond;

    /// <summary>Arrival rate in queries per second, smoothed over recent wakeups.</summary>
    public readonly double RatePerSecond => _ratePerSecond;

    /// <summary>
    /// Reports a wakeup that received <paramref name="received"/> queries (of at most <paramref name="capacity"/>) at
    /// <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/> units) and returns how long to nap before
    /// the next receive: <see cref="TimeSpan.Zero"/> for none.
    /// </summary>
    public TimeSpan Next(int received, int capacity, long timestamp)
    {
        long last = _lastWake;
        _lastWake = timestamp;
        if (last == 0 || received <= 0) return TimeSpan.Zero;
        double seconds = Math.Max((timestamp - last) / (double)Stopwatch.Frequency, 1e-6);
        double sample = received / seconds;
        _ratePerSecond = _ratePerSecond == 0 ? sample : _ratePerSecond + Smoothing * (sample - _ratePerSecond);
        if (received >= capacity || _ratePerSecond < MinRatePerSecond) return TimeSpan.Zero;
        var nap = TimeSpan.FromSeconds(TargetBatch / _ratePerSecond);
        return nap < MaxNap ? nap : MaxNap;
    }
}
