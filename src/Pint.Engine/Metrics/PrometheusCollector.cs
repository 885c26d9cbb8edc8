using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Pint.Engine.Metrics;

/// <summary>
/// Listens to Pint's meters ("Pint.Dns", "Pint.Dhcp", "Pint.Tftp") and writes them in the Prometheus text format
/// (version 0.0.4): observable counters and gauges are read at each scrape, histograms are summed as their values
/// come. Names follow the OpenTelemetry-to-Prometheus rules: dots become underscores, the unit is appended
/// (<c>_seconds</c>, <c>_bytes</c>) and counters end in <c>_total</c>. Pint's own, so the PowerShell module loads
/// no OpenTelemetry SDK into the user's session; an OpenTelemetry collector can still scrape it or read the meters.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    public static readonly IReadOnlyList<string> MeterNames = ["Pint.Dns", "Pint.Dhcp", "Pint.Tftp"];

    private readonly object _gate = new();
    private readonly MeterListener _listener = new();
    private readonly List<Instrument> _instruments = new();
    private readonly Dictionary<Instrument, List<(KeyValuePair<string, object?>[] Tags, double Value)>> _observed = new();
    private readonly Dictionary<Instrument, List<HistogramSums>> _histograms = new();

    private sealed class HistogramSums(double[] bounds, KeyValuePair<string, object?>[] tags)
    {
        public readonly double[] Bounds = bounds;
        public readonly long[] Counts = new long[bounds.Length + 1];
        public readonly KeyValuePair<string, object?>[] Tags = tags;
        public double Sum;
        public long Count;
    }

    private static HistogramSums? FindSeries(List<HistogramSums> series, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var sums in series)
            if (SameTags(sums.Tags, tags)) return sums;
        return null;
    }

    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    public PrometheusCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!MeterNames.Contains(instrument.Meter.Name)) return;
            lock (_gate) _instruments.Add(instrument);
            listener.EnableMeasurementEvents(instrument);
        };
        _listener.MeasurementsCompleted = (instrument, _) => { lock (_gate) _instruments.Remove(instrument); };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        // The meters publish themselves when a server first starts; touch them so a scrape before that is not empty.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Dns.DnsMetrics).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Dhcp.Server.DhcpMetrics).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Tftp.TftpMetrics).TypeHandle);
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            if (instrument.IsObservable)
            {
                if (!_observed.TryGetValue(instrument, out var list)) _observed[instrument] = list = new();
                list.Add((tags.ToArray(), value));
                return;
            }
            if (instrument is not Histogram<double> histogram) return; // Pint records no other kind as it happens
            if (!_histograms.TryGetValue(instrument, out var series)) _histograms[instrument] = series = new();
            // A handful of series per histogram (one per tag combination): a scan finds one without allocating.
            var sums = FindSeries(series, tags);
            if (sums is null)
                series.Add(sums = new HistogramSums(histogram.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBounds, tags.ToArray()));
            var bucket = 0;
            while (bucket < sums.Bounds.Length && value > sums.Bounds[bucket]) bucket++;
            sums.Counts[bucket]++;
            sums.Sum += value;
            sums.Count++;
        }
    }

    private static bool SameTags(KeyValuePair<string, object?>[] kept, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (kept.Length != tags.Length) return false;
        for (var i = 0; i < tags.Length; i++)
            if (kept[i].Key != tags[i].Key || !Equals(kept[i].Value, tags[i].Value)) return false;
        return true;
    }

    /// <summary>Every series now, as the body of a /metrics reply.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var instrument in _instruments)
            {
                if (instrument.IsObservable) WriteObserved(text, instrument);
                else WriteHistogram(text, instrument);
            }
            return text.ToString();
        }
    }

    private void WriteObserved(StringBuilder text, Instrument instrument)
    {
        if (!_observed.TryGetValue(instrument, out var points)) return;
        var counter = instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
        var name = PrometheusName(instrument) + (counter ? "_total" : "");
        WriteHeader(text, name, instrument.Description, counter ? "counter" : "gauge");
        foreach (var (tags, value) in points)
            text.Append(name).Append(Labels(tags, null)).Append(' ').Append(Number(value)).Append('\n');
    }

    private void WriteHistogram(StringBuilder text, Instrument instrument)
    {
        if (!_histograms.TryGetValue(instrument, out var series) || series.Count == 0) return;
        var name = PrometheusName(instrument);
        WriteHeader(text, name, instrument.Description, "histogram");
        foreach (var sums in series)
        {
            long cumulative = 0;
            for (var b = 0; b < sums.Bounds.Length; b++)
            {
                cumulative += sums.Counts[b];
                text.Append(name).Append("_bucket").Append(Labels(sums.Tags, Number(sums.Bounds[b]))).Append(' ').Append(cumulative).Append('\n');
            }
            text.Append(name).Append("_bucket").Append(Labels(sums.Tags, "+Inf")).Append(' ').Append(sums.Count).Append('\n');
            text.Append(name).Append("_sum").Append(Labels(sums.Tags, null)).Append(' ').Append(Number(sums.Sum)).Append('\n');
            text.Append(name).Append("_count").Append(Labels(sums.Tags, null)).Append(' ').Append(sums.Count).Append('\n');
        }
    }

    private static void WriteHeader(StringBuilder text, string name, string? help, string type)
    {
        if (help is not null) text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>"pint.dns.upstream.duration" in seconds: pint_dns_upstream_duration_seconds.</summary>
    internal static string PrometheusName(Instrument instrument)
    {
        var name = new StringBuilder();
        foreach (var c in instrument.Name) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var unit = instrument.Unit switch { "s" => "seconds", "ms" => "milliseconds", "By" => "bytes", _ => null };
        if (unit is not null && !instrument.Name.Split('.').Contains(unit)) name.Append('_').Append(unit);
        return name.ToString();
    }

    private static string Labels(KeyValuePair<string, object?>[] tags, string? le)
    {
        if (tags.Length == 0 && le is null) return "";
        var text = new StringBuilder("{");
        foreach (var (key, value) in tags)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(key.Replace('.', '_')).Append("=\"").Append(Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }
        if (le is not null) text.Append(text.Length > 1 ? "," : "").Append("le=\"").Append(le).Append('"');
        return text.Append('}').ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();
}
