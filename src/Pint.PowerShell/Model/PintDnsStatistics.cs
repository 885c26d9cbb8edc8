namespace Pint.PowerShell.Model;

/// <summary>The DNS service's counters since it started.</summary>
public sealed class PintDnsStatistics : PintServiceStatistics
{
    /// <summary>DNS messages received over UDP and TCP.</summary>
    public long Queries => Read("queries");
    /// <summary>Answered from local data or rules (including local NXDOMAIN/NODATA).</summary>
    public long LocalAnswers => Read("localAnswers");
    public long CacheHits => Read("cacheHits");
    public long Forwarded => Read("forwarded");
    public long Refused => Read("refused");
    /// <summary>SERVFAIL sent because no upstream server answered.</summary>
    public long ServerFailures => Read("serverFailures");
    /// <summary>Malformed packets dropped without reply.</summary>
    public long Dropped => Read("dropped");
    /// <summary>local-service: queries from clients off the directly connected networks, dropped.</summary>
    public long RefusedNonLocal => Read("refusedNonLocal");
    /// <summary>stop-dns-rebind: upstream answers withheld because they pointed at a private address.</summary>
    public long RebindBlocked => Read("rebindBlocked");
}
