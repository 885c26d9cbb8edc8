using System.Globalization;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Matches dnsmasq hardware-address patterns: hex bytes joined by ':' or '-', where a byte may be '*'
/// (any value), optionally preceded by <c>type-</c> (hardware type, e.g. <c>06-</c>); without it the type is Ethernet.
/// </summary>
public static class HardwareAddressPattern
{
    public static bool Matches(string pattern, byte hardwareType, ReadOnlySpan<byte> address)
    {
        var text = pattern.AsSpan();
        var expectedType = HexText.EthernetType;
        var parts = pattern.Split(':');
        // A type prefix looks like "06-aa"; in plain '-' notation ("aa-bb-cc-..") every part has a dash.
        if (parts.Length > 1 && text.Length > 3 && text[2] == '-')
        {
            if (!byte.TryParse(text[..2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out expectedType)) return false;
            parts = pattern[3..].Split(':');
        }
        else if (parts.Length == 1)
        {
            parts = pattern.Split('-');
        }
        if (expectedType != hardwareType || parts.Length != address.Length) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "*") continue;
            if (!byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b) || b != address[i])
                return false;
        }
        return true;
    }
}
