using System.Text;

namespace Pint.Engine.Hosting;

/// <summary>
/// dnsmasq's log-facility=: "-" is stderr (or the host's own log, see <see cref="PintHostOptions.LogFacilityStandardError"/>), a path is a file appended to; syslog facility names (DAEMON, LOCAL0,
/// ...) have no syslog here, so those lines go to the host's own log only. Lines are written in batches by one background
/// writer (<see cref="BackgroundLineWriter{T}"/>) so a slow disk never stalls a DNS or DHCP thread.
/// </summary>
public sealed class LogFacility : IPintLog, IAsyncDisposable
{
    private readonly IPintLog _inner;
    private readonly BackgroundLineWriter<(DateTime Time, string Message)> _lines;

    private LogFacility(IPintLog inner, TextWriter writer, bool ownsWriter)
    {
        _inner = inner;
        // dnsmasq's line shape: "Nov 24 18:55:01 dnsmasq[123]: query[A] ..."
        var processId = Environment.ProcessId;
        _lines = new((writer, line) => writer.WriteLine($"{line.Time.ToLocalTime():MMM dd HH:mm:ss} pint[{processId}]: {line.Message}"), writer, ownsWriter);
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
        return new LogFacility(inner, new StreamWriter(stream, new UTF8Encoding(false)), ownsWriter: true);
    }

    public bool IsEnabled(PintLogLevel level) => level >= PintLogLevel.Information || _inner.IsEnabled(level);

    public void Write(PintLogLevel level, string category, string message)
    {
        _inner.Write(level, category, message);
        if (level < PintLogLevel.Information) return;
        _lines.TryQueue((DateTime.UtcNow, message)); // a full queue drops rather than blocks
    }

    public ValueTask DisposeAsync() => _lines.DisposeAsync();
}
