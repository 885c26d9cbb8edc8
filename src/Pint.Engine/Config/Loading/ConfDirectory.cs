namespace Pint.Engine.Config;

/// <summary>
/// Which files <c>conf-dir=dir[,ext...]</c> reads, in which order, as observed in dnsmasq 2.90: regular files only
/// (no subdirectories), sorted by ordinal (byte) order of name; names ending in <c>~</c>, starting with <c>.</c>, or
/// starting and ending with <c>#</c> are skipped; <c>*.ext</c> patterns keep only matching names, plain <c>.ext</c>
/// suffixes exclude matching names, and both may be combined.
/// </summary>
public static class ConfDirectory
{
    public static IReadOnlyList<string> ListFiles(string directory, IEnumerable<string> filters)
    {
        var include = new List<string>();
        var exclude = new List<string>();
        foreach (var filter in filters.Where(f => f.Length > 0))
        {
            if (filter.StartsWith('*')) include.Add(filter[1..]);
            else exclude.Add(filter);
        }

        return new DirectoryInfo(directory).EnumerateFiles()
            .Select(f => f.Name)
            .Where(name => !IsSkipped(name))
            .Where(name => include.Count == 0 || include.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            .Where(name => !exclude.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(name => Path.Combine(directory, name))
            .ToArray();
    }

    private static bool IsSkipped(string name) =>
        name.EndsWith('~') || name.StartsWith('.') || (name.Length > 1 && name.StartsWith('#') && name.EndsWith('#'));
}
