using System.Text;
using Pint.Engine.Hosting;

namespace Pint.Service;

/// <summary>
/// Log lines on stderr, where systemd's journal and a console both pick them up. Written in batches by a background
/// thread (<see cref="BackgroundLineWriter{T}"/>), so a DHCP or DNS flood that logs every transaction does not pay a
/// write call per line on its own thread; what is queued is written out when the process exits.
/// </summary>
internal sealed class ConsoleLog : IPintLog
{
    private readonly BackgroundLineWriter<PintLogEntry> _lines;

    public ConsoleLog()
    {
        var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), bufferSize: 64 * 1024) { AutoFlush = false };
        _lines = new BackgroundLineWriter<PintLogEntry>(static (writer, entry) =>
            writer.WriteLine(entry with { Time = entry.Time.ToLocalTime() }), stderr, ownsWriter: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => _lines.Complete(TimeSpan.FromSeconds(2));
    }

    public bool IsEnabled(PintLogLevel level) => level >= PintLogLevel.Information;

    public void Write(PintLogLevel level, string category, string message)
    {
        if (IsEnabled(level)) _lines.TryQueue(new PintLogEntry(DateTimeOffset.UtcNow, level, category, message));
    }
}
