using System.Net;
using System.Text;

namespace Pint.Engine.Dns;

/// <summary>Helpers for names in uncompressed wire format (length-prefixed labels, zero terminated).</summary>
public static class DnsName
{
    /// <summary>Converts "host.example" (trailing dot optional) to lower-case wire format.</summary>
    public static byte[] FromText(string name) => Encode(name, lowerCase: true);

    /// <summary>Like <see cref="FromText"/> but keeps the case (to build queries as a client would).</summary>
    public static byte[] FromTextKeepCase(string name) => Encode(name, lowerCase: false);

    private static byte[] Encode(string name, bool lowerCase)
    {
        name = name.TrimEnd('.');
        if (name.Length == 0) return [0];
        var labels = name.Split('.');
        var result = new byte[name.Length + 2];
        int pos = 0;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63) throw new FormatException($"DNS name '{name}' has an empty or over-long label");
            result[pos++] = (byte)label.Length;
            pos += Encoding.ASCII.GetBytes(lowerCase ? label.ToLowerInvariant() : label, result.AsSpan(pos));
        }
        result[pos] = 0;
        if (result.Length > DnsFlags.MaxNameLength) throw new FormatException($"DNS name '{name}' is longer than 255 bytes");
        return result;
    }

    /// <summary>Converts wire format to dotted text without the trailing dot ("" for the root).</summary>
    public static string ToText(ReadOnlySpan<byte> wire)
    {
        var sb = new StringBuilder();
        int pos = 0;
        while (pos < wire.Length && wire[pos] != 0)
        {
            if (sb.Length > 0) sb.Append('.');
            int len = wire[pos];
            sb.Append(Encoding.ASCII.GetString(wire.Slice(pos + 1, len)));
            pos += len + 1;
        }
        return sb.ToString();
    }

    /// <summary>Number of labels (0 for the root).</summary>
    public static int LabelCount(ReadOnlySpan<byte> wire)
    {
        int count = 0;
        for (int pos = 0; pos < wire.Length && wire[pos] != 0; pos += wire[pos] + 1) count++;
        return count;
    }

    /// <summary>The name without its first label (the parent domain); the root stays the root.</summary>
    public static ReadOnlySpan<byte> Parent(ReadOnlySpan<byte> wire) => wire.Length <= 1 ? wire : wire[(wire[0] + 1)..];

    /// <summary>ASCII case-insensitive equality of two wire names.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && Lower(a[i]) != Lower(b[i])) return false;
        }
        return true;
    }

    /// <summary>ASCII lower case of one byte; other bytes (length bytes, UTF-8) unchanged.</summary>
    public static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    /// <summary>Reverse-lookup name (in-addr.arpa / ip6.arpa) for an address.</summary>
    public static byte[] ReverseOf(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var sb = new StringBuilder();
        if (bytes.Length == 4)
        {
            for (int i = 3; i >= 0; i--) sb.Append(bytes[i]).Append('.');
            sb.Append("in-addr.arpa");
        }
        else
        {
            for (int i = 15; i >= 0; i--)
                sb.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
            sb.Append("ip6.arpa");
        }
        return FromText(sb.ToString());
    }

    /// <summary>Parses an in-addr.arpa name back to an IPv4 address (for bogus-priv); false for anything else.</summary>
    public static bool TryParseIPv4Reverse(ReadOnlySpan<byte> wire, out uint address)
    {
        address = 0;
        Span<uint> octets = stackalloc uint[4];
        int pos = 0;
        for (int i = 0; i < 4; i++)
        {
            if (pos >= wire.Length) return false;
            int len = wire[pos];
            if (len is 0 or > 3 || !uint.TryParse(wire.Slice(pos + 1, len), out uint octet) || octet > 255) return false;
            octets[i] = octet;
            pos += len + 1;
        }
        if (!EqualsIgnoreCase(wire[pos..], InAddrArpa)) return false;
        address = octets[3] << 24 | octets[2] << 16 | octets[1] << 8 | octets[0];
        return true;
    }

    /// <summary>Parses a full 32-nibble ip6.arpa name back to the 16 address bytes; false for anything else.</summary>
    public static bool TryParseIPv6Reverse(ReadOnlySpan<byte> wire, Span<byte> address)
    {
        if (wire.Length < 64 || address.Length < 16) return false;
        for (int i = 0; i < 32; i++)
        {
            if (wire[2 * i] != 1) return false;
            int nibble = HexValue(wire[2 * i + 1]);
            if (nibble < 0) return false;
            // The first label is the last nibble of the address.
            int index = 15 - i / 2;
            address[index] = (byte)(i % 2 == 0 ? nibble : address[index] | nibble << 4);
        }
        return EqualsIgnoreCase(wire[64..], Ip6Arpa);
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<byte> InAddrArpa => "\u0007in-addr\u0004arpa\0"u8;
    private static ReadOnlySpan<byte> Ip6Arpa => "\u0003ip6\u0004arpa\0"u8;
}

/// <summary>
/// Case-insensitive comparer for wire names stored as byte[] that also accepts spans, so lookups with a name read
/// from a packet need no allocation (Dictionary alternate lookup).
/// </summary>
public sealed class DnsNameComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly DnsNameComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && DnsName.EqualsIgnoreCase(x, y);
    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => DnsName.EqualsIgnoreCase(alternate, other);
    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    public int GetHashCode(ReadOnlySpan<byte> name)
    {
        // FNV-1a over lower-cased bytes.
        uint hash = 2166136261;
        foreach (byte b in name) hash = (hash ^ DnsName.Lower(b)) * 16777619;
        return (int)hash;
    }
}
