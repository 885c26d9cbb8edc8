using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;

namespace Pint.Engine.Import;

/// <summary>One config line an import wants to add, and the place in the import file it comes from.</summary>
public sealed record ImportLine(string Option, string Value, ConfigSource Origin)
{
    public override string ToString() => ConfigValue.FormatLine(Option, Value);
}

/// <summary>
/// What an import would do, computed without touching any file: the config lines to append, the leases to put in
/// the lease file, and a message for everything that cannot be expressed (warnings) or was left out on purpose
/// (information). Applied by <see cref="ImportPlanWriter"/>.
/// </summary>
public sealed class ImportPlan
{
    private readonly List<ImportLine> _lines = [];
    private readonly List<DhcpLease> _leases = [];
    private readonly List<ConfigDiagnostic> _messages = [];

    public IReadOnlyList<ImportLine> Lines => _lines;
    public IReadOnlyList<DhcpLease> Leases => _leases;
    /// <summary>Warnings (not imported, or imported with a difference) and information notes, in file order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Messages => _messages;
    public IEnumerable<ConfigDiagnostic> Warnings => _messages.Where(m => m.Severity == DiagnosticSeverity.Warning);

    internal void Add(string option, string value, ConfigSource origin) => _lines.Add(new ImportLine(option, value, origin));

    internal void AddLease(DhcpLease lease) => _leases.Add(lease);

    internal void Warn(ConfigSource origin, string subject, string message) =>
        _messages.Add(new ConfigDiagnostic(origin, subject, DiagnosticSeverity.Warning, message));

    internal void Note(ConfigSource origin, string subject, string message) =>
        _messages.Add(new ConfigDiagnostic(origin, subject, DiagnosticSeverity.Information, message));
}
