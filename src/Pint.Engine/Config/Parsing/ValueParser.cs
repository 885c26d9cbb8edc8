using Pint.Engine.Dns;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Config;

/// <summary>Parsers for the small value forms shared by many options. Each returns false with a reason.</summary>
internal static class ValueParser
{
    public static bool TryIPv4(string text, out IPAddress address)
    {
        // IPAddress.Parse accepts "1", "1.2" and hex forms; dnsmasq (inet_pton) accepts only dotted quads.
        if (IsDottedQuad(text) && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
        {
            address = parsed;
            return true;
        }
        address = IPAddress.None;
        return false;
    }

    public static bool TryIPv6(string text, out IPAddress address)
    {
        if (text.Contains(':') && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
            return true;
        }
        address = IPAddress.IPv6None;
        return false;
    }

    public static bool TryIP(string text, out IPAddress address) => TryIPv4(text, out address) || TryIPv6(text, out address);

    public static bool LooksLikeIPv6(string text) => text.Contains(':') && !text.Contains('.') || TryIPv6(text, out _);

    public static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>
    /// A lease time: seconds (<c>3600</c>), or a number with s/m/h/d/w (case-insensitive), or <c>infinite</c>
    /// (returned as <see cref="Timeout.InfiniteTimeSpan"/>). dnsmasq raises anything under two minutes to two minutes;
    /// that is the DHCP server's business, so the value is kept as written.
    /// </summary>
    public static bool TryLeaseTime(string text, out TimeSpan lease)
    {
        lease = default;
        if (text.Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            lease = Timeout.InfiniteTimeSpan;
            return true;
        }
        if (text.Length == 0) return false;
        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch { 's' => 1L, 'm' => 60L, 'h' => 3600L, 'd' => 86400L, 'w' => 604800L, _ => 0L };
        var digits = multiplier == 0 ? text : text[..^1];
        if (multiplier == 0) multiplier = 1;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        var seconds = number * multiplier;
        if (seconds > uint.MaxValue) return false; // DHCP carries lease times in 32 bits
        lease = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A DNS name as dnsmasq accepts in records: letters, digits, '-', '_', '.', and '*' for wildcards.</summary>
    public static bool IsDomainName(string text) =>
        HostNameCheck.IsValid(text, HostNameForms.Wildcard | HostNameForms.TrailingDot | HostNameForms.TrailingHyphen);

    /// <summary>
    /// Four dot-separated groups of one to three digits. By hand rather than a regex: the service reads configs, and
    /// a regex would load System.Text.RegularExpressions into it (about 1 MiB resident) for this one shape.
    /// </summary>
    private static bool IsDottedQuad(string text)
    {
        int groups = 0, digits = 0;
        foreach (char c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 3) return false;
            }
            else if (c != '.' || digits == 0 || ++groups > 3) return false;
            else digits = 0;
        }
        return groups == 3 && digits > 0;
    }

}
