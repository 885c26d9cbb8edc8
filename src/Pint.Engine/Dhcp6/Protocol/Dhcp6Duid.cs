using System.Buffers.Binary;
using System.Globalization;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>
/// DUIDs (RFC 8415 section 11). The server's is a DUID-LLT as dnsmasq makes it: type 1, hardware type 1 (Ethernet),
/// the seconds since 2000-01-01 UTC when it was made, and an interface's MAC. dnsmasq keeps it stable by storing it in
/// the lease file's <c>duid</c> line and reading it back at start; Pint does the same.
/// </summary>
public static class Dhcp6Duid
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] CreateLlt(ReadOnlySpan<byte> mac, DateTimeOffset made)
    {
        var duid = new byte[8 + mac.Length];
        BinaryPrimitives.WriteUInt16BigEndian(duid, 1);
        BinaryPrimitives.WriteUInt16BigEndian(duid.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(duid.AsSpan(4), (uint)Math.Max(0, (long)(made - Epoch).TotalSeconds));
        mac.CopyTo(duid.AsSpan(8));
        return duid;
    }

    /// <summary>Hex pairs joined by colons, lower case, as dnsmasq writes DUIDs in logs and the lease file.</summary>
    public static string Format(ReadOnlySpan<byte> duid) =>
        string.Join(':', duid.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Parses colon-separated hex pairs (one or two digits each); false for anything else.</summary>
    public static bool TryParse(string text, out byte[] duid)
    {
        duid = [];
        if (string.IsNullOrEmpty(text)) return false;
        var parts = text.Split(':');
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].Length is 0 or > 2 || !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i])) return false;
        duid = bytes;
        return true;
    }

    /// <summary>The Ethernet MAC inside a DUID-LLT or DUID-LL, when it carries one.</summary>
    public static byte[]? MacOf(ReadOnlySpan<byte> duid)
    {
        if (duid.Length < 4) return null;
        var type = BinaryPrimitives.ReadUInt16BigEndian(duid);
        var hw = BinaryPrimitives.ReadUInt16BigEndian(duid[2..]);
        if (hw != 1) return null;
        if (type == 1 && duid.Length == 14) return duid[8..].ToArray();
        if (type == 3 && duid.Length == 10) return duid[4..].ToArray();
        return null;
    }
}
