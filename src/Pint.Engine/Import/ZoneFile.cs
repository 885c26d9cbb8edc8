using Pint.Engine.Config;

namespace Pint.Engine.Import;

/// <summary>One resource record of a master file, names made absolute (no trailing dot), TTL resolved.</summary>
/// <param name="Ttl">The record's TTL: its own, else $TTL, else the SOA minimum, else the last one given; null if none is known.</param>
/// <param name="Data">The RDATA tokens as written (names in it still relative; see <see cref="ZoneFile.Absolute"/>).</param>
/// <param name="Origin">The origin in force at the record, for the relative names in its data.</param>
public sealed record ZoneRecord(string Owner, int? Ttl, string Class, string Type, IReadOnlyList<ZoneToken> Data, string? Origin, ConfigSource Source);

/// <summary>A master file as read: its zone (origin at the start), records, and notes about directives it skipped.</summary>
public sealed record ZoneFile(string File, string? Zone, IReadOnlyList<ZoneRecord> Records, IReadOnlyList<ConfigDiagnostic> Messages)
{
    /// <summary>A name from RDATA made absolute against <paramref name="origin"/>; null when relative and no origin is known.</summary>
    public static string? Absolute(string name, string? origin)
    {
        if (name == "@") return origin;
        if (name.EndsWith('.')) return name.Length == 1 ? "." : name[..^1];
        if (origin is null) return null;
        return origin == "." ? name : $"{name}.{origin}";
    }
}
