namespace Pint.Engine.Dns.Dnssec;

/// <summary>The type bit maps of NSEC and NSEC3 (RFC 4034 4.1.2): which types exist at the owner name.</summary>
public static class TypeBitmap
{
    public static bool Contains(ReadOnlySpan<byte> bitmaps, DnsType type)
    {
        int window = (ushort)type >> 8, bit = (ushort)type & 0xFF;
        for (int i = 0; i + 2 <= bitmaps.Length;)
        {
            int w = bitmaps[i], length = bitmaps[i + 1];
            if (length is 0 or > 32 || i + 2 + length > bitmaps.Length) return false;
            if (w == window) return bit / 8 < length && (bitmaps[i + 2 + bit / 8] & (0x80 >> (bit % 8))) != 0;
            i += 2 + length;
        }
        return false;
    }
}
