using System.Diagnostics.Metrics;
using Pint.Engine.Metrics;

namespace Pint.Engine.Dns;

/// <summary>
/// The "Pint.Dns" meter (dotnet-counters, OpenTelemetry, Pint's own /metrics). Counters are read from the live
/// servers' <see cref="DnsCounters"/> when a listener collects, so answering a query costs nothing more; only the
/// upstream duration is recorded as it happens, once per upstream exchange.
/// </summary>
public static class DnsMetrics
{
    public const string MeterName = "Pint.Dns";

    private static readonly LiveRegistry<DnsCounters> Servers = new();
    private static readonly Meter Meter = new(MeterName, typeof(DnsMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Histogram<double> UpstreamDuration = Meter.CreateHistogram(
        "pint.dns.upstream.duration", "s", "Time from sending a query upstream to its accepted reply, or to giving up on that server.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly KeyValuePair<string, object?> Answered = new("outcome", "answered");
    private static readonly KeyValuePair<string, object?> NoAnswer = new("outcome", "no_answer");

    static DnsMetrics()
    {
        Meter.CreateObservableCounter("pint.dns.queries.received", () => Each(c => c.Queries), "{query}",
            "DNS messages received over UDP and TCP.");
        Meter.CreateObservableCounter("pint.dns.queries", Outcomes, "{query}",
            "Queries by outcome: local, cache, forwarded, refused, servfail (a forwarded query no upstream answered), dropped (malformed, no reply).");
        Meter.CreateObservableCounter("pint.dns.cache.hits", () => Each(c => c.CacheHits), "{query}",
            "Queries answered from the cache.");
        Meter.CreateObservableCounter("pint.dns.nonlocal.dropped", () => Each(c => c.RefusedNonLocal), "{query}",
            "local-service: queries from clients off the directly connected networks, dropped without reply.");
        Meter.CreateObservableCounter("pint.dns.rebind.blocked", () => Each(c => c.RebindBlocked), "{reply}",
            "stop-dns-rebind: upstream replies withheld because they pointed at a private address.");
    }

    /// <summary>Counts <paramref name="counters"/> under <c>server=<paramref name="server"/></c> until disposed.</summary>
    public static IDisposable Register(DnsCounters counters, string server) => Servers.Add(counters, server);

    /// <summary>One upstream exchange: the server answered, or timed out or failed.</summary>
    internal static void RecordUpstream(TimeSpan elapsed, bool answered)
    {
        if (UpstreamDuration.Enabled) UpstreamDuration.Record(elapsed.TotalSeconds, answered ? Answered : NoAnswer);
    }

    private static IEnumerable<Measurement<long>> Each(Func<DnsCounters, long> read)
    {
        foreach (var (counters, server) in Servers.Live)
            yield return new Measurement<long>(read(counters), new KeyValuePair<string, object?>("server", server));
    }

    private static IEnumerable<Measurement<long>> Outcomes()
    {
        foreach (var (c, server) in Servers.Live)
        {
            yield return Outcome(c.LocalAnswers, server, "local");
            yield return Outcome(c.CacheHits, server, "cache");
            yield return Outcome(c.Forwarded, server, "forwarded");
            yield return Outcome(c.Refused, server, "refused");
            yield return Outcome(c.ServerFailures, server, "servfail");
            yield return Outcome(c.Dropped, server, "dropped");
        }
    }

    private static Measurement<long> Outcome(long value, string server, string outcome) =>
        new(value, new KeyValuePair<string, object?>("server", server), new KeyValuePair<string, object?>("outcome", outcome));
}
