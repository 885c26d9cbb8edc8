using System.Text;

namespace Pint.Engine.Import;

/// <summary>One token of a master file entry: its text with escapes decoded (\X and \DDD; a byte per char).</summary>
/// <param name="Quoted">Written as a "quoted string".</param>
/// <param name="Escaped">Held an escape, so its text is not plain name characters.</param>
public readonly record struct ZoneToken(string Text, bool Quoted, bool Escaped, int Line);

/// <summary>One entry (logical line): a record or a $ directive, parentheses joined.</summary>
/// <param name="OwnerOmitted">The entry starts with blank space: the owner is the previous entry's.</param>
public sealed record ZoneEntry(IReadOnlyList<ZoneToken> Tokens, bool OwnerOmitted, int Line);

/// <summary>
/// Splits RFC 1035 section 5.1 master file text into entries: <c>;</c> comments outside quotes, <c>( )</c> that
/// continue an entry over several lines, quoted strings, backslash escapes, and a leading blank meaning "same owner".
/// </summary>
internal static class ZoneFileTokenizer
{
    public static List<ZoneEntry> Split(string text, string fileName)
    {
        var entries = new List<ZoneEntry>();
        var tokens = new List<ZoneToken>();
        var token = new StringBuilder();
        var line = 1;
        var entryLine = 1;
        var depth = 0;
        var parenLine = 0;
        var ownerOmitted = false;
        var atLineStart = true;
        var inToken = false;
        var escaped = false;
        var tokenLine = 1;

        void EndToken(bool quoted)
        {
            if (!inToken && !quoted) return;
            tokens.Add(new ZoneToken(token.ToString(), quoted, escaped, tokenLine));
            token.Clear();
            inToken = escaped = false;
        }

        void EndEntry()
        {
            EndToken(false);
            if (tokens.Count > 0) entries.Add(new ZoneEntry(tokens.ToArray(), ownerOmitted, entryLine));
            tokens.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (atLineStart && c != '\n')
            {
                // Only a line that starts outside parentheses starts an entry.
                if (depth == 0)
                {
                    entryLine = line;
                    ownerOmitted = c is ' ' or '\t';
                }
                atLineStart = false;
            }
            switch (c)
            {
                case '\n':
                    line++;
                    atLineStart = true;
                    if (depth == 0) EndEntry();
                    else EndToken(false);
                    break;
                case ' ' or '\t' or '\r':
                    EndToken(false);
                    break;
                case ';':
                    EndToken(false);
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '(':
                    EndToken(false);
                    if (depth++ == 0) parenLine = line;
                    break;
                case ')':
                    EndToken(false);
                    if (--depth < 0) throw new ImportFormatException(fileName, line, "')' without a matching '('");
                    break;
                case '"':
                    EndToken(false);
                    tokenLine = line;
                    i++;
                    for (; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\n') throw new ImportFormatException(fileName, line, "quoted string not closed before the end of the line");
                        if (text[i] == '\\') { escaped = true; i = Escape(text, i, token, fileName, line); }
                        else token.Append(text[i]);
                    }
                    if (i == text.Length) throw new ImportFormatException(fileName, line, "quoted string not closed before the end of the file");
                    EndToken(true);
                    break;
                case '\\':
                    if (!inToken) tokenLine = line;
                    inToken = escaped = true;
                    i = Escape(text, i, token, fileName, line);
                    break;
                default:
                    if (!inToken) tokenLine = line;
                    inToken = true;
                    token.Append(c);
                    break;
            }
        }
        if (depth > 0) throw new ImportFormatException(fileName, parenLine, "'(' not closed before the end of the file");
        EndEntry();
        return entries;
    }

    /// <summary>Decodes the escape at <paramref name="i"/> (a backslash): \DDD is a byte in decimal, \X is X.</summary>
    private static int Escape(string text, int i, StringBuilder token, string fileName, int line)
    {
        if (i + 1 >= text.Length || text[i + 1] == '\n') throw new ImportFormatException(fileName, line, "backslash at the end of a line");
        if (char.IsAsciiDigit(text[i + 1]))
        {
            if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                throw new ImportFormatException(fileName, line, "bad escape: \\ and a digit must be followed by three digits (\\DDD)");
            var value = (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
            if (value > 255) throw new ImportFormatException(fileName, line, $"bad escape \\{text.Substring(i + 1, 3)}: above 255");
            token.Append((char)value);
            return i + 3;
        }
        token.Append(text[i + 1]);
        return i + 1;
    }
}
