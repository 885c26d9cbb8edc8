using System.Net;

namespace Pint.Engine.Config;

/// <summary>Parses the local DNS record options: host-record, cname, mx-host, srv-host, txt-record, ptr-record.</summary>
internal static class DnsRecordParsers
{
    /// <summary><c>name[,name...],[ipv4],[ipv6][,ttl]</c>: names come first, then addresses, then an optional TTL.</summary>
    public static void HostRecord(OptionLine line, PintConfig config)
    {
        var names = new List<string>();
        IPAddress? v4 = null, v6 = null;
        int? ttl = null;
        var fields = line.Fields();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Length == 0) continue; // "name,,::1" leaves the IPv4 slot empty
            if (ValueParser.TryIPv4(field, out var a4))
            {
                if (v4 is not null) { line.Error($"more than one IPv4 address ('{v4}' and '{field}')"); return; }
                v4 = a4;
            }
            else if (ValueParser.TryIPv6(field, out var a6))
            {
                if (v6 is not null) { line.Error($"more than one IPv6 address ('{v6}' and '{field}')"); return; }
                v6 = a6;
            }
            else if (v4 is null && v6 is null)
            {
                if (!ValueParser.IsDomainName(field)) { line.Error($"bad name '{field}'"); return; }
                names.Add(field);
            }
            else if (i == fields.Length - 1 && ValueParser.TryInt(field, 0, int.MaxValue, out var t))
            {
                ttl = t;
            }
            else
            {
                line.Error($"bad address '{field}': expected an IPv4 or IPv6 address");
                return;
            }
        }
        if (names.Count == 0) { line.Error("missing name: expected name[,name...],[ipv4],[ipv6][,ttl]"); return; }
        if (v4 is null && v6 is null) { line.Error("missing address: expected name[,name...],[ipv4],[ipv6][,ttl]"); return; }
        config.Dns.HostRecordList.Add(new HostRecord(names, v4, v6, ttl, line.Source));
    }

    /// <summary><c>cname,[cname...],target[,ttl]</c>.</summary>
    public static void Cname(OptionLine line, PintConfig config)
    {
        var fields = line.Fields().ToList();
        int? ttl = null;
        if (fields.Count > 2 && ValueParser.TryInt(fields[^1], 0, int.MaxValue, out var t))
        {
            ttl = t;
            fields.RemoveAt(fields.Count - 1);
        }
        if (fields.Count < 2) { line.Error("missing target: expected alias[,alias...],target[,ttl]"); return; }
        if (!AllNames(line, fields)) return;
        config.Dns.CnameList.Add(new CnameRecord(fields[..^1], fields[^1], ttl, line.Source));
    }

    /// <summary><c>name[,target[,preference]]</c>.</summary>
    public static void MxHost(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length > 3) { line.Error("too many fields: expected name[,target[,preference]]"); return; }
        if (!AllNames(line, fields.Take(2))) return;
        var preference = 1;
        if (fields.Length == 3 && !ValueParser.TryInt(fields[2], 0, 65535, out preference))
        {
            line.Error($"bad preference '{fields[2]}': expected 0 to 65535");
            return;
        }
        config.Dns.MxList.Add(new MxRecord(fields[0], fields.Length > 1 ? fields[1] : null, preference, line.Source));
    }

    /// <summary><c>mx-target=NAME</c>.</summary>
    public static void MxTarget(OptionLine line, PintConfig config)
    {
        var name = line.Value!.Trim();
        if (AllNames(line, [name])) config.Dns.MxTarget = name;
    }

    /// <summary><c>_service._proto.name[,target[,port[,priority[,weight]]]]</c>.</summary>
    public static void SrvHost(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length > 5) { line.Error("too many fields: expected _service._proto.name[,target[,port[,priority[,weight]]]]"); return; }
        if (!AllNames(line, fields.Take(2))) return;
        var numbers = new int[3];
        string[] what = ["port", "priority", "weight"];
        for (var i = 2; i < fields.Length; i++)
        {
            if (!ValueParser.TryInt(fields[i], 0, 65535, out numbers[i - 2]))
            {
                line.Error($"bad {what[i - 2]} '{fields[i]}': expected 0 to 65535");
                return;
            }
        }
        config.Dns.SrvList.Add(new SrvRecord(fields[0], fields.Length > 1 ? fields[1] : null, numbers[0], numbers[1], numbers[2], line.Source));
    }

    /// <summary><c>name[,text...]</c>. Quotes were removed by the lexer; each comma-separated field is one string.</summary>
    public static void TxtRecord(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        var comma = value.IndexOf(',');
        var name = (comma < 0 ? value : value[..comma]).Trim();
        if (!AllNames(line, [name])) return;
        // Text is kept untrimmed: spaces inside a TXT string are data.
        var texts = comma < 0 ? [] : value[(comma + 1)..].Split(',');
        if (texts.Any(t => t.Length > 255)) { line.Error("text longer than 255 characters; split it into several strings"); return; }
        config.Dns.TxtList.Add(new TxtRecord(name, texts, line.Source));
    }

    /// <summary><c>name[,target]</c>.</summary>
    public static void PtrRecord(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length > 2) { line.Error("too many fields: expected name[,target]"); return; }
        // Only the owner name is checked: DNS-SD targets ("New Employee Page._http._tcp...") hold spaces legitimately.
        if (!AllNames(line, fields.Take(1))) return;
        if (fields.Length > 1 && !FitsDnsName(fields[1])) { line.Error($"bad target '{fields[1]}': labels must have 1 to 63 characters, the name at most 253"); return; }
        config.Dns.PtrList.Add(new PtrRecord(fields[0], fields.Length > 1 ? fields[1] : null, line.Source));
    }

    // A PTR target may hold spaces, but it still has to be a DNS name on the wire.
    private static bool FitsDnsName(string name)
    {
        var trimmed = name.TrimEnd('.');
        return trimmed.Length <= 253 && (trimmed.Length == 0 || trimmed.Split('.').All(label => label.Length is > 0 and <= 63));
    }

    private static bool AllNames(OptionLine line, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!ValueParser.IsDomainName(name))
            {
                line.Error(name.Length == 0 ? "missing name" : $"bad name '{name}'");
                return false;
            }
        }
        return true;
    }
}
