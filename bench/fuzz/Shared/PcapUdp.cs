using System.Buffers.Binary;

namespace Pint.Fuzz;

/// <summary>The UDP payloads of a classic (libpcap) capture of Ethernet/IPv4 frames: seeds taken from real traffic.</summary>
public static class PcapUdp
{
    public readonly record struct Datagram(ushort SourcePort, ushort DestinationPort, byte[] Payload)
    {
        public bool Touches(ushort port) => SourcePort == port || DestinationPort == port;
    }

    public static IEnumerable<Datagram> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic is not (0xA1B2C3D4 or 0xD4C3B2A1)) throw new InvalidDataException($"{path} is not a pcap file");
        var swapped = magic == 0xD4C3B2A1;
        for (var at = 24; at + 16 <= bytes.Length;)
        {
            var field = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            var included = (int)(swapped ? BinaryPrimitives.ReverseEndianness(field) : field);
            var frame = bytes.AsMemory(at + 16, Math.Min(included, bytes.Length - at - 16));
            at += 16 + included;
            if (TryUdp(frame.Span, out var datagram)) yield return datagram;
        }
    }

    private static bool TryUdp(ReadOnlySpan<byte> frame, out Datagram datagram)
    {
        datagram = default;
        const int ethernet = 14;
        if (frame.Length < ethernet + 28 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800) return false;
        var ip = frame[ethernet..];
        if (ip[9] != 17) return false;
        var udp = ip[((ip[0] & 0x0F) * 4)..];
        if (udp.Length < 8) return false;
        var length = Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(udp[4..]), (ushort)8, (ushort)udp.Length);
        datagram = new Datagram(BinaryPrimitives.ReadUInt16BigEndian(udp), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]), udp[8..length].ToArray());
        return true;
    }
}
