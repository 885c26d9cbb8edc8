namespace Pint.Engine.Config;

/// <summary>An active option line found by <see cref="ConfigEditSession.Entries"/>; pass it back to edit that line.</summary>
public sealed class ConfigEntry
{
    internal ConfigEntry(ConfigDocument document, ConfigLine line)
    {
        Document = document;
        Line = line;
    }

    internal ConfigDocument Document { get; }
    internal ConfigLine Line { get; }

    public string Option => Line.Option!;
    /// <summary>The value, unquoted; null for a bare flag.</summary>
    public string? Value => Line.Value;
    /// <summary>The file and the line's current number in it (numbers shift when earlier lines are removed).</summary>
    public ConfigSource Source => new(Document.FileName, Line.Number);

    public override string ToString() => $"{Source}: {Line.RawText}";
}
