using System.Globalization;
using System.Text.RegularExpressions;
using Pint.Engine.Config;

namespace Pint.Engine.Import;

/// <summary>
/// Reads an RFC 1035 master file as Windows' <c>Export-DnsServerZone</c> and BIND write it: <c>$ORIGIN</c>,
/// <c>$TTL</c>, relative names and <c>@</c>, an omitted owner (the previous one), omitted TTL and class in either
/// order, Windows' <c>[AGE:n]</c> stamps, and the zone name from Windows' header comment when no origin is given.
/// A line that cannot be read throws <see cref="ImportFormatException"/> naming it.
/// </summary>
public static partial class ZoneFileReader
{
    private static readonly string[] Classes = ["IN", "CH", "HS", "CS", "ANY"];

    public static ZoneFile Read(string path, string? zoneName = null) => Parse(File.ReadAllText(path), path, zoneName);

    /// <param name="zoneName">The zone the file holds (the initial origin); else the Windows header's zone.</param>
    public static ZoneFile Parse(string text, string fileName, string? zoneName = null)
    {
        var messages = new List<ConfigDiagnostic>();
        var origin = zoneName is not null ? Normalize(zoneName) : HeaderZone(text);
        var zone = origin;
        int? defaultTtl = null, soaMinimum = null, lastTtl = null;
        string? previousOwner = null;
        var records = new List<ZoneRecord>();

        foreach (var entry in ZoneFileTokenizer.Split(text, fileName))
        {
            var t = entry.Tokens;
            var source = new ConfigSource(fileName, entry.Line);
            ImportFormatException Error(string message) => new(fileName, entry.Line, message);

            if (!entry.OwnerOmitted && t[0].Text.StartsWith('$') && !t[0].Quoted)
            {
                switch (t[0].Text.ToUpperInvariant())
                {
                    case "$ORIGIN":
                        if (t.Count < 2) throw Error("$ORIGIN needs a domain name");
                        origin = ZoneFile.Absolute(t[1].Text, origin) ?? throw Error($"$ORIGIN '{t[1].Text}' is relative, but no origin is known yet");
                        zone ??= origin;
                        break;
                    case "$TTL":
                        if (t.Count < 2 || !TryTtl(t[1].Text, out var ttl)) throw Error($"$TTL needs a time such as 3600 or 1h, found '{(t.Count < 2 ? "" : t[1].Text)}'");
                        defaultTtl = ttl;
                        break;
                    default:
                        messages.Add(new ConfigDiagnostic(source, t[0].Text, DiagnosticSeverity.Warning, $"directive {t[0].Text} not followed; its records are not imported"));
                        break;
                }
                continue;
            }

            var i = 0;
            string owner;
            if (entry.OwnerOmitted)
            {
                owner = previousOwner ?? throw Error("the line starts with blank space (same owner as before), but no record came before it");
            }
            else
            {
                if (t[0].Escaped) throw Error($"owner name '{t[0].Text}' holds escaped characters, which Pint cannot serve");
                owner = ZoneFile.Absolute(t[0].Text, origin) ?? throw Error($"relative name '{t[0].Text}' but the zone is unknown: give -ZoneName or a $ORIGIN line");
                i = 1;
            }
            // Windows marks dynamic records with an aging stamp after the owner.
            if (i < t.Count && AgeStamp().IsMatch(t[i].Text)) i++;

            int? recordTtl = null;
            var cls = "IN";
            for (var k = 0; k < 2 && i < t.Count; k++)
            {
                if (recordTtl is null && TryTtl(t[i].Text, out var ttl)) { recordTtl = ttl; i++; }
                else if (Classes.Contains(t[i].Text.ToUpperInvariant())) { cls = t[i].Text.ToUpperInvariant(); i++; }
                else break;
            }
            if (i >= t.Count) throw Error($"record for '{owner}' has no type");
            var type = t[i].Text.ToUpperInvariant();
            var data = t.Skip(i + 1).ToArray();
            if (type == "SOA")
            {
                if (data.Length < 7 || !TryTtl(data[6].Text, out var minimum)) throw Error("SOA record needs 7 fields: mname rname serial refresh retry expire minimum");
                soaMinimum = minimum;
                zone ??= owner;
            }
            if (recordTtl is not null) lastTtl = recordTtl;
            // Without $TTL, BIND and Windows take the SOA minimum as the default TTL; RFC 1035 the last TTL given.
            records.Add(new ZoneRecord(owner, recordTtl ?? defaultTtl ?? soaMinimum ?? lastTtl, cls, type, data, origin, source));
            previousOwner = owner;
        }
        return new ZoneFile(fileName, zone, records, messages);
    }

    /// <summary>A TTL: seconds, or BIND's units (1w2d3h4m5s).</summary>
    public static bool TryTtl(string text, out int ttl)
    {
        ttl = 0;
        var m = TtlForm().Match(text);
        if (!m.Success) return false;
        if (m.Groups["plain"].Success)
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ttl);
        long total = 0;
        foreach (Match part in TtlPart().Matches(text))
        {
            var n = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += n * char.ToLowerInvariant(part.Groups[2].Value[0]) switch { 'w' => 604800, 'd' => 86400, 'h' => 3600, 'm' => 60, _ => 1 };
            if (total > int.MaxValue) return false;
        }
        ttl = (int)total;
        return true;
    }

    /// <summary>The zone named in Windows' header comment ("Database file x.dns for Default zone scope in zone x." or "for x zone.").</summary>
    private static string? HeaderZone(string text)
    {
        var m = HeaderComment().Match(text);
        if (!m.Success) return null;
        return Normalize(m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value);
    }

    private static string Normalize(string zone) => zone.Trim().TrimEnd('.') is { Length: > 0 } z ? z : ".";

    [GeneratedRegex(@"^\[AGE:\d+\]$", RegexOptions.IgnoreCase)]
    private static partial Regex AgeStamp();

    [GeneratedRegex(@"^((?<plain>\d+)|(\d+[wdhmsWDHMS])+)$")]
    private static partial Regex TtlForm();

    [GeneratedRegex(@"(\d+)([wdhmsWDHMS])")]
    private static partial Regex TtlPart();

    [GeneratedRegex(@"^;\s*Database file \S+ for (?:.* in zone (?<a>\S+?)\.?|(?<b>\S+?) zone\.)\s*$", RegexOptions.Multiline)]
    private static partial Regex HeaderComment();
}
