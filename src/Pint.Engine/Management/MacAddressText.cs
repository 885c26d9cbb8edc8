using System.Globalization;

namespace Pint.Engine.Management;

/// <summary>
/// MAC addresses as people type them (00-1B-A9-FA-98-A9 from Windows, 001b.a9fa.98a9 from switches,
/// 00:1b:a9:fa:98:a9 from dnsmasq) turned into dnsmasq's lower-case, colon-separated form.
/// </summary>
public static class MacAddressText
{
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(text)) return false;
        Span<char> hex = stackalloc char[40];
        var n = 0;
        foreach (var c in text.Trim())
        {
            if (c is ':' or '-' or '.') continue;
            if (!char.IsAsciiHexDigit(c) || n == hex.Length) return false;
            hex[n++] = char.ToLowerInvariant(c);
        }
        // Ethernet is 6 bytes; dnsmasq also accepts other hardware types up to 16 bytes.
        if (n < 2 || n % 2 != 0) return false;
        var parts = new string[n / 2];
        for (var i = 0; i < parts.Length; i++) parts[i] = new string(hex.Slice(i * 2, 2));
        normalized = string.Join(':', parts);
        return true;
    }

    public static string Normalize(string text) =>
        TryNormalize(text, out var mac)
            ? mac
            : throw new FormatException($"'{text}' is not a MAC address (expected six hex byte pairs such as 00:1b:a9:fa:98:a9 or 00-1B-A9-FA-98-A9).");

    /// <summary>True when two MACs (in any accepted spelling) are the same address.</summary>
    public static bool SameAddress(string a, string b) =>
        TryNormalize(a, out var x) && TryNormalize(b, out var y) && string.Equals(x, y, StringComparison.Ordinal);

    internal static string Hex(byte b) => b.ToString("x2", CultureInfo.InvariantCulture);
}
