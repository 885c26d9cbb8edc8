namespace Pint.Engine.Config;

/// <summary>
/// One line of a config file exactly as written (<see cref="RawText"/> plus its <see cref="Terminator"/>), with the
/// lexer's reading of it. Lines are immutable; the editor swaps whole lines.
/// </summary>
public sealed class ConfigLine
{
    private readonly LexedLine _lexed;

    internal ConfigLine(int number, string rawText, string terminator)
    {
        Number = number;
        RawText = rawText;
        Terminator = terminator;
        _lexed = ConfigLineLexer.Lex(rawText);
    }

    /// <summary>1-based line number in its file.</summary>
    public int Number { get; internal set; }
    /// <summary>The line's text without its terminator.</summary>
    public string RawText { get; }
    /// <summary>"\n", "\r\n", or "" for a last line with no newline.</summary>
    public string Terminator { get; internal set; }
    public ConfigLineKind Kind => _lexed.Kind;
    /// <summary>The option name, for option lines (and malformed lines that start with one).</summary>
    public string? Option => _lexed.Option;
    /// <summary>The value, unquoted and unescaped; null when the line has no <c>=</c>.</summary>
    public string? Value => _lexed.Value;
    /// <summary>Why the lexer could not read the line, for <see cref="ConfigLineKind.Malformed"/>.</summary>
    public string? Error => _lexed.Error;
    public bool IsComment => Kind == ConfigLineKind.Comment;
    public bool IsBlank => Kind == ConfigLineKind.Blank;
    public bool IsOption => Kind == ConfigLineKind.Option;

    /// <summary>The inline comment including its leading whitespace (" # note"), or "".</summary>
    internal string TrailingComment
    {
        get
        {
            if (_lexed.CommentStart < 0) return "";
            var start = _lexed.CommentStart;
            while (start > 0 && ConfigLineLexer.IsWhitespace(RawText[start - 1])) start--;
            return RawText[start..];
        }
    }

    /// <summary>The leading whitespace of the line.</summary>
    internal string Indent => RawText[..(RawText.Length - RawText.TrimStart(' ', '\t').Length)];

    public override string ToString() => RawText;
}
