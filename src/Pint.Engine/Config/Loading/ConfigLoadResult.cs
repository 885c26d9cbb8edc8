namespace Pint.Engine.Config;

/// <summary>What <see cref="ConfigLoader"/> read: the typed config, every finding, and every file it opened.</summary>
public sealed class ConfigLoadResult(PintConfig config, IReadOnlyList<ConfigDiagnostic> diagnostics, IReadOnlyList<string> files)
{
    public PintConfig Config { get; } = config;
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; } = diagnostics;
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
    /// <summary>Every file read, in order: the config, its includes, the addn-hosts files.</summary>
    public IReadOnlyList<string> Files { get; } = files;
}
