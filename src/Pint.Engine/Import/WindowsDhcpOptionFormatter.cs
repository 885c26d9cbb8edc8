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
                var bytes = new List<byte>();
                foreach (var v in values)
                {
                    var hex = HexNoise().Replace(v, "");
                    if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit)) { reason = $"value '{v}' is not hex data"; return false; }
                    bytes.AddRange(Convert.FromHexString(hex));
                }
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

    private static bool IsIPv4(string text) =>
        IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3;

    private static bool TryNumber(string text, out ulong value)
    {
        text = text.Trim();
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string HexBytes(IEnumerable<byte> bytes) => string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^([0-9.]+|[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})+)$")]
    private static partial Regex NumericLooking();

    [GeneratedRegex(@"0[xX]|[\s:\-]")]
    private static partial Regex HexNoise();
}
