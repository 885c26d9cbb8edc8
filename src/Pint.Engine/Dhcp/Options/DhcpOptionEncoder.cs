using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pint.Engine.Dhcp.Options;

/// <summary>
/// Turns the raw value strings of a <c>dhcp-option</c> line into the bytes sent on the wire, by the option's type
/// (<see cref="DhcpOptionTypes"/>); options without a known type are encoded by the form of the value, as dnsmasq does:
/// a decimal number (1, 2 or 4 bytes by size, or forced with a <c>b</c>/<c>s</c>/<c>i</c> suffix), dotted-quad
/// addresses, <c>xx:xx</c> hex, else text.
/// </summary>
public static class DhcpOptionEncoder
{
    /// <summary>Encodes <paramref name="values"/> for option <paramref name="number"/>; false with a message naming the bad value.</summary>
    public static bool TryEncode(int number, IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = null;
        if (values.Count == 0 || (values.Count == 1 && values[0].Length == 0)) return true; // an option without data is valid
        var kind = DhcpOptionTypes.KindOf(number);
        var joined = string.Join(',', values);
        switch (kind)
        {
            case DhcpOptionKind.AddressList: return TryAddresses(values, out bytes, out error);
            case DhcpOptionKind.Text: bytes = Encoding.UTF8.GetBytes(joined); return true;
            case DhcpOptionKind.UInt8: return TryInteger(values, 1, out bytes, out error);
            case DhcpOptionKind.UInt16: return TryInteger(values, 2, out bytes, out error);
            case DhcpOptionKind.UInt32: return TryInteger(values, 4, out bytes, out error);
            case DhcpOptionKind.Boolean: return TryBoolean(values, out bytes, out error);
            case DhcpOptionKind.Time: return TryTime(values, out bytes, out error);
            case DhcpOptionKind.DomainSearch: return DomainSearchEncoder.TryEncode(values, out bytes, out error);
            case DhcpOptionKind.ClasslessStaticRoutes: return ClasslessRouteEncoder.TryEncode(values, out bytes, out error);
            case DhcpOptionKind.SipServers: return TrySipServers(values, out bytes, out error);
            default: return TryUntyped(values, joined, out bytes, out error);
        }
    }

    /// <summary>
    /// Encodes a <c>dhcp-match</c> value the way an untyped option value is encoded; in hex, <c>*</c> matches any byte (null).
    /// </summary>
    public static bool TryEncodePattern(string value, out byte?[] pattern, out string? error)
    {
        error = null;
        if (LooksLikeHex(value, allowWildcards: true))
        {
            var parts = value.Split(':');
            pattern = new byte?[parts.Length];
            for (var i = 0; i < parts.Length; i++)
                pattern[i] = parts[i] == "*" ? null : byte.Parse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return true;
        }
        var ok = TryUntyped([value], value, out var bytes, out error);
        pattern = bytes.Select(b => (byte?)b).ToArray();
        return ok;
    }

    /// <summary>A value encoded by its form alone (an option of unknown type, or a sub-option).</summary>
    public static bool TryEncodeUntyped(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = null;
        if (values.Count == 0 || (values.Count == 1 && values[0].Length == 0)) return true;
        return TryUntyped(values, string.Join(',', values), out bytes, out error);
    }

    private static bool TryUntyped(IReadOnlyList<string> values, string joined, out byte[] bytes, out string? error)
    {
        error = null;
        if (values.Count == 1 && TryDecimal(values[0], out bytes)) return true;
        if (LooksLikeHex(joined, allowWildcards: false))
        {
            bytes = joined.Split(':').Select(p => byte.Parse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToArray();
            return true;
        }
        if (values.All(LooksLikeAddress)) return TryAddresses(values, out bytes, out error);
        bytes = Encoding.UTF8.GetBytes(joined);
        return true;
    }

    /// <summary>A decimal number sized by its value, or by a b (1 byte), s (2) or i (4) suffix.</summary>
    private static bool TryDecimal(string text, out byte[] bytes)
    {
        bytes = [];
        var size = 0;
        if (text.Length > 1 && text[^1] is 'b' or 's' or 'i')
        {
            size = text[^1] switch { 'b' => 1, 's' => 2, _ => 4 };
            text = text[..^1];
        }
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        if (size == 0) size = value > 0xffff ? 4 : value > 0xff ? 2 : 1;
        bytes = Integer(value, size);
        return true;
    }

    private static bool LooksLikeHex(string text, bool allowWildcards)
    {
        if (!text.Contains(':')) return false;
        foreach (var part in text.Split(':'))
        {
            if (allowWildcards && part == "*") continue;
            if (part.Length is < 1 or > 2 || !part.All(char.IsAsciiHexDigit)) return false;
        }
        return true;
    }

    private static bool LooksLikeAddress(string text) =>
        text.Contains('.') && text.All(c => char.IsAsciiDigit(c) || c == '.');

    private static bool TryAddresses(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        var result = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            if (!TryParseAddress(values[i], out var address))
            {
                bytes = [];
                error = $"'{values[i]}' is not an IPv4 address";
                return false;
            }
            address.TryWriteBytes(result.AsSpan(i * 4), out _);
        }
        bytes = result;
        error = null;
        return true;
    }

    internal static bool TryParseAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3;

    private static bool TryInteger(IReadOnlyList<string> values, int size, out byte[] bytes, out string? error)
    {
        var max = size == 4 ? uint.MaxValue : (1u << (size * 8)) - 1;
        if (values.Count != 1 || !uint.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            bytes = [];
            error = $"'{string.Join(',', values)}' is not a number from 0 to {max}";
            return false;
        }
        bytes = Integer(value, size);
        error = null;
        return true;
    }

    private static bool TryBoolean(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        if (values.Count == 1 && values[0] is "0" or "1")
        {
            bytes = [(byte)(values[0] == "1" ? 1 : 0)];
            error = null;
            return true;
        }
        bytes = [];
        error = $"'{string.Join(',', values)}' is not a boolean (0 or 1)";
        return false;
    }

    private static bool TryTime(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = $"'{string.Join(',', values)}' is not a time (seconds, or a number with s, m, h, d or w, or infinite)";
        if (values.Count != 1) return false;
        var text = values[0];
        if (text == "infinite")
        {
            bytes = Integer(uint.MaxValue, 4);
            error = null;
            return true;
        }
        var multiplier = text.Length > 0 ? char.ToLowerInvariant(text[^1]) switch { 's' => 1u, 'm' => 60u, 'h' => 3600u, 'd' => 86400u, 'w' => 604800u, _ => 0u } : 0u;
        if (multiplier != 0) text = text[..^1];
        else multiplier = 1;
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (ulong)value * multiplier > uint.MaxValue) return false;
        bytes = Integer(value * multiplier, 4);
        error = null;
        return true;
    }

    /// <summary>RFC 3361: an encoding byte (1 = addresses, 0 = names), then the addresses or the RFC 1035 names.</summary>
    private static bool TrySipServers(IReadOnlyList<string> values, out byte[] bytes, out string? error)
    {
        byte[] body;
        byte encoding;
        if (values.All(LooksLikeAddress))
        {
            if (!TryAddresses(values, out body, out error)) { bytes = []; return false; }
            encoding = 1;
        }
        else
        {
            if (!DomainSearchEncoder.TryEncode(values, out body, out error)) { bytes = []; return false; }
            encoding = 0;
        }
        bytes = [encoding, .. body];
        return true;
    }

    private static byte[] Integer(uint value, int size)
    {
        var bytes = new byte[size];
        switch (size)
        {
            case 1: bytes[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value); break;
            default: BinaryPrimitives.WriteUInt32BigEndian(bytes, value); break;
        }
        return bytes;
    }
}
