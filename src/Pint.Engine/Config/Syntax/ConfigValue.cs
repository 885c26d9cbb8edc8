using System.Text;

namespace Pint.Engine.Config;

/// <summary>Writes values so that <see cref="ConfigLineLexer"/> (and dnsmasq) read back exactly the same text.</summary>
public static class ConfigValue
{
    /// <summary>
    /// Returns <paramref name="value"/> as it should appear after <c>=</c>: unchanged when the lexer would read it back
    /// as is, otherwise wrapped in double quotes with <c>\" \\ \t \n \r \b \e</c> escapes.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds a control character dnsmasq has no escape for.</exception>
    public static string Quote(string value)
    {
        if (!NeedsQuotes(value)) return value;
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\b': sb.Append("\\b"); break;
                case '\u001b': sb.Append("\\e"); break;
                default:
                    if (char.IsControl(c))
                        throw new ArgumentException($"value contains control character U+{(int)c:X4}, which a dnsmasq config cannot hold", nameof(value));
                    sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Formats a whole line in canonical form: <c>option</c> or <c>option=value</c>.</summary>
    public static string FormatLine(string option, string? value) =>
        value is null ? option : $"{option}={Quote(value)}";

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0) return false;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value[0] == '#') return true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"' || char.IsControl(c)) return true;
            if (c == '#' && value[i - 1] == ' ') return true;
        }
        return false;
    }
}
