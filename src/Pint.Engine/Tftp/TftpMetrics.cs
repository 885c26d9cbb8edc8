using System.Diagnostics.Metrics;
using Pint.Engine.Metrics;

namespace Pint.Engine.Tftp;

/// <summary>The "Pint.Tftp" meter, read from the live servers' <see cref="TftpCounters"/> when a listener collects.</summary>
public static class TftpMetrics
{
    public const string MeterName = "Pint.Tftp";

    private static readonly LiveRegistry<TftpCounters> Servers = new();
    private static readonly Meter Meter = new(MeterName, typeof(TftpMetrics).Assembly.GetName().Version?.ToString());

    static TftpMetrics()
    {
        Meter.CreateObservableCounter("pint.tftp.requests", () => Each(c => c.Requests), "{datagram}",
            "Datagrams received on the listen sockets.");
        Meter.CreateObservableCounter("pint.tftp.requests.refused", () => Each(c => c.Refused), "{request}",
            "Requests answered with an ERROR packet.");
        Meter.CreateObservableCounter("pint.tftp.transfers", Transfers, "{transfer}",
            "Transfers by outcome: started, completed, failed; aborted (by the client) and evicted are failures too.");
        Meter.CreateObservableGauge("pint.tftp.transfers.active", () => Each(c => c.ActiveTransfers), "{transfer}",
            "Transfers under way.");
        Meter.CreateObservableCounter("pint.tftp.bytes.sent", () => Each(c => c.BytesSent), "By",
            "File bytes sent in DATA packets, retransmissions included.");
        Meter.CreateObservableCounter("pint.tftp.retransmissions", () => Each(c => c.Retransmissions), "{packet}",
            "DATA packets sent again after a timeout.");
    }

    /// <summary>Counts <paramref name="counters"/> under <c>server=<paramref name="server"/></c> until disposed.</summary>
    public static IDisposable Register(TftpCounters counters, string server) => Servers.Add(counters, server);

    private static IEnumerable<Measurement<long>> Each(Func<TftpCounters, long> read)
    {
        foreach (var (counters, server) in Servers.Live)
            yield return new Measurement<long>(read(counters), new KeyValuePair<string, object?>("server", server));
    }

    private static IEnumerable<Measurement<long>> Transfers()
    {
        foreach (var (c, server) in Servers.Live)
        {
            yield return Outcome(c.TransfersStarted, server, "started");
            yield return Outcome(c.TransfersCompleted, server, "completed");
            yield return Outcome(c.TransfersFailed, server, "failed");
            yield return Outcome(c.TransfersAborted, server, "aborted");
            yield return Outcome(c.TransfersEvicted, server, "evicted");
        }
    }

    private static Measurement<long> Outcome(long value, string server, string outcome) =>
        new(value, new KeyValuePair<string, object?>("server", server), new KeyValuePair<string, object?>("outcome", outcome));
}
