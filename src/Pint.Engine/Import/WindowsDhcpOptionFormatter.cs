using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pint.Engine.Import;

/// <summary>
/// Turns a Windows option value (its type from the export's option definitions, values as text) into the value part
/// of a <c>dhcp-option</c> line, written so that dnsmasq encodes the same bytes. Values dnsmasq would read as another
/// type (a string of digits and dots becomes an address) or cannot hold (commas) are refused with a reason.
/// </summary>
internal static partial class WindowsDhcpOptionFormatter
{
    // Types of the standard options, for exports that omit the definitions.
    private static readonly Dictionary<int, string> StandardTypes = new()
    {
        [1] = "IPv4Address", [3] = "IPv4Address", [4] = "IPv4Address", [6] = "IPv4Address", [42] = "IPv4Address",
        [44] = "IPv4Address", [45] = "IPv4Address", [150] = "IPv4Address",
        [12] = "String", [15] = "String", [17] = "String", [40] = "String", [66] = "String", [67] = "String", [252] = "String",
        [23] = "Byte", [46] = "Byte", [26] = "Word", [51] = "DWord", [58] = "DWord", [59] = "DWord",
    };

    public static bool TryFormat(int optionId, string? type, bool known, IReadOnlyList<string> values, out string formatted, out string reason)
    {
        formatted = reason = "";
        type ??= StandardTypes.GetValueOrDefault(optionId);
        if (values.Count == 0) { reason = "it has no value"; return false; }
        switch (type)
        {
            case "IPv4Address":
                foreach (var v in values)
                {
                    if (!IsIPv4(v)) { reason = $"value '{v}' is not an IPv4 address"; return false; }
                }
                formatted = string.Join(',', values.Select(v => v.Trim()));
                return true;
            case "String":
                foreach (var v in values)
                {
                    if (v.Length == 0) { reason = "it has an empty string value"; return false; }
                    if (v.Contains(',')) { reason = $"string '{v}' holds a comma, which a dhcp-option line splits into two values"; return false; }
                    if (NumericLooking().IsMatch(v)) { reason = $"string '{v}' would be read by dnsmasq as a number, address or hex bytes"; return false; }
                }
                formatted = string.Join(',', values);
                return true;
            case "Byte" or "Word" or "DWord":
            {
                var size = type == "Byte" ? 1 : type == "Word" ? 2 : 4;
                var parts = new List<string>();
                foreach (var v in values)
                {
                    if (!TryNumber(v, out var n) || n > (size == 4 ? uint.MaxValue : (1UL << (8 * size)) - 1)) { reason = $"value '{v}' is not a {type}"; return false; }
                    // dnsmasq sizes numbers of options it knows; others need the b/s/i size flag.
                    parts.Add(n.ToString(CultureInfo.InvariantCulture) + (known ? "" : size == 1 ? "b" : size == 2 ? "s" : "i"));
                }
                formatted = string.Join(',', parts);
                return true;
            }
            case "DWordDword":
            {
                var bytes = new List<byte>();
                foreach (var v in values)
                {
                    if (!TryNumber(v, out var n)) { reason = $"value '{v}' is not a DWordDword"; return false; }
                    var b = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(b, n);
                    bytes.AddRange(b);
                }
                formatted = HexBytes(bytes);
                return true;
            }
            case "BinaryData" or "EncapsulatedData":
            {
                if (!TryHexData(values, out var bytes, out reason)) return false;
                formatted = HexBytes(bytes);
                return true;
            }
            case "IPv6Address":
                reason = "it is an IPv6 address option, which DHCPv4 cannot carry";
                return false;
            case null:
                reason = "the export has no definition for it, so its type is unknown";
                return false;
            default:
                reason = $"its type '{type}' is one Pint cannot map";
                return false;
        }
    }

    // Types of the standard DHCPv6 options Windows knows, for exports that omit the definitions.
    private static readonly Dictionary<int, string> StandardTypes6 = new()
    {
        [21] = "String", [22] = "IPv6Address", [23] = "IPv6Address", [24] = "String", [27] = "IPv6Address",
        [28] = "IPv6Address", [29] = "String", [30] = "String", [31] = "IPv6Address", [32] = "DWord",
    };

    /// <summary>
    /// The value part of a <c>dhcp-option=option6:...</c> line for a Windows IPv6 option value. Options dnsmasq knows by
    /// name are written in their own form (addresses in brackets, names, seconds); other numbers in the form Pint's
    /// DHCPv6 encoder reads back to the same bytes: bracketed addresses, colon hex, a 32-bit number, or text.
    /// </summary>
    public static bool TryFormat6(int optionId, string? type, IReadOnlyList<string> values, out string formatted, out string reason)
    {
        formatted = reason = "";
        type ??= StandardTypes6.GetValueOrDefault(optionId);
        if (values.Count == 0) { reason = "it has no value"; return false; }
        var kind = Dhcp6.Options.Dhcp6OptionCatalog.KindOf(optionId);
        var trimmed = values.Select(v => v.Trim()).ToList();
        switch (kind)
        {
            case Dhcp6.Options.Dhcp6OptionKind.Addresses:
                foreach (var v in trimmed)
                    if (!IsIPv6(v)) { reason = $"value '{v}' is not an IPv6 address"; return false; }
                formatted = string.Join(',', trimmed.Select(v => $"[{v}]"));
                return true;
            case Dhcp6.Options.Dhcp6OptionKind.DomainList:
                // Windows writes a list either as several values or as one value with names separated by commas or spaces.
                var names = trimmed.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)).ToList();
                foreach (var n in names)
                    if (!Dhcp6.Options.Dhcp6OptionEncoder.TryName(n, [])) { reason = $"value '{n}' is not a domain name"; return false; }
                if (names.Count == 0) { reason = "it has no value"; return false; }
                formatted = string.Join(',', names);
                return true;
            case Dhcp6.Options.Dhcp6OptionKind.Seconds:
                if (trimmed.Count != 1 || !TryNumber(trimmed[0], out var seconds) || seconds > uint.MaxValue) { reason = $"value '{string.Join(' ', trimmed)}' is not a number of seconds"; return false; }
                formatted = seconds.ToString(CultureInfo.InvariantCulture);
                return true;
            case Dhcp6.Options.Dhcp6OptionKind.NtpServers:
                foreach (var v in trimmed)
                    if (!IsIPv6(v) && !Dhcp6.Options.Dhcp6OptionEncoder.TryName(v, [])) { reason = $"value '{v}' is neither an IPv6 address nor a name"; return false; }
                formatted = string.Join(',', trimmed.Select(v => IsIPv6(v) ? $"[{v}]" : v));
                return true;
            case Dhcp6.Options.Dhcp6OptionKind.Text or Dhcp6.Options.Dhcp6OptionKind.LengthPrefixedTexts:
                foreach (var v in values)
                    if (v.Length == 0 || v.Contains(',')) { reason = $"string '{v}' is empty or holds a comma, which a dhcp-option line splits"; return false; }
                formatted = string.Join(',', values);
                return true;
        }
        switch (type)
        {
            case "IPv6Address":
                foreach (var v in trimmed)
                    if (!IsIPv6(v)) { reason = $"value '{v}' is not an IPv6 address"; return false; }
                formatted = string.Join(',', trimmed.Select(v => $"[{v}]"));
                return true;
            case "String":
                if (values.Count > 1) { reason = "it holds several strings, which an unnamed option6 value cannot keep apart"; return false; }
                var text = values[0];
                if (text.Length == 0 || text.Contains(',')) { reason = $"string '{text}' is empty or holds a comma, which a dhcp-option line splits"; return false; }
                if (text.StartsWith('[') || NumericLooking().IsMatch(text)) { reason = $"string '{text}' would be read as a number, address or hex bytes"; return false; }
                formatted = text;
                return true;
            case "DWord" when values.Count == 1:
                if (!TryNumber(values[0], out var dword) || dword > uint.MaxValue) { reason = $"value '{values[0]}' is not a DWord"; return false; }
                formatted = dword.ToString(CultureInfo.InvariantCulture);
                return true;
            case "Byte" or "Word" or "DWord" or "DWordDword":
            {
                var size = type switch { "Byte" => 1, "Word" => 2, "DWord" => 4, _ => 8 };
                var bytes = new List<byte>();
                foreach (var v in values)
                {
                    if (!TryNumber(v, out var n) || (size < 8 && n > (1UL << (8 * size)) - 1)) { reason = $"value '{v}' is not a {type}"; return false; }
                    var b = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(b, n);
                    bytes.AddRange(b[(8 - size)..]);
                }
                if (bytes.Count < 2) { reason = "a one-byte value cannot be written for an unnamed option6 (it would be read as a 32-bit number)"; return false; }
                formatted = HexBytes(bytes);
                return true;
            }
            case "BinaryData" or "EncapsulatedData":
            {
                if (!TryHexData(values, out var bytes, out reason)) return false;
                if (bytes.Count < 2) { reason = "a one-byte value cannot be written for an unnamed option6 (it would be read as a 32-bit number)"; return false; }
                formatted = HexBytes(bytes);
                return true;
            }
            case "IPv4Address":
                reason = "it is an IPv4 address option, which DHCPv6 cannot carry";
                return false;
            case null:
                reason = "the export has no definition for it, so its type is unknown";
                return false;
            default:
                reason = $"its type '{type}' is one Pint cannot map";
                return false;
        }
    }

    private static bool IsIPv6(string text) =>
        IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId == 0;

    private static bool IsIPv4(string text) =>
        IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3;

    private static bool TryNumber(string text, out ulong value)
    {
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>BinaryData and EncapsulatedData values: hex, with the separators Windows exports between bytes.</summary>
    private static bool TryHexData(IEnumerable<string> values, out List<byte> bytes, out string reason)
    {
        bytes = [];
        reason = "";
        foreach (var v in values)
        {
            var hex = HexNoise().Replace(v, "");
            if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit)) { reason = $"value '{v}' is not hex data"; return false; }
            bytes.AddRange(Convert.FromHexString(hex));
        }
        return true;
    }

    private static string HexBytes(IEnumerable<byte> bytes) => string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^([0-9.]+|[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})+)$")]
    private static partial Regex NumericLooking();

    [GeneratedRegex(@"0[xX]|[\s:\-]")]
    private static partial Regex HexNoise();
}
