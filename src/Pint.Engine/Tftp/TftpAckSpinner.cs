using System.Diagnostics;

namespace Pint.Engine.Tftp;

/// <summary>
/// Waits for a transfer's next ACK by polling for a short while before the receive blocks. On a virtual machine a
/// thread that blocks is woken 50-150 us after its datagram lands (the idle vCPU is halted and must be rescheduled);
/// in lock-step that wake-up is paid twice per block and dominates the transfer. Polling for up to
/// <see cref="Budget"/> keeps the server's side awake for a client that answers within it (measured here: lock-step
/// 11 MiB/s to 36 MiB/s). The cost is bounded: at most half the cores' worth of transfers poll at once (<see cref="Slots"/>), and
/// a transfer whose client keeps answering later than the budget (a slow client, a real network's RTT) stops
/// polling after <see cref="MissesBeforeRest"/> misses and only tries again <see cref="RestReceives"/> receives later.
/// </summary>
internal sealed class TftpAckSpinner
{
    public static readonly TimeSpan Budget = TimeSpan.FromMicroseconds(400);
    public const int MissesBeforeRest = 4;
    public const int RestReceives = 256;

    /// <summary>How many transfers may poll at once. The server's transfers share <see cref="Shared"/>: half the cores.</summary>
    internal sealed class Slots(int max)
    {
        public static readonly Slots Shared = new(Math.Max(1, Environment.ProcessorCount / 2));
        private int _taken;

        public int Max { get; } = max;

        /// <summary>Transfers polling right now.</summary>
        public int Taken => Volatile.Read(ref _taken);

        public bool TryTake()
        {
            int seen;
            while ((seen = Volatile.Read(ref _taken)) < Max)
                if (Interlocked.CompareExchange(ref _taken, seen + 1, seen) == seen) return true;
            return false;
        }

        public void Release() => Interlocked.Decrement(ref _taken);
    }

    private readonly Func<bool> _arrived;
    private readonly Slots _slots;
    private readonly long _budgetTicks;
    private int _misses;
    private int _resting;

    /// <param name="arrived">Whether a datagram is waiting (the socket's FIONREAD); must not block.</param>
    /// <param name="slots">The pool of polling slots; the server's shared one unless a test brings its own.</param>
    /// <param name="budget">How long one wait polls; <see cref="Budget"/> unless a test needs another.</param>
    public TftpAckSpinner(Func<bool> arrived, Slots? slots = null, TimeSpan? budget = null)
    {
        _arrived = arrived;
        _slots = slots ?? Slots.Shared;
        _budgetTicks = (long)((budget ?? Budget).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Polls until a datagram is waiting or the budget is spent; true when one arrived while polling.</summary>
    public bool Wait()
    {
        if (_resting > 0)
        {
            _resting--;
            return false;
        }
        if (!_slots.TryTake()) return false;
        try
        {
            long until = Stopwatch.GetTimestamp() + _budgetTicks;
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
            _slots.Release();
        }
    }
}
