using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>
/// <c>ipset=</c> and <c>nftset=</c>: the addresses of upstream answers for names in some domains go to kernel sets.
/// dnsmasq 2.90 accepts almost any text here and fails only when it writes to the kernel; Pint refuses what cannot
/// name a set (empty names, unknown families, names nft or ipset would not parse) at the line that says it.
/// </summary>
internal static class AddressSetHandlers
{
    /// <summary>The families nft(8) knows; which of them the named table really has is the kernel's business.</summary>
    private static readonly string[] NftFamilies = ["ip", "ip6", "inet", "arp", "bridge", "netdev"];

    public static void Register(IDictionary<string, OptionHandler> handlers)
    {
        handlers["ipset"] = Ipset;
        handlers["nftset"] = Nftset;
    }

    /// <summary><c>ipset=/domain[/domain...]/set[,set...]</c>.</summary>
    private static void Ipset(OptionLine line, PintConfig config)
    {
        if (!TrySplit(line, "set[,set...]", out var domains, out var specs)) return;
        var sets = new List<AddressSetTarget>();
        foreach (var name in specs)
        {
            // ipset names are at most 31 characters (IPSET_MAXNAMELEN - 1); blanks would split the command line.
            if (name.Length > 31 || !IsPlainToken(name)) { line.Error($"bad ipset name '{name}': expected up to 31 characters without spaces"); return; }
            sets.Add(new AddressSetTarget(name));
        }
        config.Dns.AddressSetList.Add(new AddressSetRule(AddressSetKind.Ipset, domains, sets, line.Source));
    }

    /// <summary><c>nftset=/domain[/domain...]/[4#|6#][family#]table#set[,...]</c>.</summary>
    private static void Nftset(OptionLine line, PintConfig config)
    {
        if (!TrySplit(line, "[4#|6#][family#]table#set[,...]", out var domains, out var specs)) return;
        var sets = new List<AddressSetTarget>();
        foreach (var spec in specs)
        {
            var parts = spec.Split('#');
            AddressFamily? only = null;
            int at = 0;
            if (parts.Length > 2 && parts[0] is "4" or "6")
            {
                only = parts[0] == "4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                at = 1;
            }
            else if (parts.Length > 2 && parts[0].Length == 1 && char.IsAsciiDigit(parts[0][0]))
            {
                line.Error($"bad address family '{parts[0]}#' in '{spec}': expected 4# (A records only) or 6# (AAAA only)");
                return;
            }
            var rest = parts[at..];
            if (rest.Length is < 2 or > 3)
            {
                line.Error($"bad nftables set '{spec}': expected [4#|6#][family#]table#set");
                return;
            }
            var family = rest.Length == 3 ? rest[0] : "ip"; // nft's own default family
            if (!NftFamilies.Contains(family))
            {
                line.Error($"bad nftables family '{family}' in '{spec}': expected inet, ip or ip6 (or arp, bridge, netdev)");
                return;
            }
            var (table, set) = (rest[^2], rest[^1]);
            foreach (var (what, name) in new[] { ("table", table), ("set", set) })
            {
                if (!IsNftIdentifier(name))
                {
                    line.Error($"bad nftables {what} name '{name}' in '{spec}': expected a letter or '_' then letters, digits, '_', '-' or '.'");
                    return;
                }
            }
            sets.Add(new AddressSetTarget(set, table, family, only));
        }
        config.Dns.AddressSetList.Add(new AddressSetRule(AddressSetKind.Nftset, domains, sets, line.Source));
    }

    /// <summary>Splits <c>/domain[/domain...]/sets</c> into lower-case domains ("" for <c>#</c> and empty) and the set specs.</summary>
    private static bool TrySplit(OptionLine line, string setsShape, out IReadOnlyList<string> domains, out string[] specs)
    {
        var value = line.Value!;
        domains = [];
        specs = [];
        var last = value.LastIndexOf('/');
        if (!value.StartsWith('/') || last == 0)
        {
            line.Error($"bad value '{value}': expected /domain[/domain...]/{setsShape}");
            return false;
        }
        var names = value[1..last].Split('/');
        foreach (var name in names)
        {
            if (name.Length != 0 && name != "#" && !ValueParser.IsDomainName(name)) { line.Error($"bad domain '{name}'"); return false; }
        }
        var rest = value[(last + 1)..];
        if (rest.Trim().Length == 0) { line.Error($"missing set after the domains in '{value}': expected /domain/{setsShape}"); return false; }
        specs = rest.Split(',').Select(s => s.Trim(' ')).ToArray();
        if (specs.Any(s => s.Length == 0)) { line.Error($"empty set name in '{rest}'"); return false; }
        // "#" and "" both mean every name; a trailing dot names the same domain.
        domains = names.Select(n => n == "#" ? "" : n.TrimEnd('.').ToLowerInvariant()).Distinct().ToArray();
        return true;
    }

    private static bool IsPlainToken(string text) => text.All(c => c > ' ' && c < 0x7f);

    /// <summary>What nft(8) reads as an unquoted identifier, without the characters that mean something in its syntax.</summary>
    private static bool IsNftIdentifier(string text) =>
        text.Length is > 0 and <= 255 && (char.IsAsciiLetter(text[0]) || text[0] == '_')
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
