using System.Net;

namespace Pint.Engine.Config;

/// <summary>Parses <c>server=</c>, <c>local=</c> (an alias of server in dnsmasq) and <c>address=</c>.</summary>
internal static class DnsServerParser
{
    /// <summary>
    /// <c>ip[#port][@interface]</c>, <c>/domain/[domain/...]ip[#port]</c>, <c>/domain/</c> (local only) or
    /// <c>/domain/#</c> (use the standard servers).
    /// </summary>
    public static void Server(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        IReadOnlyList<string> domains = [];
        if (value.StartsWith('/'))
        {
            if (!TrySplitDomains(line, value, out domains, out value)) return;
        }

        if (value.Length == 0)
        {
            if (domains.Count == 0) { line.Error("missing server address"); return; }
            config.Dns.ServerList.Add(new DnsServerEntry(domains, DnsServerKind.LocalOnly, null, 53, null, line.Source));
            return;
        }
        if (value == "#")
        {
            if (domains.Count == 0) { line.Error("'#' (use the standard servers) needs a /domain/ before it"); return; }
            config.Dns.ServerList.Add(new DnsServerEntry(domains, DnsServerKind.UseStandardServers, null, 53, null, line.Source));
            return;
        }

        string? iface = null;
        var at = value.IndexOf('@');
        if (at >= 0)
        {
            iface = value[(at + 1)..];
            value = value[..at];
            if (iface.Length == 0) { line.Error("missing interface or source address after '@'"); return; }
        }

        var port = 53;
        var hash = value.IndexOf('#');
        if (hash >= 0)
        {
            var portText = value[(hash + 1)..];
            value = value[..hash];
            if (!ValueParser.TryInt(portText, 1, 65535, out port)) { line.Error($"bad port '{portText}': expected 1 to 65535"); return; }
        }

        if (!ValueParser.TryIP(value, out var address))
        {
            line.Error($"bad address '{value}': expected an IPv4 or IPv6 server address");
            return;
        }
        config.Dns.ServerList.Add(new DnsServerEntry(domains, DnsServerKind.Upstream, address, port, iface, line.Source));
    }

    /// <summary><c>/domain[/domain...]/[ip]</c>: empty ip = NXDOMAIN, <c>#</c> = the unspecified address.</summary>
    public static void Address(OptionLine line, PintConfig config)
    {
        var value = line.Value!;
        if (!value.StartsWith('/')) { line.Error($"bad value '{value}': expected /domain/[address]"); return; }
        if (!TrySplitDomains(line, value, out var domains, out var rest)) return;

        if (rest.Length == 0)
        {
            config.Dns.AddressList.Add(new AddressRule(domains, null, false, line.Source));
        }
        else if (rest == "#")
        {
            config.Dns.AddressList.Add(new AddressRule(domains, null, true, line.Source));
        }
        else if (ValueParser.TryIP(rest, out var address))
        {
            config.Dns.AddressList.Add(new AddressRule(domains, address, false, line.Source));
        }
        else
        {
            line.Error($"bad address '{rest}': expected an IPv4 or IPv6 address, '#' or nothing");
        }
    }

    private static bool TrySplitDomains(OptionLine line, string value, out IReadOnlyList<string> domains, out string rest)
    {
        var last = value.LastIndexOf('/');
        if (last == 0)
        {
            line.Error($"bad value '{value}': the domain list must end with '/'");
            domains = [];
            rest = "";
            return false;
        }

        var names = value[1..last].Split('/');
        foreach (var name in names)
        {
            // "" is dnsmasq's "//" (unqualified names); "#" stands for every domain in server=/#/.
            if (name.Length != 0 && name != "#" && !ValueParser.IsDomainName(name))
            {
                line.Error($"bad domain '{name}'");
                domains = [];
                rest = "";
                return false;
            }
        }
        domains = names.Select(n => n.ToLowerInvariant()).ToArray();
        rest = value[(last + 1)..];
        return true;
    }
}
