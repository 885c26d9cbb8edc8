using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pint.Engine.Dhcp6.Options;

/// <summary>Encodes <c>option6:</c> values by their option's kind, as dnsmasq writes them on the wire.</summary>
public static class Dhcp6OptionEncoder
{
    /// <summary>The wire value, or false with a reason. <paramref name="serverSlots"/> lists the offsets of <c>[::]</c> addresses.</summary>
    public static bool TryEncode(int number, IReadOnlyList<string> values, out byte[] data, out List<int> serverSlots, out string error)
    {
        var bytes = new List<byte>();
        serverSlots = [];
        error = "";
        data = [];
        var kind = Dhcp6OptionCatalog.KindOf(number);
        switch (kind)
        {
            case Dhcp6OptionKind.Addresses:
                if (values.Count == 0) { error = "expected one or more IPv6 addresses"; return false; }
                foreach (var v in values)
                {
                    if (!TryAddress(v, out var a)) { error = $"bad IPv6 address '{v}'"; return false; }
                    if (a.Equals(IPAddress.IPv6Any)) serverSlots.Add(bytes.Count);
                    bytes.AddRange(a.GetAddressBytes());
                }
                break;
            case Dhcp6OptionKind.DomainList:
                if (values.Count == 0) { error = "expected one or more domain names"; return false; }
                foreach (var v in values)
                    if (!TryName(v, bytes)) { error = $"bad domain name '{v}'"; return false; }
                break;
            case Dhcp6OptionKind.Seconds:
                if (values.Count != 1 || !Config.ValueParser.TryLeaseTime(values[0], out var time) || time == Timeout.InfiniteTimeSpan)
                { error = "expected one time (seconds, or 45m, 6h, 1d)"; return false; }
                var seconds = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(seconds, (uint)time.TotalSeconds);
                bytes.AddRange(seconds);
                break;
            case Dhcp6OptionKind.Text:
                bytes.AddRange(Encoding.UTF8.GetBytes(string.Join(",", values)));
                break;
            case Dhcp6OptionKind.NtpServers:
                if (values.Count == 0) { error = "expected one or more NTP server addresses or names"; return false; }
                foreach (var v in values)
                {
                    if (TryAddress(v, out var a))
                    {
                        bytes.AddRange([0, 1, 0, 16]);
                        if (a.Equals(IPAddress.IPv6Any)) serverSlots.Add(bytes.Count);
                        bytes.AddRange(a.GetAddressBytes());
                        continue;
                    }
                    var name = new List<byte>();
                    if (!TryName(v, name)) { error = $"bad NTP server '{v}': expected an IPv6 address or a name"; return false; }
                    bytes.AddRange([0, 3, (byte)(name.Count >> 8), (byte)name.Count]);
                    bytes.AddRange(name);
                }
                break;
            case Dhcp6OptionKind.LengthPrefixedTexts:
                foreach (var v in values)
                {
                    var text = Encoding.UTF8.GetBytes(v);
                    bytes.AddRange([(byte)(text.Length >> 8), (byte)text.Length]);
                    bytes.AddRange(text);
                }
                break;
            default:
                if (!TryUntyped(values, bytes, serverSlots, out error)) return false;
                break;
        }
        if (bytes.Count > ushort.MaxValue) { error = $"value is {bytes.Count} bytes; at most 65535 fit"; return false; }
        data = bytes.ToArray();
        return true;
    }

    /// <summary>An unknown number: all addresses, or hex bytes (<c>01:02:ff</c>), or a number (as 32 bits), or text.</summary>
    private static bool TryUntyped(IReadOnlyList<string> values, List<byte> bytes, List<int> slots, out string error)
    {
        error = "";
        if (values.Count == 0) return true;
        if (values.All(v => v.StartsWith('[')))
        {
            foreach (var v in values)
            {
                if (!TryAddress(v, out var a)) { error = $"bad IPv6 address '{v}'"; return false; }
                if (a.Equals(IPAddress.IPv6Any)) slots.Add(bytes.Count);
                bytes.AddRange(a.GetAddressBytes());
            }
            return true;
        }
        if (values.Count == 1 && TryHex(values[0], bytes)) return true;
        if (values.Count == 1 && uint.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, n);
            bytes.AddRange(b);
            return true;
        }
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join(",", values)));
        return true;
    }

    private static bool TryHex(string text, List<byte> bytes)
    {
        if (!text.Contains(':')) return false;
        var parts = text.Split(':');
        var parsed = new List<byte>(parts.Length);
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 2 || !byte.TryParse(p, System.Globalization.NumberStyles.HexNumber, null, out var b)) return false;
            parsed.Add(b);
        }
        bytes.AddRange(parsed);
        return true;
    }

    /// <summary>An IPv6 address, bracketed as dnsmasq writes them (<c>[fd00::1]</c>) or bare.</summary>
    public static bool TryAddress(string text, out IPAddress address)
    {
        var t = text.Length >= 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
        if (t.Contains(':') && IPAddress.TryParse(t, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId == 0)
        {
            address = a;
            return true;
        }
        address = IPAddress.IPv6None;
        return false;
    }

    /// <summary>Appends <paramref name="name"/> in DNS wire form (labels, then a zero byte).</summary>
    public static bool TryName(string name, List<byte> bytes)
    {
        var n = name.TrimEnd('.');
        if (n.Length == 0 || n.Length > 253) return false;
        foreach (var label in n.Split('.'))
        {
            var b = Encoding.ASCII.GetBytes(label);
            if (b.Length is 0 or > 63 || label.Any(c => c > 127 || c <= ' ' || c == ',')) return false;
            bytes.Add((byte)b.Length);
            bytes.AddRange(b);
        }
        bytes.Add(0);
        return true;
    }
}
