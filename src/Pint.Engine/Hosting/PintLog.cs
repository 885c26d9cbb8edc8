namespace Pint.Engine.Hosting;

public enum PintLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>One line of the server's log: what dnsmasq would write to syslog, with a category ("dns", "dhcp", ...).</summary>
public readonly record struct PintLogEntry(DateTimeOffset Time, PintLogLevel Level, string Category, string Message)
{
    public override string ToString() => $"{Time:yyyy-MM-dd HH:mm:ss} pint[{Category}]: {Message}";
}

/// <summary>Where services write their log lines. Implementations must be thread-safe and must not block.</summary>
public interface IPintLog
{
    bool IsEnabled(PintLogLevel level);

    void Write(PintLogLevel level, string category, string message);
}

/// <summary>A log that drops everything: the default when nobody listens.</summary>
public sealed class NullPintLog : IPintLog
{
    public static readonly NullPintLog Instance = new();

    public bool IsEnabled(PintLogLevel level) => false;

    public void Write(PintLogLevel level, string category, string message) { }
}
