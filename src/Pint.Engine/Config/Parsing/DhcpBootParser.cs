using System.Net;

namespace Pint.Engine.Config;

/// <summary>Parses <c>[tag:x,]filename[,servername[,server address]]</c>.</summary>
internal static class DhcpBootParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        var tags = new List<string>();
        var i = TagList.TakeLeading(fields, tags);
        var rest = fields[i..];
        if (rest.Length == 0 || rest[0].Length == 0) { line.Error("missing boot file name"); return; }
        if (rest.Length > 3) { line.Error("too many fields: expected [tag:x,]filename[,servername[,server address]]"); return; }

        IPAddress? server = null;
        string? serverAddressName = null;
        if (rest.Length == 3)
        {
            if (ValueParser.TryIPv4(rest[2], out var address)) server = address;
            else if (ValueParser.IsDomainName(rest[2])) serverAddressName = rest[2];
            else { line.Error($"bad server address '{rest[2]}': expected an IPv4 address or a host name"); return; }
        }
        var serverName = rest.Length > 1 && rest[1].Length > 0 ? rest[1] : null;
        config.Dhcp.BootList.Add(new DhcpBoot(rest[0], serverName, server, tags, line.Source) { ServerAddressName = serverAddressName });
    }
}
