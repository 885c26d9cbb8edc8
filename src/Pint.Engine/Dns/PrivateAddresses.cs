using System.Buffers.Binary;

namespace Pint.Engine.Dns;

/// <summary>
/// The addresses dnsmasq 2.90 calls private, for bogus-priv and stop-dns-rebind alike (observed: the same ranges for both).
/// </summary>
public static class PrivateAddresses
{
    /// <summary>
    /// IPv4: this network (0/8), RFC 1918, loopback, link-local, the three documentation nets and broadcast; not
    /// 100.64/10 (shared address space), multicast or 240/4. <paramref name="localhostOk"/> (rebind-localhost-ok)
    /// exempts 0/8 and 127/8, as dnsmasq does.
    /// </summary>
    public static bool IsPrivate(uint a, bool localhostOk = false)
    {
        if ((a >> 24) is 0 or 127) return !localhostOk;
        return (a >> 24) == 10
            || (a >> 20) == (172u << 4 | 1) || (a >> 16) == (192u << 8 | 168) || (a >> 16) == (169u << 8 | 254)
            || (a >> 8) == (192u << 16 | 0 << 8 | 2) || (a >> 8) == (198u << 16 | 51 << 8 | 100) || (a >> 8) == (203u << 16 | 0 << 8 | 113)
            || a == uint.MaxValue;
    }

    /// <summary>
    /// IPv6 (16 bytes): unspecified, loopback (both exempt with <paramref name="localhostOk"/>), fe80::/9 (link- and
    /// site-local), fd00::/8 (but not fc00::/8), 2001:db8::/32 and IPv4-mapped private addresses.
    /// </summary>
    public static bool IsPrivate(ReadOnlySpan<byte> a, bool localhostOk = false)
    {
        ulong high = BinaryPrimitives.ReadUInt64BigEndian(a), low = BinaryPrimitives.ReadUInt64BigEndian(a[8..]);
        if (high == 0 && low <= 1) return !localhostOk;
        if (high == 0 && (low >> 32) == 0xFFFF) return IsPrivate((uint)low, localhostOk);
        return a[0] == 0xFE && (a[1] & 0x80) != 0 || a[0] == 0xFD || (high >> 32) == 0x20010DB8;
    }
}
