using System.Collections.Concurrent;
using System.Text;

namespace Pint.Engine.Hosting;

/// <summary>
/// dnsmasq's log-facility=: "-" is stderr (or the host's own log, see <see cref="PintHostOptions.LogFacilityStandardError"/>), a path is a file appended to; syslog facility names (DAEMON, LOCAL0,
/// ...) have no syslog here, so those lines go to the host's own log only. Lines are written by one background
/// writer so a slow disk never stalls a DNS or DHCP thread.
/// </summary>
public sealed class LogFacility : IPintLog, IAsyncDisposable
{
    private readonly IPintLog _inner;
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly BlockingCollection<string> _lines = new(boundedCapacity: 100_000);
    private readonly Task _pump;

    private LogFacility(IPintLog inner, TextWriter writer, bool ownsWriter)
    {
        _inner = inner;
        _writer = writer;
        _ownsWriter = ownsWriter;
        _pump = Task.Factory.StartNew(Pump, TaskCreationOptions.LongRunning);
    }

    /// <summary>The log to use for a log-facility value; <paramref name="inner"/> keeps receiving everything.</summary>
    /// <param name="standardError">Whether "-" writes to stderr; false: "-" is <paramref name="inner"/> only.</param>
    public static IPintLog Create(string? facility, string workingDirectory, IPintLog inner, bool standardError = true)
    {
        if (string.IsNullOrWhiteSpace(facility)) return inner;
        if (facility == "-") return standardError ? new LogFacility(inner, Console.Error, ownsWriter: false) : inner;
        if (!facility.Contains('/') && !facility.Contains('\\'))
        {
            inner.Write(PintLogLevel.Warning, "log", $"log-facility={facility}: syslog is not available; logging to the host's log");
            return inner;
        }
        var path = Path.IsPathRooted(facility) ? facility : Path.Combine(workingDirectory, facility);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new LogFacility(inner, new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true }, ownsWriter: true);
    }

    public bool IsEnabled(PintLogLevel level) => level >= PintLogLevel.Information || _inner.IsEnabled(level);

    public void Write(PintLogLevel level, string category, string message)
    {
        _inner.Write(level, category, message);
        if (level < PintLogLevel.Information) return;
        // dnsmasq's line shape: "Nov 24 18:55:01 dnsmasq[123]: query[A] ..."; a full queue drops rather than blocks.
        _lines.TryAdd($"{DateTime.Now:MMM dd HH:mm:ss} pint[{Environment.ProcessId}]: {message}");
    }

    private void Pump()
    {
        foreach (var line in _lines.GetConsumingEnumerable())
        {
            try { _writer.WriteLine(line); }
            catch (IOException) { /* a full disk must not stop the server */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines.CompleteAdding();
        await _pump.ConfigureAwait(false);
        if (_ownsWriter) await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
