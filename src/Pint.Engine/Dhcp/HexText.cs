using System.Globalization;

namespace Pint.Engine.Dhcp;

/// <summary>
/// The colon-separated lowercase hex notation dnsmasq uses for hardware addresses and client identifiers,
/// and its <c>type-</c> prefix for hardware types other than Ethernet.
/// </summary>
public static class HexText
{
    /// <summary>ARP hardware type for Ethernet: the only type dnsmasq writes without a prefix.</summary>
    public const byte EthernetType = 1;

    /// <summary>Formats bytes as <c>aa:bb:cc</c>.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return string.Empty;
        return string.Create(bytes.Length * 3 - 1, bytes.ToArray(), static (chars, b) =>
        {
            for (var i = 0; i < b.Length; i++)
            {
                if (i > 0) chars[i * 3 - 1] = ':';
                b[i].TryFormat(chars.Slice(i * 3, 2), out _, "x2", CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>Formats a hardware address as dnsmasq does: bare for Ethernet, <c>tt-aa:bb..</c> otherwise.</summary>
    public static string FormatHardwareAddress(byte hardwareType, ReadOnlySpan<byte> address) =>
        hardwareType == EthernetType && !address.IsEmpty
            ? Format(address)
            : hardwareType.ToString("x2", CultureInfo.InvariantCulture) + "-" + Format(address);

    /// <summary>Parses <c>aa:bb:cc</c> (also accepts '-' separators); false on anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty) return true;
        if ((text.Length + 1) % 3 != 0) return false;
        var result = new byte[(text.Length + 1) / 3];
        for (var i = 0; i < result.Length; i++)
        {
            var at = i * 3;
            if (i > 0 && text[at - 1] is not (':' or '-')) return false;
            if (!byte.TryParse(text.Slice(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result[i]))
                return false;
        }
        bytes = result;
        return true;
    }

    /// <summary>
    /// Parses a hardware address as written in a lease file: <c>aa:bb:..</c> (Ethernet) or <c>tt-aa:bb:..</c>.
    /// </summary>
    public static bool TryParseHardwareAddress(ReadOnlySpan<char> text, out byte hardwareType, out byte[] address)
    {
        hardwareType = EthernetType;
        address = [];
        if (text.Length >= 3 && text[2] == '-' && (text.Length == 3 || text.Length > 5 && text[5] == ':'))
        {
            if (!byte.TryParse(text[..2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hardwareType))
                return false;
            text = text[3..];
        }
        else if (text.IsEmpty)
        {
            return false;
        }
        return TryParse(text, out address) && address.Length <= 16;
    }
}
