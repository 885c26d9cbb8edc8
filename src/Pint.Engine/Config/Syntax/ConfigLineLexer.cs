using System.Text;

namespace Pint.Engine.Config;

/// <summary>
/// Reads one line (without its terminator) the way dnsmasq 2.90 does, as observed with <c>dnsmasq --test</c>:
/// <list type="bullet">
/// <item>leading and trailing whitespace is ignored, and whitespace around <c>=</c>;</item>
/// <item><c>#</c> starts a comment at the start of the line or when preceded by whitespace outside quotes;
/// elsewhere (<c>server=1.2.3.4#5353</c>) it is literal;</item>
/// <item>double quotes may wrap all or part of a value; they are removed, and inside them <c>#</c>, spaces and
/// tabs are literal and <c>\" \\ \t \n \b \r \e</c> are escapes (any other backslash pair is kept as is);</item>
/// <item>outside quotes a backslash is literal and a tab becomes a space;</item>
/// <item>option names are case-sensitive; a line ending inside quotes is an error.</item>
/// </list>
/// </summary>
public static class ConfigLineLexer
{
    public static LexedLine Lex(ReadOnlySpan<char> line)
    {
        var pos = SkipWhitespace(line, 0);
        if (pos == line.Length) return LexedLine.Blank;
        if (line[pos] == '#') return new LexedLine(ConfigLineKind.Comment, null, null, null, -1);

        var nameStart = pos;
        while (pos < line.Length && !IsWhitespace(line[pos]) && line[pos] != '=') pos++;
        var name = line[nameStart..pos].ToString();

        pos = SkipWhitespace(line, pos);
        if (pos == line.Length) return new LexedLine(ConfigLineKind.Option, name, null, null, -1);
        if (line[pos] == '#') return new LexedLine(ConfigLineKind.Option, name, null, null, pos);
        if (line[pos] != '=')
            return Malformed(name, $"expected '=' after option name '{name}', found '{line[pos]}'");

        pos = SkipWhitespace(line, pos + 1);
        return LexValue(line, pos, name);
    }

    private static LexedLine LexValue(ReadOnlySpan<char> line, int pos, string name)
    {
        var value = new StringBuilder(line.Length - pos);
        var keep = 0; // length of value that must survive trailing-whitespace trimming (ends at last quoted or non-space char)
        var inQuotes = false;
        var commentStart = -1;
        for (; pos < line.Length; pos++)
        {
            var c = line[pos];
            if (inQuotes)
            {
                if (c == '"') { inQuotes = false; keep = value.Length; continue; }
                if (c == '\\' && pos + 1 < line.Length)
                {
                    pos++;
                    AppendEscape(value, line[pos]);
                }
                else
                {
                    value.Append(c);
                }
                keep = value.Length;
                continue;
            }

            if (c == '"') { inQuotes = true; continue; }
            if (c == '#' && pos > 0 && IsWhitespace(line[pos - 1])) { commentStart = pos; break; }
            value.Append(c == '\t' ? ' ' : c);
            if (!IsWhitespace(c)) keep = value.Length;
        }

        if (inQuotes) return Malformed(name, "missing closing quote (\")");
        value.Length = keep;
        return new LexedLine(ConfigLineKind.Option, name, value.ToString(), null, commentStart);
    }

    private static void AppendEscape(StringBuilder value, char c)
    {
        switch (c)
        {
            case '"': value.Append('"'); break;
            case '\\': value.Append('\\'); break;
            case 't': value.Append('\t'); break;
            case 'n': value.Append('\n'); break;
            case 'b': value.Append('\b'); break;
            case 'r': value.Append('\r'); break;
            case 'e': value.Append('\u001b'); break;
            default: value.Append('\\').Append(c); break; // dnsmasq keeps unknown escapes verbatim
        }
    }

    private static LexedLine Malformed(string name, string error) =>
        new(ConfigLineKind.Malformed, name, null, error, -1);

    private static int SkipWhitespace(ReadOnlySpan<char> line, int pos)
    {
        while (pos < line.Length && IsWhitespace(line[pos])) pos++;
        return pos;
    }

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\f' or '\v';
}
