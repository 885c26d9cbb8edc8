namespace Pint.Soak;

/// <summary>How long and how hard a soak run pushes one Pint service host.</summary>
/// <param name="PintDll">The service host to run (src/Pint.Service/bin/.../pint.dll).</param>
/// <param name="Duration">The whole run, warm-up included.</param>
/// <param name="WarmUp">Time before the file-descriptor baseline is taken (caches fill, the JIT settles).</param>
/// <param name="SampleEvery">How often RSS, descriptors and rates are sampled.</param>
/// <param name="DnsQueriesPerSecond">A steady DNS rate, not a flood: the machine is shared.</param>
/// <param name="DhcpClientsInFlight">DHCP exchanges (DISCOVER, REQUEST, RELEASE) running at once.</param>
/// <param name="TftpDownloadsInFlight">TFTP downloads running at once.</param>
public sealed record SoakSettings(
    string PintDll,
    TimeSpan Duration,
    TimeSpan WarmUp,
    TimeSpan SampleEvery,
    int DnsQueriesPerSecond = 3000,
    int DhcpClientsInFlight = 4,
    int TftpDownloadsInFlight = 2)
{
    /// <summary>RSS may grow at most this much from the middle sample to the last.</summary>
    public double MaxSecondHalfRssGrowth { get; init; } = 0.10;

    /// <summary>The lease file may never exceed this: compaction keeps it near the live lease count.</summary>
    public double MaxLeaseFileKib { get; init; } = 128;

    /// <summary>
    /// DNS is UDP: a stall of the server (GC, a busy machine) overflows its socket buffer and a few queries go
    /// unanswered (clients retry). More than this fraction is a failure; wrong answers never are tolerated.
    /// </summary>
    public double MaxDnsLossFraction { get; init; } = 0.001;

    /// <summary>Errors (timeouts, server errors) allowed after the warm-up; the bench allows none.</summary>
    public int MaxErrorsAfterWarmUp { get; init; }

    /// <summary>
    /// Descriptors once the load has stopped may exceed the lowest count seen under load after the warm-up by at most
    /// this many (the lowest, because every forwarded query holds a socket of its own for a moment).
    /// </summary>
    public int FdTolerance { get; init; } = 4;
}
