using System.Net;

namespace Pint.Engine.Config;

/// <summary>Parses <c>pxe-service</c> and <c>pxe-prompt</c>.</summary>
internal static class PxeParsers
{
    /// <summary><c>[tag:x,]CSA,menu text[,basename|bootservicetype][,server address|server name]</c>.</summary>
    public static void Service(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        var tags = new List<string>();
        var rest = fields[TagList.TakeLeading(fields, tags)..];
        if (rest.Length < 2) { line.Error("expected [tag:x,]CSA,menu text[,basename|bootservicetype][,server]"); return; }
        if (rest.Length > 4) { line.Error("too many fields: expected [tag:x,]CSA,menu text[,basename|bootservicetype][,server]"); return; }
        if (rest[0].Length == 0) { line.Error("missing client system architecture (CSA), such as x86PC"); return; }

        string? baseName = null;
        int? serviceType = null;
        if (rest.Length > 2)
        {
            if (ValueParser.TryInt(rest[2], 0, 65535, out var type)) serviceType = type;
            else baseName = rest[2];
        }
        IPAddress? server = null;
        string? serverName = null;
        if (rest.Length > 3)
        {
            if (ValueParser.TryIPv4(rest[3], out var address)) server = address;
            else if (ValueParser.IsDomainName(rest[3])) serverName = rest[3];
            else { line.Error($"bad server '{rest[3]}': expected an IPv4 address or a name"); return; }
        }
        config.Tftp.PxeServiceList.Add(new PxeService(rest[0], rest[1], baseName, serviceType, server, serverName, tags, line.Source));
    }

    /// <summary><c>[tag:x,]prompt[,timeout]</c>.</summary>
    public static void Prompt(OptionLine line, PintConfig config)
    {
        var fields = line.Fields();
        var tags = new List<string>();
        var rest = fields[TagList.TakeLeading(fields, tags)..];
        if (rest.Length is 0 or > 2) { line.Error("expected [tag:x,]prompt[,timeout]"); return; }
        var timeout = 10;
        if (rest.Length == 2 && !ValueParser.TryInt(rest[1], 0, 255, out timeout)) { line.Error($"bad timeout '{rest[1]}': expected 0 to 255 seconds"); return; }
        config.Tftp.PxePromptList.Add(new PxePrompt(rest[0], timeout, tags, line.Source));
    }
}
