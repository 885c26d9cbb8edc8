namespace Pint.Engine.Config;

/// <summary>The lexer's reading of one line of a dnsmasq config file.</summary>
/// <param name="Kind">Blank, comment, option or malformed.</param>
/// <param name="Option">The option name as written (case kept), for Option and for Malformed lines that had one.</param>
/// <param name="Value">The value with quotes removed and escapes applied; null when the line has no <c>=</c>,
/// empty for <c>option=</c>.</param>
/// <param name="Error">What is wrong, for Malformed lines.</param>
/// <param name="CommentStart">Index in the raw line of an inline comment's <c>#</c>, or -1. The editor keeps it.</param>
public readonly record struct LexedLine(ConfigLineKind Kind, string? Option, string? Value, string? Error, int CommentStart)
{
    public static LexedLine Blank => new(ConfigLineKind.Blank, null, null, null, -1);
}
