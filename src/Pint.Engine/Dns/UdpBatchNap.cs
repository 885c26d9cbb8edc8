using System.Runtime.InteropServices;

namespace Pint.Engine.Dns;

/// <summary>
/// Interrupt moderation for the UDP batch loop, as a network card does it. Each time the loop sleeps in recvmmsg and
/// is woken, the kernel charges more CPU than answering a query costs (on this project's 2-core VM, about 12 us per
/// wake-up against ~1.5 us of DNS work). So when the last batch shows a steady stream (at least <see cref="From"/>
/// queries arrived during one pass), the loop waits <see cref="Length"/> before the next receive, and that receive
/// takes all the queries that came meanwhile. Below that rate (about 20,000 queries/s) every query is answered at once.
/// A batch over half full never waits, so a loop that is already behind does not fall further behind.
/// Measured (bench/RESULTS.md, DNS, "Batch wait under load"): CPU per query at 50,000 queries/s 13-20 % lower; mean
/// latency at that load from about 120 to about 335 us, dnsmasq's own range there (281-439 us); full-load throughput
/// unchanged.
/// </summary>
internal static class UdpBatchNap
{
    public static readonly TimeSpan Length = TimeSpan.FromMicroseconds(200);
    public const int From = 4;

    /// <summary>Whether to wait before the next receive, given how many queries the last one took of <paramref name="slots"/>.</summary>
    public static bool After(int received, int slots) => received >= From && received <= slots / 2;

    public static void Take() => Usleep((uint)Length.TotalMicroseconds);

    [DllImport("libc", EntryPoint = "usleep")]
    private static extern int Usleep(uint microseconds);
}
