using System.Buffers.Binary;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>Reads the UDP payloads out of a classic pcap file of Ethernet frames (enough for the test captures).</summary>
internal static class PcapFile
{
    public sealed record UdpDatagram(int Frame, byte[] SourceAddress, int SourcePort, byte[] DestinationAddress, int DestinationPort, byte[] Payload);

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Dhcp", name);

    public static IReadOnlyList<UdpDatagram> ReadUdp(string path)
    {
        var file = File.ReadAllBytes(path);
        var littleEndian = BinaryPrimitives.ReadUInt32LittleEndian(file) == 0xa1b2c3d4;
        if (!littleEndian && BinaryPrimitives.ReadUInt32BigEndian(file) != 0xa1b2c3d4)
            throw new InvalidDataException($"{path}: not a pcap file");
        uint Read32(int at) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));

        var datagrams = new List<UdpDatagram>();
        var offset = 24;
        for (var frame = 1; offset + 16 <= file.Length; frame++)
        {
            var captured = (int)Read32(offset + 8);
            var packet = file.AsSpan(offset + 16, captured);
            offset += 16 + captured;
            if (packet.Length < 14 + 20 || BinaryPrimitives.ReadUInt16BigEndian(packet[12..]) != 0x0800) continue;
            var ip = packet[14..];
            var headerLength = (ip[0] & 0x0f) * 4;
            if (ip[9] != 17) continue; // UDP
            var udp = ip[headerLength..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            datagrams.Add(new UdpDatagram(frame, ip[12..16].ToArray(), BinaryPrimitives.ReadUInt16BigEndian(udp),
                ip[16..20].ToArray(), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]), udp[8..udpLength].ToArray()));
        }
        return datagrams;
    }

    /// <summary>The DHCP payloads (to or from port 67) of a capture.</summary>
    public static IReadOnlyList<UdpDatagram> ReadDhcp(string name) =>
        ReadUdp(TestData(name)).Where(d => d.SourcePort == 67 || d.DestinationPort == 67).ToArray();
}
