using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Pint.Engine.Net;

/// <summary>
/// IPv4 addresses as 32-bit numbers (host order of the big-endian wire value), for range arithmetic, reverse names
/// and masks: the one place an address becomes a number and back.
/// </summary>
public static class Ipv4
{
    public static uint ToValue(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"'{address}' is not an IPv4 address", nameof(address));
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress ToAddress(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>Whether <paramref name="mask"/> is ones then zeros (255.255.254.0, not 255.0.255.0).</summary>
    public static bool IsContiguousMask(IPAddress mask)
    {
        var bits = ToValue(mask);
        // Inverting and adding one gives a power of two exactly when the ones are contiguous from the top.
        return ((~bits + 1) & ~bits) == 0;
    }

    /// <summary>The mask with <paramref name="prefixLength"/> leading one bits.</summary>
    public static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
}
