using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>A config that cannot be served. The message names the first error's file and line.</summary>
public sealed class PintConfigException : Exception
{
    public PintConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) return "The configuration has errors.";
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count > 2 ? "s" : "")})" : "";
        return errors[0] + more;
    }
}
