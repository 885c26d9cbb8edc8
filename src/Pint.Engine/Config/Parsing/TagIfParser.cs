namespace Pint.Engine.Config;

/// <summary>Parses <c>set:tag[,set:tag],tag:tag[,tag:tag]</c>.</summary>
internal static class TagIfParser
{
    public static void Parse(OptionLine line, PintConfig config)
    {
        var setTags = new List<string>();
        var ifTags = new List<string>();
        foreach (var field in line.Fields())
        {
            if (TagList.IsSet(field) && ifTags.Count == 0) setTags.Add(field[4..]);
            else if (field.StartsWith("tag:", StringComparison.Ordinal)) ifTags.Add(field[4..]);
            else { line.Error($"bad field '{field}': expected set:tag fields followed by tag:tag fields"); return; }
        }
        if (setTags.Count == 0) { line.Error("missing set:tag"); return; }
        if (setTags.Concat(ifTags).Any(t => t.Length == 0 || t == "!")) { line.Error("empty tag name"); return; }
        config.Dhcp.TagIfList.Add(new TagIf(setTags, ifTags, line.Source));
    }
}
