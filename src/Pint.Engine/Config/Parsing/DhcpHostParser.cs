using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// Parses <c>dhcp-host</c>. As in dnsmasq, each field is recognised by its form, not its position: MAC addresses
/// (with <c>*</c> wildcards and an optional <c>hwtype-</c> prefix), <c>id:</c>, <c>set:</c>, <c>tag:</c>, an IPv4
/// address, <c>[ipv6]</c>, a lease time, <c>ignore</c>, and otherwise a hostname.
/// </summary>
internal static class DhcpHostParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var macs = new List<string>();
        var setTags = new List<string>();
        var tags = new List<string>();
        string? clientId = null, hostName = null;
        IPAddress? address = null, v6 = null;
        var v6List = new List<IPAddress>();
        TimeSpan? lease = null;
        var ignore = false;

        foreach (var field in line.Fields())
        {
            if (field.Length == 0) continue;
            if (field.StartsWith("id:", StringComparison.Ordinal))
            {
                if (clientId is not null) { line.Error("more than one id: field"); return; }
                clientId = field[3..];
                if (clientId.Length == 0) { line.Error("empty client id after 'id:'"); return; }
            }
            else if (TagList.IsSet(field) || field.StartsWith("net:", StringComparison.Ordinal)) setTags.Add(field[4..]);
            else if (field.StartsWith("tag:", StringComparison.Ordinal)) tags.Add(field[4..]);
            else if (field == "ignore") ignore = true;
            else if (field.StartsWith('[') && field.EndsWith(']'))
            {
                if (!ValueParser.TryIPv6(field[1..^1], out var a6)) { line.Error($"bad IPv6 address '{field}'"); return; }
                v6 ??= a6;
                v6List.Add(a6);
            }
            else if (ValueParser.TryIPv4(field, out var a4))
            {
                if (address is not null) { line.Error($"more than one IPv4 address ('{address}' and '{field}')"); return; }
                address = a4;
            }
            else if (IsHardwareAddress(field)) macs.Add(field.ToLowerInvariant());
            else if (field.Contains(':')) { line.Error($"bad hardware address '{field}': expected hex pairs like 00:11:22:33:44:55"); return; }
            else if (ValueParser.TryLeaseTime(field, out var time))
            {
                if (lease is not null) { line.Error($"more than one lease time ('{field}')"); return; }
                lease = time;
            }
            else if (ValueParser.IsDomainName(field) && !field.StartsWith('*'))
            {
                if (hostName is not null) { line.Error($"more than one hostname ('{hostName}' and '{field}')"); return; }
                hostName = field;
            }
            else { line.Error($"bad hostname '{field}'"); return; }
        }

        if (macs.Count == 0 && clientId is null && hostName is null && address is null && v6 is null && tags.Count == 0)
        {
            line.Error("nothing to match: expected a MAC address, id:client-id, hostname or address");
            return;
        }
        config.Dhcp.HostList.Add(new DhcpHost(macs, clientId, address, hostName, lease, ignore, setTags, tags, line.Source)
        {
            IPv6Address = v6,
            // Left at the shared empty list when none, so hosts without IPv6 still compare equal as records.
            IPv6Addresses = v6List.Count > 0 ? v6List : Array.Empty<IPAddress>(),
        });
    }

    /// <summary>
    /// An optional hardware type of one to three digits ("1-" for Ethernet), then 2 to 16 colon-separated bytes of
    /// one or two hex digits or '*'. By hand, not a regex, so the service does not load the regex engine (ValueParser).
    /// </summary>
    internal static bool IsHardwareAddress(string field)
    {
        var rest = field.AsSpan();
        int dash = rest.IndexOf('-');
        if (dash >= 0)
        {
            if (dash is 0 or > 3 || rest[..dash].ContainsAnyExceptInRange('0', '9')) return false;
            rest = rest[(dash + 1)..];
        }
        int bytes = 0, width = 0;
        foreach (char c in rest)
        {
            if (char.IsAsciiHexDigit(c) || c == '*')
            {
                if (++width > 2) return false;
            }
            else if (c != ':' || width == 0 || ++bytes > 15) return false;
            else width = 0;
        }
        return bytes >= 1 && width > 0;
    }
}
