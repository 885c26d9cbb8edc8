using System.Text;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// What dig printed for one query, reduced to what must agree between two servers: status, header flags, the EDNS
/// pseudosection and each section as a sorted multiset of records (round-robin order does not count).
/// </summary>
internal sealed record DigResponse(string Status, string Flags, IReadOnlyList<string> Opt, IReadOnlyDictionary<string, IReadOnlyList<string>> Sections)
{
    private static readonly string[] SectionNames = ["QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL"];

    /// <summary>Parses dig's default output. <paramref name="ignoreTtl"/>: cached answers age, so their TTLs are blanked.</summary>
    public static DigResponse Parse(string output, bool ignoreTtl)
    {
        string status = "NO REPLY", flags = "";
        var opt = new List<string>();
        var sections = SectionNames.ToDictionary(s => s, _ => new List<string>());
        string? current = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith(";; ->>HEADER<<-"))
            {
                status = Between(line, "status: ", ",");
                current = null;
            }
            else if (line.StartsWith(";; flags:")) flags = Between(line, ";; flags:", ";").Trim();
            else if (line == ";; OPT PSEUDOSECTION:") current = "OPT";
            else if (line.StartsWith(";; ") && line.EndsWith(" SECTION:")) current = line[3..^" SECTION:".Length];
            else if (line.Length == 0 || (line.StartsWith(";;") && current != null)) current = null;
            else if (current == "OPT" && line.StartsWith("; ")) opt.Add(line[2..]);
            else if (current == "QUESTION" && line.StartsWith(';')) sections[current].Add(Normalize(line[1..], hasTtl: false, ignoreTtl));
            else if (current is not null && sections.TryGetValue(current, out var list) && !line.StartsWith(';'))
                list.Add(Normalize(line, hasTtl: true, ignoreTtl));
        }
        foreach (var list in sections.Values) list.Sort(StringComparer.Ordinal);
        return new DigResponse(status, flags, opt, sections.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
    }

    /// <summary>Empty when both agree; otherwise one line per difference, dnsmasq's value first.</summary>
    public static string Diff(DigResponse expected, DigResponse actual)
    {
        var diff = new StringBuilder();
        if (expected.Status != actual.Status) diff.AppendLine($"  status: dnsmasq {expected.Status} | pint {actual.Status}");
        if (expected.Flags != actual.Flags) diff.AppendLine($"  flags:  dnsmasq [{expected.Flags}] | pint [{actual.Flags}]");
        AppendSet(diff, "OPT", expected.Opt, actual.Opt);
        foreach (var name in SectionNames)
        {
            // A truncated answer holds the records that fit; which ones depends on the round-robin position.
            if (name == "ANSWER" && expected.Flags.Contains("tc") && actual.Flags.Contains("tc"))
            {
                if (expected.Sections[name].Count != actual.Sections[name].Count)
                    diff.AppendLine($"  ANSWER     truncated to dnsmasq {expected.Sections[name].Count} | pint {actual.Sections[name].Count} records");
                continue;
            }
            AppendSet(diff, name, expected.Sections[name], actual.Sections[name]);
        }
        return diff.ToString();
    }

    private static void AppendSet(StringBuilder diff, string name, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        if (expected.SequenceEqual(actual)) return;
        foreach (var missing in Except(expected, actual)) diff.AppendLine($"  {name,-10} only dnsmasq: {missing}");
        foreach (var extra in Except(actual, expected)) diff.AppendLine($"  {name,-10} only pint:    {extra}");
    }

    /// <summary>Multiset difference, so a record present twice on one side shows up.</summary>
    private static List<string> Except(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var remaining = right.ToList();
        var result = new List<string>();
        foreach (var item in left)
            if (!remaining.Remove(item)) result.Add(item);
        return result;
    }

    private static string Normalize(string line, bool hasTtl, bool ignoreTtl)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (hasTtl && ignoreTtl && fields.Length > 1) fields[1] = "*";
        return string.Join(' ', fields);
    }

    private static string Between(string line, string start, string end)
    {
        int from = line.IndexOf(start, StringComparison.Ordinal);
        if (from < 0) return "";
        from += start.Length;
        int to = line.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? line[from..] : line[from..to];
    }
}
