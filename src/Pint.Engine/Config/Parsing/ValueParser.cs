using Pint.Engine.Dns;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pint.Engine.Config;

/// <summary>Parsers for the small value forms shared by many options. Each returns false with a reason.</summary>
internal static partial class ValueParser
{
    public static bool TryIPv4(string text, out IPAddress address)
    {
        // IPAddress.Parse accepts "1", "1.2" and hex forms; dnsmasq (inet_pton) accepts only dotted quads.
        if (DottedQuad().IsMatch(text) && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork)
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

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex DottedQuad();

}
