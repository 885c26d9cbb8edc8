using System.Net;

namespace Pint.Engine.Config;

/// <summary>Parses <c>domain=name[,subnet/prefix[,local]]</c> and <c>domain=name,start,end</c>.</summary>
internal static class DomainParser
{
    public static void Domain(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        var name = fields[0];
        if (!ValueParser.IsDomainName(name)) { line.Error($"bad domain '{name}'"); return; }

        if (fields.Length == 3 && ValueParser.TryIPv4(fields[1], out var start) && ValueParser.TryIPv4(fields[2], out var end))
        {
            config.Dns.DomainList.Add(new DomainSetting(name.ToLowerInvariant(), start, null, false, line.Source) { RangeEnd = end });
            return;
        }

        IPAddress? subnet = null;
        int? prefix = null;
        var local = false;
        if (fields.Length >= 2)
        {
            var parts = fields[1].Split('/');
            if (parts.Length != 2 || !ValueParser.TryIPv4(parts[0], out var address) || !ValueParser.TryInt(parts[1], 0, 32, out var length))
            {
                line.Error($"bad subnet '{fields[1]}': expected domain=name[,a.b.c.d/prefix[,local]] or domain=name,start,end");
                return;
            }
            subnet = address;
            prefix = length;
        }
        if (fields.Length >= 3)
        {
            if (fields[2] != "local" || fields.Length > 3) { line.Error($"unexpected '{string.Join(',', fields[2..])}': expected 'local'"); return; }
            local = true;
        }
        config.Dns.DomainList.Add(new DomainSetting(name.ToLowerInvariant(), subnet, prefix, local, line.Source));
    }
}
