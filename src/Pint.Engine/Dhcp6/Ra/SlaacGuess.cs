using System.Globalization;
using System.Net;

namespace Pint.Engine.Dhcp6.Ra;

/// <summary>
/// The SLAAC address a host will most likely have, as dnsmasq 2.90's ra-names guesses it (slaac.c): the prefix's
/// upper 64 bits and the modified EUI-64 interface identifier of the host's MAC (RFC 4291 appendix A: ff:fe in the
/// middle, the universal/local bit flipped). Hosts using privacy or stable-privacy addresses (RFC 4941, RFC 7217)
/// are not found, as in dnsmasq.
/// </summary>
public static class SlaacGuess
{
    /// <summary>
    /// The 8-byte interface identifier for a hardware address as a DHCPv4 lease holds it (see
    /// <see cref="Dhcp.Leases.DhcpLease.HardwareAddress"/>): a 6-byte Ethernet (or type 06, IEEE 802) MAC, or a type
    /// 1b (EUI-64) 8-byte address; null for anything else (dnsmasq guesses nothing for those either).
    /// </summary>
    public static byte[]? InterfaceId(string hardwareAddress)
    {
        var text = hardwareAddress.Trim();
        string? type = null;
        if (text.Length > 3 && text[2] == '-')
        {
            type = text[..2].ToLowerInvariant();
            text = text[3..];
        }
        var parts = text.Split(':', '-');
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].Length is < 1 or > 2 || !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i])) return null;
        byte[] id;
        if (bytes.Length == 6 && type is null or "01" or "06")
            id = [bytes[0], bytes[1], bytes[2], 0xff, 0xfe, bytes[3], bytes[4], bytes[5]];
        else if (bytes.Length == 8 && type == "1b")
            id = bytes;
        else return null;
        id[0] ^= 0x02;
        return id;
    }

    /// <summary>The guessed address: <paramref name="prefix"/>'s upper 64 bits and the hardware address's interface identifier; null when there is none.</summary>
    public static IPAddress? Address(IPAddress prefix, string hardwareAddress)
    {
        if (prefix.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || InterfaceId(hardwareAddress) is not { } id) return null;
        var bytes = prefix.GetAddressBytes();
        id.CopyTo(bytes, 8);
        return new IPAddress(bytes);
    }
}
