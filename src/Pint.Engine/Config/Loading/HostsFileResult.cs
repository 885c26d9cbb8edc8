namespace Pint.Engine.Config;

/// <summary>The usable entries of a hosts file and a diagnostic for every line that was skipped.</summary>
public sealed record HostsFileResult(IReadOnlyList<HostsEntry> Entries, IReadOnlyList<ConfigDiagnostic> Diagnostics);
