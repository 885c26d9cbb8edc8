namespace Pint.Engine.Dns;

/// <summary>Running totals, safe to read while the server runs.</summary>
public sealed class DnsCounters
{
    private long _queries, _localAnswers, _cacheHits, _forwarded, _refused, _serverFailures, _dropped, _refusedNonLocal, _rebindBlocked;

    public long Queries => Volatile.Read(ref _queries);
    /// <summary>Answered from local data or rules (including local NXDOMAIN/NODATA).</summary>
    public long LocalAnswers => Volatile.Read(ref _localAnswers);
    public long CacheHits => Volatile.Read(ref _cacheHits);
    public long Forwarded => Volatile.Read(ref _forwarded);
    public long Refused => Volatile.Read(ref _refused);
    /// <summary>SERVFAIL sent because no upstream server answered.</summary>
    public long ServerFailures => Volatile.Read(ref _serverFailures);
    /// <summary>Malformed packets dropped without reply.</summary>
    public long Dropped => Volatile.Read(ref _dropped);
    /// <summary>local-service: queries dropped without reply because the client is not on a directly connected network.</summary>
    public long RefusedNonLocal => Volatile.Read(ref _refusedNonLocal);
    /// <summary>stop-dns-rebind: upstream answers withheld because they pointed at a private address.</summary>
    public long RebindBlocked => Volatile.Read(ref _rebindBlocked);

    /// <summary>The counters by the names the control channel and Get-PintServer show ("queries", "localAnswers", ...).</summary>
    public Dictionary<string, long> Snapshot() => new()
    {
        ["queries"] = Queries,
        ["localAnswers"] = LocalAnswers,
        ["cacheHits"] = CacheHits,
        ["forwarded"] = Forwarded,
        ["refused"] = Refused,
        ["serverFailures"] = ServerFailures,
        ["dropped"] = Dropped,
        ["refusedNonLocal"] = RefusedNonLocal,
        ["rebindBlocked"] = RebindBlocked,
    };

    internal void CountQuery() => Interlocked.Increment(ref _queries);
    internal void CountLocalAnswer() => Interlocked.Increment(ref _localAnswers);
    internal void CountCacheHit() => Interlocked.Increment(ref _cacheHits);
    internal void CountForwarded() => Interlocked.Increment(ref _forwarded);
    internal void CountRefused() => Interlocked.Increment(ref _refused);
    internal void CountServerFailure() => Interlocked.Increment(ref _serverFailures);
    internal void CountDropped() => Interlocked.Increment(ref _dropped);
    internal void CountRefusedNonLocal() => Interlocked.Increment(ref _refusedNonLocal);
    internal void CountRebindBlocked() => Interlocked.Increment(ref _rebindBlocked);
}
