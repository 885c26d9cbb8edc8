namespace Pint.Engine.Config;

/// <summary>
/// The usable entries of a hosts file and a diagnostic for every line that was skipped. <see cref="EndsWithoutLineBreak"/>:
/// the last entry's line has no line break after it, as a file cut while being written ends (its last name may be cut).
/// </summary>
public sealed record HostsFileResult(IReadOnlyList<HostsEntry> Entries, IReadOnlyList<ConfigDiagnostic> Diagnostics, bool EndsWithoutLineBreak = false);
