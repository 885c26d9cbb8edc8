using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace Pint.Engine.Dns;

/// <summary>
/// The networks a machine is directly connected to: each interface address's IPv4 subnet or IPv6 prefix, plus
/// loopback. Immutable; <see cref="Contains(ReadOnlySpan{byte})"/> scans a handful of prefixes without allocating.
/// </summary>
public sealed class LocalNetworks
{
    private readonly uint[] _v4Networks, _v4Masks;
    private readonly UInt128[] _v6Networks, _v6Masks;

    private LocalNetworks(List<(uint, uint)> v4, List<(UInt128, UInt128)> v6)
    {
        _v4Networks = [.. v4.Select(p => p.Item1)];
        _v4Masks = [.. v4.Select(p => p.Item2)];
        _v6Networks = [.. v6.Select(p => p.Item1)];
        _v6Masks = [.. v6.Select(p => p.Item2)];
    }

    /// <summary>The given prefixes (an address and its prefix length, host bits may be set) plus 127.0.0.0/8 and ::1.</summary>
    public static LocalNetworks Of(IEnumerable<(IPAddress Address, int PrefixLength)> prefixes)
    {
        var v4 = new List<(uint, uint)>();
        var v6 = new List<(UInt128, UInt128)>();
        Span<byte> bytes = stackalloc byte[16];
        foreach (var (address, length) in prefixes.Append((IPAddress.Loopback, 8)).Append((IPAddress.IPv6Loopback, 128)))
        {
            if (address.AddressFamily == AddressFamily.InterNetwork && address.TryWriteBytes(bytes, out _))
            {
                uint mask = length <= 0 ? 0 : uint.MaxValue << (32 - Math.Min(length, 32));
                var prefix = (BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask, mask);
                if (!v4.Contains(prefix)) v4.Add(prefix);
            }
            else if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.TryWriteBytes(bytes, out _))
            {
                UInt128 mask = length <= 0 ? UInt128.Zero : UInt128.MaxValue << (128 - Math.Min(length, 128));
                var prefix = (BinaryPrimitives.ReadUInt128BigEndian(bytes) & mask, mask);
                if (!v6.Contains(prefix)) v6.Add(prefix);
            }
        }
        return new LocalNetworks(v4, v6);
    }

    /// <summary>What this machine's interfaces say now (in the process's network namespace).</summary>
    public static LocalNetworks OfThisMachine() =>
        Of(NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(u => (u.Address, u.PrefixLength)));

    /// <summary>The mask of the first network holding <paramref name="address"/> (an IPv4 address as a big-endian number); 0 when none does.</summary>
    public uint MaskOf(uint address)
    {
        for (int i = 0; i < _v4Networks.Length; i++)
            if ((address & _v4Masks[i]) == _v4Networks[i]) return _v4Masks[i];
        return 0;
    }

    /// <summary>An IPv4 address as a big-endian number.</summary>
    public bool Contains(uint address)
    {
        for (int i = 0; i < _v4Networks.Length; i++)
            if ((address & _v4Masks[i]) == _v4Networks[i]) return true;
        return false;
    }

    /// <summary>A 4-byte IPv4 or 16-byte IPv6 address in network order; an IPv4-mapped IPv6 address counts as IPv4.</summary>
    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length == 4) return Contains(BinaryPrimitives.ReadUInt32BigEndian(address));
        if (address.Length != 16) return false;
        var value = BinaryPrimitives.ReadUInt128BigEndian(address);
        if (value >> 32 == 0xFFFF) return Contains((uint)value);
        for (int i = 0; i < _v6Networks.Length; i++)
            if ((value & _v6Masks[i]) == _v6Networks[i]) return true;
        return false;
    }

    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) && Contains(bytes[..written]);
    }

    /// <summary>"10.0.0.0/24, fd00::/64, ...": for log lines and test messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < _v4Networks.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, _v4Networks[i]);
            Append(text, new IPAddress(bytes[..4]), 32 - (int)uint.TrailingZeroCount(_v4Masks[i]));
        }
        for (int i = 0; i < _v6Networks.Length; i++)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, _v6Networks[i]);
            Append(text, new IPAddress(bytes), 128 - (int)UInt128.TrailingZeroCount(_v6Masks[i]));
        }
        return text.ToString();
    }

    private static void Append(StringBuilder text, IPAddress network, int length) =>
        text.Append(text.Length > 0 ? ", " : "").Append(network).Append('/').Append(length);
}
