using System.Text;

namespace Pint.Engine.Config;

/// <summary>
/// One config file as a list of lines that keep their exact text and terminators, so that
/// <see cref="ToText"/> gives back the original byte for byte until something is edited.
/// A UTF-8 byte order mark is accepted and kept (dnsmasq itself would reject it as part of the first option name).
/// </summary>
public sealed class ConfigDocument
{
    private readonly List<ConfigLine> _lines;

    private ConfigDocument(string fileName, List<ConfigLine> lines, bool hasByteOrderMark)
    {
        FileName = fileName;
        _lines = lines;
        HasByteOrderMark = hasByteOrderMark;
    }

    public string FileName { get; }
    public IReadOnlyList<ConfigLine> Lines => _lines;
    public bool HasByteOrderMark { get; }
    /// <summary>True once an edit changed the document.</summary>
    public bool IsModified { get; private set; }

    /// <summary>The newline the file uses (the first terminator found), or the platform's for a file without one.</summary>
    public string NewLine => _lines.FirstOrDefault(l => l.Terminator.Length > 0)?.Terminator ?? Environment.NewLine;

    public static ConfigDocument Parse(string text, string fileName)
    {
        var bom = text.StartsWith('\uFEFF');
        if (bom) text = text[1..];
        var lines = new List<ConfigLine>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                lines.Add(new ConfigLine(lines.Count + 1, text[start..], ""));
                break;
            }
            var crlf = newline > start && text[newline - 1] == '\r';
            var end = crlf ? newline - 1 : newline;
            lines.Add(new ConfigLine(lines.Count + 1, text[start..end], crlf ? "\r\n" : "\n"));
            start = newline + 1;
        }
        return new ConfigDocument(fileName, lines, bom);
    }

    /// <summary>Reads a file. Bytes that are not valid UTF-8 are read as Latin-1 so that they survive a rewrite.</summary>
    public static ConfigDocument Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        var latin1 = false;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
            latin1 = true;
        }
        var document = Parse(text, path);
        document._latin1 = latin1;
        return document;
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        if (HasByteOrderMark) sb.Append('\uFEFF');
        foreach (var line in _lines) sb.Append(line.RawText).Append(line.Terminator);
        return sb.ToString();
    }

    internal byte[] ToBytes() => Encode(ToText());

    internal void ReplaceLine(ConfigLine old, string newRawText)
    {
        var index = IndexOf(old);
        _lines[index] = new ConfigLine(old.Number, newRawText, old.Terminator);
        IsModified = true;
    }

    internal void RemoveLine(ConfigLine line)
    {
        var index = IndexOf(line);
        _lines.RemoveAt(index);
        // A removed last line that had no newline: the new last line loses its newline, so the file keeps that style.
        if (index == _lines.Count && index > 0 && line.Terminator.Length == 0) _lines[index - 1].Terminator = "";
        for (var i = index; i < _lines.Count; i++) _lines[i].Number = i + 1;
        IsModified = true;
    }

    internal ConfigLine AppendLine(string rawText)
    {
        var newline = NewLine;
        var terminator = newline;
        if (_lines.Count > 0 && _lines[^1].Terminator.Length == 0)
        {
            // The file did not end with a newline: add one before the new line, and keep the new last line without one.
            _lines[^1].Terminator = newline;
            terminator = "";
        }
        var line = new ConfigLine(_lines.Count + 1, rawText, terminator);
        _lines.Add(line);
        IsModified = true;
        return line;
    }

    internal bool Contains(ConfigLine line) => _lines.Contains(line);

    internal void MarkSaved() => IsModified = false;

    private int IndexOf(ConfigLine line)
    {
        var index = _lines.IndexOf(line);
        if (index < 0) throw new InvalidOperationException($"line {line.Number} is no longer in {FileName}");
        return index;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // True when the file was not valid UTF-8 and was read as Latin-1: writing it back as Latin-1 restores every byte.
    private bool _latin1;

    private byte[] Encode(string text) => _latin1 ? Encoding.Latin1.GetBytes(text) : StrictUtf8.GetBytes(text);
}
