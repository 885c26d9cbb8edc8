namespace Pint.Engine.Config;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Information,
}

/// <summary>
/// One finding about a config, hosts or lease file. Every diagnostic names the file and line,
/// and the option when the line has one, so a user can go straight to the fault.
/// </summary>
public sealed record ConfigDiagnostic(string File, int Line, string? Option, DiagnosticSeverity Severity, string Message)
{
    public ConfigDiagnostic(ConfigSource source, string? option, DiagnosticSeverity severity, string message)
        : this(source.File, source.Line, option, severity, message) { }

    public override string ToString() =>
        Option is null
            ? $"{File}:{Line}: {Severity.ToString().ToLowerInvariant()}: {Message}"
            : $"{File}:{Line}: {Severity.ToString().ToLowerInvariant()}: {Option}: {Message}";
}
