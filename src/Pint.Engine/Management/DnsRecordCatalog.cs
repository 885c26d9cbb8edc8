using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;

namespace Pint.Engine.Management;

/// <summary>
/// The DNS records of a config (host-record, cname, mx-host, srv-host, txt-record, ptr-record lines) as
/// Get-PintDnsRecord lists them, and the line edits Add/Remove-PintDnsRecord make.
/// </summary>
public static class DnsRecordCatalog
{
    public static IEnumerable<PintDnsRecord> List(PintConfig config, string configPath)
    {
        var dns = config.Dns;
        foreach (var r in dns.HostRecords)
        {
            foreach (var name in r.Names)
            {
                if (r.IPv4 is not null) yield return Record(name, PintDnsRecordType.A, r.IPv4.ToString(), "host-record", r.Source, configPath, r.Ttl);
                if (r.IPv6 is not null) yield return Record(name, PintDnsRecordType.AAAA, r.IPv6.ToString(), "host-record", r.Source, configPath, r.Ttl);
            }
        }
        foreach (var c in dns.Cnames)
            foreach (var alias in c.Aliases)
                yield return Record(alias, PintDnsRecordType.CNAME, c.Target, "cname", c.Source, configPath, c.Ttl);
        foreach (var m in dns.MxRecords)
            yield return Record(m.Name, PintDnsRecordType.MX, $"{m.Preference} {m.Target ?? Environment.MachineName}", "mx-host", m.Source, configPath);
        foreach (var s in dns.SrvRecords)
            yield return Record(s.Name, PintDnsRecordType.SRV, $"{s.Priority} {s.Weight} {s.Port} {s.Target ?? "."}", "srv-host", s.Source, configPath);
        foreach (var t in dns.TxtRecords)
            yield return Record(t.Name, PintDnsRecordType.TXT, string.Join(' ', t.Texts.Select(x => $"\"{x}\"")), "txt-record", t.Source, configPath);
        foreach (var p in dns.PtrRecords)
            yield return Record(p.Name, PintDnsRecordType.PTR, p.Target ?? "", "ptr-record", p.Source, configPath);
    }

    /// <summary>Appends the line for <paramref name="spec"/>; refuses a record that is already there or fields the type cannot take.</summary>
    public static void Add(ConfigEditSession session, PintConfig config, PintDnsRecordSpec spec)
    {
        var name = HostNameText.Validate(spec.Name);
        if (spec.TtlSeconds is < 0) throw Invalid($"The TTL of '{name}' cannot be negative.");
        if (spec.TtlSeconds is not null && spec.Type is not (PintDnsRecordType.A or PintDnsRecordType.AAAA or PintDnsRecordType.CNAME))
            throw Invalid($"dnsmasq takes a TTL only on A, AAAA (host-record=) and CNAME (cname=) records, not on {spec.Type}.");
        var existing = List(config, session.ConfigPath).Where(r => r.RecordType == spec.Type && HostCatalog.NameEquals(r.HostName, name)).ToList();
        switch (spec.Type)
        {
            case PintDnsRecordType.A or PintDnsRecordType.AAAA:
            {
                var address = spec.Address ?? throw Invalid($"An {spec.Type} record needs -IPAddress.");
                var family = spec.Type == PintDnsRecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                if (address.AddressFamily != family) throw Invalid($"'{address}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address, as an {spec.Type} record needs.");
                RefuseDuplicate(existing, address.ToString(), name, spec.Type);
                session.Append("host-record", DnsmasqValue.HostRecord([name], [address], spec.TtlSeconds));
                break;
            }
            case PintDnsRecordType.CNAME:
            {
                var target = Target(spec, name);
                if (existing.FirstOrDefault() is { } other)
                    throw new PintEditException(PintEditError.AlreadyExists, $"'{name}' already is an alias of {other.RecordData} at {other.Source}:{other.Line}; a name has one CNAME.");
                session.Append("cname", DnsmasqValue.Of(name, target).Add(spec.TtlSeconds));
                break;
            }
            case PintDnsRecordType.MX:
            {
                var target = Target(spec, name);
                int preference = Range(spec.Preference ?? 1, "-Preference");
                RefuseDuplicate(existing, $"{preference} {target}", name, spec.Type);
                session.Append("mx-host", DnsmasqValue.Of(name, target).Add(preference));
                break;
            }
            case PintDnsRecordType.SRV:
            {
                var target = Target(spec, name);
                int port = Range(spec.Port ?? throw Invalid($"An SRV record needs -Port."), "-Port");
                int priority = Range(spec.Priority ?? 0, "-Priority"), weight = Range(spec.Weight ?? 0, "-Weight");
                RefuseDuplicate(existing, $"{priority} {weight} {port} {target}", name, spec.Type);
                session.Append("srv-host", DnsmasqValue.Of(name, target).Add(port).Add(priority).Add(weight));
                break;
            }
            case PintDnsRecordType.TXT:
            {
                var texts = spec.Text is { Count: > 0 } ? spec.Text : throw Invalid($"A TXT record needs -Text.");
                // Written unquoted (dnsmasq keeps inner spaces): the editor would quote the whole value, which dnsmasq
                // then reads as one malformed field. So no character that forces quoting or splits fields.
                if (texts.FirstOrDefault(x => x.Length == 0 || x.Trim() != x || x.IndexOfAny(['"', '\\', ',', '#']) >= 0 || x.Any(char.IsControl)) is { } bad)
                    throw Invalid($"TXT text '{bad}' is empty, has outer spaces, or contains a quote, backslash, comma, '#' or control character, which a txt-record= line cannot hold as written.");
                RefuseDuplicate(existing, string.Join(' ', texts.Select(x => $"\"{x}\"")), name, spec.Type);
                session.Append("txt-record", DnsmasqValue.Of(name).Add(texts));
                break;
            }
            case PintDnsRecordType.PTR:
            {
                var target = Target(spec, name);
                RefuseDuplicate(existing, target, name, spec.Type);
                session.Append("ptr-record", DnsmasqValue.Of(name, target));
                break;
            }
        }
    }

    /// <summary>
    /// Removes one record. A line that holds more (other names, or the other address family) is rewritten to keep
    /// them; the line goes when nothing is left.
    /// </summary>
    public static void Remove(ConfigEditSession session, PintConfig config, PintDnsRecord record)
    {
        var entry = EntryFor(session, record);
        switch (record.RecordType)
        {
            case PintDnsRecordType.A or PintDnsRecordType.AAAA:
            {
                var line = config.Dns.HostRecords.First(r => r.Source == entry.Source);
                var keepNames = line.Names.Where(n => !HostCatalog.NameEquals(n, record.HostName)).ToList();
                var removedFamily = record.RecordType == PintDnsRecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                var otherAddress = removedFamily == AddressFamily.InterNetwork ? line.IPv6 : line.IPv4;
                if (keepNames.Count == 0)
                {
                    // The only name on the line: keep the other family's address, if any.
                    if (otherAddress is null) session.Remove(entry);
                    else session.Replace(entry, DnsmasqValue.HostRecord(line.Names, [otherAddress], line.Ttl));
                    break;
                }
                // Other names keep both addresses; this name keeps only the other family, on a line of its own.
                session.Replace(entry, DnsmasqValue.HostRecord(keepNames, Addresses(line), line.Ttl));
                if (otherAddress is not null) session.Append("host-record", DnsmasqValue.HostRecord([record.HostName], [otherAddress], line.Ttl));
                break;
            }
            case PintDnsRecordType.CNAME:
            {
                var line = config.Dns.Cnames.First(c => c.Source == entry.Source);
                var keep = line.Aliases.Where(a => !HostCatalog.NameEquals(a, record.HostName)).ToList();
                if (keep.Count == 0) session.Remove(entry);
                else session.Replace(entry, DnsmasqValue.Of(keep.Append(line.Target)).Add(line.Ttl));
                break;
            }
            default:
                session.Remove(entry);
                break;
        }
    }

    private static ConfigEntry EntryFor(ConfigEditSession session, PintDnsRecord record)
    {
        var entry = session.Entries(record.Option).FirstOrDefault(e => e.Source.Is(record.Source, record.Line));
        return entry ?? throw new PintEditException(PintEditError.NotFound,
            $"The {record.RecordType} record of '{record.HostName}' is no longer at {record.Source}:{record.Line}; the config changed. Run Get-PintDnsRecord again.");
    }

    private static IEnumerable<IPAddress> Addresses(HostRecord r)
    {
        if (r.IPv4 is not null) yield return r.IPv4;
        if (r.IPv6 is not null) yield return r.IPv6;
    }

    private static PintDnsRecord Record(string name, PintDnsRecordType type, string data, string option, ConfigSource source, string configPath, int? ttl = null) => new()
    {
        HostName = name,
        RecordType = type,
        RecordData = data,
        TimeToLive = ttl is int t ? TimeSpan.FromSeconds(t) : null,
        Option = option,
        Source = source.File,
        Line = source.Line,
        ConfigPath = configPath,
    };

    private static string Target(PintDnsRecordSpec spec, string name) =>
        HostNameText.Validate(spec.Target ?? throw Invalid($"A {spec.Type} record for '{name}' needs -Target."));

    private static int Range(int value, string parameter) =>
        value is >= 0 and <= ushort.MaxValue ? value : throw Invalid($"{parameter} {value} is outside 0..65535.");

    private static void RefuseDuplicate(List<PintDnsRecord> existing, string data, string name, PintDnsRecordType type)
    {
        if (existing.FirstOrDefault(r => string.Equals(r.RecordData, data, StringComparison.OrdinalIgnoreCase)) is { } same)
            throw new PintEditException(PintEditError.AlreadyExists, $"'{name}' already has the {type} record {data} at {same.Source}:{same.Line}.");
    }

    private static PintEditException Invalid(string message) => new(PintEditError.InvalidValue, message);
}
