namespace Pint.Engine.Config;

/// <summary>
/// One option line handed to an option handler: the option, its unquoted value and where it came from.
/// Handlers report problems through <see cref="Error"/>, which records a diagnostic naming file, line and option.
/// </summary>
internal sealed class OptionLine(string option, string? value, ConfigSource source, List<ConfigDiagnostic> diagnostics)
{
    public string Option { get; } = option;
    /// <summary>The value; handlers for options with a required value are only called with a non-empty one.</summary>
    public string? Value { get; } = value;
    public ConfigSource Source { get; } = source;
    public bool Failed { get; private set; }

    /// <summary>
    /// The value split at commas, spaces around each field removed (dnsmasq ignores them). Only spaces: a quoted
    /// newline or tab is data.
    /// </summary>
    public string[] Fields() => Value is null ? [] : Value.Split(',').Select(f => f.Trim(' ')).ToArray();

    /// <summary>The same line read as another option's value (rev-server= as the server= line it stands for), reporting as this one.</summary>
    public OptionLine As(string value) => new(Option, value, Source, diagnostics);

    public void Error(string message)
    {
        Failed = true;
        diagnostics.Add(new ConfigDiagnostic(Source, Option, DiagnosticSeverity.Error, message));
    }

    public void Warning(string message) =>
        diagnostics.Add(new ConfigDiagnostic(Source, Option, DiagnosticSeverity.Warning, message));
}
