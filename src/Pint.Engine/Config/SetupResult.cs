namespace Pint.Engine.Config;

/// <summary>
/// What a protocol's setup step made of a config: the server's options, and every finding with its file and line.
/// <see cref="Options"/> is null when a finding is an error: such a config is not served.
/// </summary>
public sealed record SetupResult<TOptions>(TOptions? Options, IReadOnlyList<ConfigDiagnostic> Diagnostics) where TOptions : class
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
