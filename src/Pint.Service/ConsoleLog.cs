using Pint.Engine.Hosting;

namespace Pint.Service;

/// <summary>Log lines on stderr, where systemd's journal and a console both pick them up.</summary>
internal sealed class ConsoleLog : IPintLog
{
    public bool IsEnabled(PintLogLevel level) => level >= PintLogLevel.Information;

    public void Write(PintLogLevel level, string category, string message)
    {
        if (IsEnabled(level)) Console.Error.WriteLine(new PintLogEntry(DateTimeOffset.Now, level, category, message));
    }
}
