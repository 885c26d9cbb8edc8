using System.Diagnostics;

namespace Pint.Engine.Tftp;

/// <summary>
/// Waits for a transfer's next ACK by polling for a short while before the receive blocks. On a virtual machine a
/// thread that blocks is woken 50-150 us after its datagram lands (the idle vCPU is halted and must be rescheduled);
/// in lock-step that wake-up is paid twice per block and dominates the transfer. Polling for up to
/// <see cref="Budget"/> keeps the server's side awake for a client that answers within it (measured here: lock-step
/// 11 MiB/s to 36 MiB/s). The cost is bounded: at most <see cref="MaxSpinners"/> transfers poll at once (half the cores), and
/// a transfer whose client keeps answering later than the budget (a slow client, a real network's RTT) stops
/// polling after <see cref="MissesBeforeRest"/> misses and only tries again <see cref="RestReceives"/> receives later.
/// </summary>
internal sealed class TftpAckSpinner
{
    public static readonly TimeSpan Budget = TimeSpan.FromMicroseconds(400);
    public const int MissesBeforeRest = 4;
    public const int RestReceives = 256;
    public static readonly int MaxSpinners = Math.Max(1, Environment.ProcessorCount / 2);

    private static int s_spinners;
    private static readonly long BudgetTicks = (long)(Budget.TotalSeconds * Stopwatch.Frequency);

    private readonly Func<bool> _arrived;
    private int _misses;
    private int _resting;

    /// <param name="arrived">Whether a datagram is waiting (the socket's FIONREAD); must not block.</param>
    public TftpAckSpinner(Func<bool> arrived) => _arrived = arrived;

    /// <summary>Transfers polling right now, across the server.</summary>
    public static int Spinners => Volatile.Read(ref s_spinners);

    private static bool TryTakeSlot()
    {
        int seen;
        while ((seen = Volatile.Read(ref s_spinners)) < MaxSpinners)
            if (Interlocked.CompareExchange(ref s_spinners, seen + 1, seen) == seen) return true;
        return false;
    }

    /// <summary>Polls until a datagram is waiting or the budget is spent; true when one arrived while polling.</summary>
    public bool Wait()
    {
        if (_resting > 0)
        {
            _resting--;
            return false;
        }
        if (!TryTakeSlot()) return false;
        try
        {
            long until = Stopwatch.GetTimestamp() + BudgetTicks;
            do
            {
                if (_arrived())
                {
                    _misses = 0;
                    return true;
                }
                Thread.SpinWait(20);
            }
            while (Stopwatch.GetTimestamp() < until);
            if (++_misses >= MissesBeforeRest)
            {
                _misses = 0;
                _resting = RestReceives;
            }
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref s_spinners);
        }
    }
}
