namespace Pint.Engine.Config;

/// <summary>
/// Reads files in /etc/hosts format: an address, then one or more names, separated by spaces or tabs; <c>#</c> starts
/// a comment anywhere. A line with a bad address or a bad name is reported and skipped, never fatal.
/// </summary>
public static class HostsFile
{
    public static HostsFileResult Parse(string text, string fileName)
    {
        var entries = new List<HostsEntry>();
        var diagnostics = new List<ConfigDiagnostic>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var fields = line.Split([' ', '\t', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;

            var source = new ConfigSource(fileName, lineNumber);
            if (!ValueParser.TryIP(fields[0], out var address))
            {
                diagnostics.Add(new ConfigDiagnostic(source, null, DiagnosticSeverity.Error, $"bad address '{fields[0]}': line skipped"));
                continue;
            }
            if (fields.Length == 1)
            {
                diagnostics.Add(new ConfigDiagnostic(source, null, DiagnosticSeverity.Error, $"no name after address '{fields[0]}': line skipped"));
                continue;
            }
            var badName = fields.Skip(1).FirstOrDefault(n => !ValueParser.IsDomainName(n) || n.StartsWith('*'));
            if (badName is not null)
            {
                diagnostics.Add(new ConfigDiagnostic(source, null, DiagnosticSeverity.Error, $"bad name '{badName}': line skipped"));
                continue;
            }
            entries.Add(new HostsEntry(address, fields[1..], source));
        }
        return new HostsFileResult(entries, diagnostics);
    }

    /// <summary>Reads and parses a hosts file; I/O errors (missing file, no permission) are thrown to the caller.</summary>
    public static HostsFileResult Load(string path) => Parse(File.ReadAllText(path), path);
}
