namespace Pint.Engine.Config;

/// <summary>Parses <c>set:tag,[option:]number|name|vi-encap:n[,value]</c> (and the old <c>tag,...</c> form).</summary>
internal static class DhcpMatchParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        // dnsmasq still accepts the pre-2.50 form whose first field is the bare tag name ("dhcp-match=peecees,...").
        var setTag = TagList.SetTagOf(fields[0]) ?? fields[0];
        if (setTag.Length == 0 || setTag.Contains(':')) { line.Error($"expected set:tag first, found '{fields[0]}'"); return; }
        if (fields.Length < 2) { line.Error("missing option number or option:name after the tag"); return; }
        if (fields.Length > 3) { line.Error("too many fields: expected set:tag,option[,value]"); return; }

        var value = fields.Length == 3 ? fields[2] : null;
        if (fields[1].StartsWith("vi-encap:", StringComparison.Ordinal))
        {
            if (!ValueParser.TryInt(fields[1][9..], 0, int.MaxValue, out var enterprise)) { line.Error($"bad enterprise number '{fields[1]}'"); return; }
            config.Dhcp.MatchList.Add(new DhcpMatch(setTag, 125, value, enterprise, line.Source));
            return;
        }
        if (!DhcpOptionCode.TryParse(fields[1], out var number, out var error)) { line.Error(error); return; }
        config.Dhcp.MatchList.Add(new DhcpMatch(setTag, number, value, null, line.Source));
    }
}
