namespace Pint.Engine.Config;

/// <summary>
/// Parses <c>[tag:x,...][encap:n,][vi-encap:n,][vendor:class,]opt|option:name,[value,...]</c> for
/// <c>dhcp-option</c> and <c>dhcp-option-force</c>. Values stay raw strings; the DHCP server encodes them.
/// </summary>
internal static class DhcpOptionParser
{
    public static void Parse(OptionLine line, PintConfig config, bool force)
    {
        var fields = line.Fields();
        var tags = new List<string>();
        int? encap = null, viEncap = null;
        string? vendor = null;
        var i = 0;
        for (; i < fields.Length; i++)
        {
            var field = fields[i];
            if (TagList.IsTag(field)) tags.Add(field[4..]);
            else if (field.StartsWith("encap:", StringComparison.Ordinal))
            {
                if (!ValueParser.TryInt(field[6..], 1, 254, out var e)) { line.Error($"bad encapsulation '{field}'"); return; }
                encap = e;
            }
            else if (field.StartsWith("vi-encap:", StringComparison.Ordinal))
            {
                if (!ValueParser.TryInt(field[9..], 0, int.MaxValue, out var e)) { line.Error($"bad enterprise number '{field}'"); return; }
                viEncap = e;
            }
            else if (field.StartsWith("vendor:", StringComparison.Ordinal)) vendor = field[7..];
            else break;
        }

        if (i == fields.Length) { line.Error("missing option number or option:name"); return; }
        if (fields[i].StartsWith("option6:", StringComparison.Ordinal))
        {
            if (encap is not null || viEncap is not null || vendor is not null) { line.Error("encap:, vi-encap: and vendor: are not supported with option6: yet"); return; }
            if (!DhcpOptionCode.TryParse6(fields[i], out var code, out var error6)) { line.Error(error6); return; }
            var values = fields[(i + 1)..];
            if (!Pint.Engine.Dhcp6.Options.Dhcp6OptionEncoder.TryEncode(code, values, out _, out _, out error6)) { line.Error($"option6:{code}: {error6}"); return; }
            config.Dhcp.Option6List.Add(new DhcpOption6Entry(code, values, force, tags, line.Source));
            return;
        }
        if (!DhcpOptionCode.TryParse(fields[i], out var number, out var error)) { line.Error(error); return; }
        config.Dhcp.OptionList.Add(new DhcpOptionEntry(number, fields[(i + 1)..], force, tags, encap, viEncap, vendor, line.Source));
    }
}
