using System.Text;

namespace Pint.Engine.Config;

/// <summary>
/// Reads files in /etc/hosts format: an address, then one or more names, separated by spaces or tabs; <c>#</c> starts
/// a comment anywhere. A line with a bad address or a bad name is reported as a warning and skipped, as dnsmasq does:
/// one bad line (say, one an editor left half-written) must not keep the server from starting or reloading. A file
/// replaced by garbage costs bounded memory: an over-long line is skipped without being held, and only the first bad
/// lines are listed.
/// </summary>
public static class HostsFile
{
    /// <summary>The longest line read, in characters; a longer one is reported and skipped (dnsmasq skips it too).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Bad lines listed one by one per file; the rest are counted in one more diagnostic.</summary>
    public const int MaxListedBadLines = 100;

    private const int MaxQuotedLength = 64;

    private static readonly char[] Blanks = [' ', '\t', '\r', '\f', '\v'];

    public static HostsFileResult Parse(string text, string fileName)
    {
        using var reader = new StringReader(text);
        return Read(reader, fileName);
    }

    /// <summary>Reads and parses a hosts file; I/O errors (missing file, no permission) are thrown to the caller.</summary>
    public static HostsFileResult Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Parses hosts text as it is read from <paramref name="reader"/>; diagnostics name <paramref name="fileName"/>.</summary>
    public static HostsFileResult Read(TextReader reader, string fileName)
    {
        var entries = new List<HostsEntry>();
        var diagnostics = new List<ConfigDiagnostic>();
        var unlisted = 0;
        var firstUnlisted = 0;
        var endsWithoutLineBreak = false;
        foreach (var (number, text, ended) in Lines(reader))
        {
            var source = new ConfigSource(fileName, number);
            var error = text is null ? $"line longer than {MaxLineLength} characters: line skipped" : ParseLine(text, source, entries);
            endsWithoutLineBreak = !ended && error is null && entries.Count > 0 && entries[^1].Source == source;
            if (error is null) continue;
            if (diagnostics.Count < MaxListedBadLines)
            {
                diagnostics.Add(new ConfigDiagnostic(source, null, DiagnosticSeverity.Warning, error));
            }
            else if (unlisted++ == 0)
            {
                firstUnlisted = number;
            }
        }
        if (unlisted > 0)
        {
            diagnostics.Add(new ConfigDiagnostic(new ConfigSource(fileName, firstUnlisted), null, DiagnosticSeverity.Warning,
                $"{unlisted} more bad lines from here on are not listed"));
        }
        return new HostsFileResult(entries, diagnostics, endsWithoutLineBreak);
    }

    /// <summary>Adds the line's entry, if it has one; returns why the line is skipped, or null.</summary>
    private static string? ParseLine(string line, ConfigSource source, List<HostsEntry> entries)
    {
        var hash = line.IndexOf('#');
        if (hash >= 0) line = line[..hash];
        var fields = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0) return null;
        if (!ValueParser.TryIP(fields[0], out var address)) return $"bad address {Quote(fields[0])}: line skipped";
        if (fields.Length == 1) return $"no name after address {Quote(fields[0])}: line skipped";
        var badName = fields.Skip(1).FirstOrDefault(n => !ValueParser.IsDomainName(n) || n.StartsWith('*'));
        if (badName is not null) return $"bad name {Quote(badName)}: line skipped";
        entries.Add(new HostsEntry(address, fields[1..], source));
        return null;
    }

    /// <summary>
    /// The lines of <paramref name="reader"/>, split at '\n' only (a '\r' is a blank); <c>Text</c> is null for a line
    /// longer than <see cref="MaxLineLength"/>, which is read past without being kept.
    /// </summary>
    private static IEnumerable<(int Number, string? Text, bool Ended)> Lines(TextReader reader)
    {
        var buffer = new char[8192];
        var pending = new StringBuilder();
        var tooLong = false;
        var number = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var end = Array.IndexOf(buffer, '\n', start, read - start);
                var length = (end < 0 ? read : end) - start;
                if (!tooLong && pending.Length + length > MaxLineLength)
                {
                    tooLong = true;
                    pending.Clear();
                }
                if (end < 0)
                {
                    if (!tooLong) pending.Append(buffer, start, length);
                    break;
                }
                string? text = null;
                if (!tooLong) text = pending.Length == 0 ? new string(buffer, start, length) : pending.Append(buffer, start, length).ToString();
                yield return (number++, text, true);
                pending.Clear();
                tooLong = false;
                start = end + 1;
            }
        }
        if (pending.Length > 0 || tooLong) yield return (number, tooLong ? null : pending.ToString(), false);
    }

    /// <summary>A field as a diagnostic shows it: quoted, cut short, control characters escaped (garbage must not garble the log).</summary>
    private static string Quote(string field)
    {
        var shown = new StringBuilder("'");
        foreach (var c in field.Length > MaxQuotedLength ? field[..MaxQuotedLength] : field)
        {
            if (char.IsControl(c) || char.IsSurrogate(c)) shown.Append($"\\u{(int)c:X4}");
            else shown.Append(c);
        }
        return shown.Append(field.Length > MaxQuotedLength ? "'..." : "'").ToString();
    }
}
