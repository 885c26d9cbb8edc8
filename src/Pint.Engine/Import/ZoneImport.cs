using Pint.Engine.Dns;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Pint.Engine.Config;

namespace Pint.Engine.Import;

/// <summary>
/// Maps zone records onto dnsmasq's local records: A/AAAA to <c>host-record</c>, CNAME to <c>cname</c>, MX to
/// <c>mx-host</c>, SRV to <c>srv-host</c>, TXT to <c>txt-record</c>, PTR to <c>ptr-record</c>. SOA and NS are
/// information notes (dnsmasq is no authoritative server here); every other type is a warning.
/// </summary>
public static partial class ZoneImport
{
    public static ImportPlan Plan(ZoneFile zone)
    {
        var plan = new ImportPlan();
        foreach (var m in zone.Messages) plan.Warn(new ConfigSource(m.File, m.Line), m.Option ?? "", m.Message);
        var ttlLost = 0;
        foreach (var r in zone.Records)
        {
            var subject = $"{r.Type} {r.Owner}";
            if (r.Class != "IN")
            {
                plan.Warn(r.Source, subject, $"class {r.Class} record not imported: Pint serves class IN only");
                continue;
            }
            if (r.Type is "SOA" or "NS")
            {
                plan.Note(r.Source, subject, $"{r.Type} record skipped: Pint answers local names itself and needs no {r.Type}");
                continue;
            }
            if (!IsName(r.Owner))
            {
                plan.Warn(r.Source, subject, r.Owner.StartsWith('*')
                    ? "wildcard record not imported: dnsmasq's local records have no wildcards (address=/name/ip covers a whole domain)"
                    : $"owner '{r.Owner}' is not a name dnsmasq's record options accept; not imported");
                continue;
            }
            var mapped = r.Type switch
            {
                "A" => Address(r, AddressFamily.InterNetwork),
                "AAAA" => Address(r, AddressFamily.InterNetworkV6),
                "CNAME" => Cname(r),
                "MX" => Mx(r, plan),
                "SRV" => Srv(r),
                "TXT" => Txt(r, plan),
                "PTR" => $"{r.Owner},{Target(r, 0)}",
                _ => null,
            };
            if (mapped is null)
            {
                if (r.Type is not ("MX" or "TXT"))
                    plan.Warn(r.Source, subject, $"{r.Type} record not imported: Pint has no {r.Type} records");
                continue;
            }
            var option = r.Type switch
            {
                "A" or "AAAA" => "host-record",
                "CNAME" => "cname",
                "MX" => "mx-host",
                "SRV" => "srv-host",
                "TXT" => "txt-record",
                _ => "ptr-record",
            };
            if (option is "mx-host" or "srv-host" or "txt-record" or "ptr-record" && r.Ttl is not null) ttlLost++;
            plan.Add(option, mapped, r.Source);
        }
        if (ttlLost > 0)
            plan.Note(new ConfigSource(zone.File, 1), "TTL", $"the TTLs of {ttlLost} MX/SRV/TXT/PTR records are not kept: dnsmasq answers those with its local-ttl");
        return plan;
    }

    private static string Address(ZoneRecord r, AddressFamily family)
    {
        var data = Field(r, 0, "an address");
        if (!IPAddress.TryParse(data, out var a) || a.AddressFamily != family || (family == AddressFamily.InterNetwork && data.Count(c => c == '.') != 3))
            throw Bad(r, $"'{data}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        return WithTtl($"{r.Owner},{a}", r.Ttl);
    }

    private static string Cname(ZoneRecord r) => WithTtl($"{r.Owner},{Target(r, 0)}", r.Ttl);

    private static string? Mx(ZoneRecord r, ImportPlan plan)
    {
        var preference = Number(r, 0, "preference");
        var target = Target(r, 1);
        if (target == ".")
        {
            plan.Warn(r.Source, $"MX {r.Owner}", "null MX (\"no mail\") not imported: mx-host has no form for it");
            return null;
        }
        return $"{r.Owner},{target},{preference}";
    }

    private static string Srv(ZoneRecord r)
    {
        var (priority, weight, port) = (Number(r, 0, "priority"), Number(r, 1, "weight"), Number(r, 2, "port"));
        var target = Target(r, 3);
        // Target "." means "no such service here"; srv-host with a name alone says the same.
        return target == "." ? r.Owner : $"{r.Owner},{target},{port},{priority},{weight}";
    }

    private static string? Txt(ZoneRecord r, ImportPlan plan)
    {
        if (r.Data.Count == 0) throw Bad(r, "TXT record without text");
        foreach (var s in r.Data)
        {
            string? why = s.Text.Contains(',') ? "a comma, which a txt-record line reads as the start of a new string"
                : s.Text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\b' or '\u001b')) || s.Escaped && s.Text.Any(c => c is >= '\u0080' and <= '\u00ff') ? "bytes that are not text"
                : null;
            if (why is null) continue;
            plan.Warn(r.Source, $"TXT {r.Owner}", $"TXT record not imported: the string \"{s.Text}\" holds {why}");
            return null;
        }
        return DnsmasqValue.Of(r.Owner).Add(r.Data.Select(d => d.Text));
    }

    private static string Target(ZoneRecord r, int index)
    {
        var token = r.Data.Count > index ? r.Data[index] : throw Bad(r, $"missing field {index + 1} (a domain name)");
        var name = ZoneFile.Absolute(token.Text, r.Origin) ?? throw Bad(r, $"relative name '{token.Text}' but the zone is unknown: give -ZoneName or a $ORIGIN line");
        if (name != "." && (token.Escaped || !IsName(name))) throw Bad(r, $"'{token.Text}' is not a domain name Pint can serve");
        return name;
    }

    private static string Field(ZoneRecord r, int index, string what) =>
        r.Data.Count > index ? r.Data[index].Text : throw Bad(r, $"missing {what}");

    private static int Number(ZoneRecord r, int index, string what)
    {
        var text = Field(r, index, "the " + what);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 65535
            ? n
            : throw Bad(r, $"{what} '{text}' is not a number from 0 to 65535");
    }

    private static string WithTtl(string value, int? ttl) => new DnsmasqValue().AddWritten([value]).Add(ttl);

    private static ImportFormatException Bad(ZoneRecord r, string message) => new(r.Source.File, r.Source.Line, $"{r.Type} record for '{r.Owner}': {message}");

    private static bool IsName(string name) => HostNameCheck.IsValid(name, HostNameForms.TrailingHyphen);
}
