using System.Net;
using Pint.Engine.Net;

namespace Pint.Engine.Config;

/// <summary>The options that change what upstream servers answer: <c>bogus-nxdomain</c> and <c>alias</c>.</summary>
internal static class UpstreamRewriteParsers
{
    /// <summary><c>bogus-nxdomain=ADDRESS[/PREFIX]</c>, IPv4 or IPv6.</summary>
    public static void BogusNxDomain(OptionLine line, PintConfig config)
    {
        var value = line.Value!.Trim();
        var slash = value.IndexOf('/');
        var addressText = slash < 0 ? value : value[..slash];
        if (!ValueParser.TryIP(addressText, out var address)) { line.Error($"bad address '{addressText}': expected an IPv4 or IPv6 address"); return; }
        int max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        int prefix = max;
        if (slash >= 0 && !ValueParser.TryInt(value[(slash + 1)..], 0, max, out prefix)) { line.Error($"bad prefix '{value[(slash + 1)..]}': expected 0 to {max}"); return; }
        // dnsmasq matches the address under the prefix; the network form drops host bits so both read alike.
        config.Dns.BogusNxDomainList.Add(new BogusNxDomain(new IPNetwork(Masked(address, prefix), prefix), line.Source));
    }

    /// <summary><c>alias=OLD|START-END,NEW[,MASK]</c>, IPv4 only as in dnsmasq.</summary>
    public static void Alias(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        if (fields.Length is < 2 or > 3) { line.Error("expected alias=OLD-IP|START-IP-END-IP,NEW-IP[,MASK]"); return; }
        var dash = fields[0].IndexOf('-');
        var firstText = dash < 0 ? fields[0] : fields[0][..dash];
        var lastText = dash < 0 ? fields[0] : fields[0][(dash + 1)..];
        foreach (var text in new[] { firstText, lastText, fields[1] })
            if (!ValueParser.TryIPv4(text, out _)) { line.Error($"bad address '{text}': alias takes IPv4 addresses"); return; }
        var mask = IPAddress.Broadcast;
        if (fields.Length == 3 && (!ValueParser.TryIPv4(fields[2], out mask) || !Ipv4.IsContiguousMask(mask)))
        {
            line.Error($"bad mask '{fields[2]}': expected a netmask such as 255.255.255.0");
            return;
        }
        ValueParser.TryIPv4(firstText, out var first);
        ValueParser.TryIPv4(lastText, out var last);
        ValueParser.TryIPv4(fields[1], out var target);
        if (Ipv4.ToValue(first) > Ipv4.ToValue(last)) { line.Error($"bad range '{fields[0]}': the first address is above the last"); return; }
        if (dash < 0)
        {
            // Without a range, OLD under the mask names the addresses to rewrite.
            var m = Ipv4.ToValue(mask);
            first = Ipv4.ToAddress(Ipv4.ToValue(first) & m);
            last = Ipv4.ToAddress(Ipv4.ToValue(first) | ~m);
        }
        config.Dns.AliasList.Add(new AddressAlias(first, last, target, mask, line.Source));
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (int bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}
