using System.Buffers.Binary;

namespace Pint.Engine.Tests.Captures;

/// <summary>
/// The UDP and TCP payloads of a classic pcap file of Ethernet/IPv4 frames (the captures in ../shared/captures,
/// copied into TestData): one reader for the DNS and DHCP tests.
/// </summary>
internal static class PcapReader
{
    public const byte Udp = 17, Tcp = 6;

    /// <param name="Frame">1-based frame number in the capture, as tcpdump and Wireshark count.</param>
    public sealed record Segment(int Frame, byte Protocol, byte[] SourceAddress, int SourcePort, byte[] DestinationAddress, int DestinationPort, byte[] Payload)
    {
        public bool Touches(int port) => SourcePort == port || DestinationPort == port;
    }

    public static IReadOnlyList<Segment> Read(string path)
    {
        var file = File.ReadAllBytes(path);
        var littleEndian = file.Length >= 24 && BinaryPrimitives.ReadUInt32LittleEndian(file) == 0xa1b2c3d4;
        if (!littleEndian && (file.Length < 24 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0xa1b2c3d4))
            throw new InvalidDataException($"{path}: not a pcap file");
        uint Read32(int at) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
        if (Read32(20) != 1) throw new InvalidDataException($"{path}: link type is not Ethernet");

        var segments = new List<Segment>();
        var offset = 24;
        for (var frame = 1; offset + 16 <= file.Length; frame++)
        {
            var captured = (int)Read32(offset + 8);
            var packet = file.AsSpan(offset + 16, Math.Min(captured, file.Length - offset - 16));
            offset += 16 + captured;
            if (packet.Length < 14 + 20 || BinaryPrimitives.ReadUInt16BigEndian(packet[12..]) != 0x0800) continue;
            var ip = packet[14..];
            var headerLength = (ip[0] & 0x0f) * 4;
            var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            var protocol = ip[9];
            var transport = ip[headerLength..Math.Min(totalLength, ip.Length)];
            if (transport.Length < 8) continue;
            ReadOnlySpan<byte> payload;
            if (protocol == Udp)
            {
                payload = transport[8..Math.Min(BinaryPrimitives.ReadUInt16BigEndian(transport[4..]), transport.Length)];
            }
            else if (protocol == Tcp && transport.Length >= 20)
            {
                payload = transport[((transport[12] >> 4) * 4)..];
            }
            else continue;
            segments.Add(new Segment(frame, protocol, ip[12..16].ToArray(), BinaryPrimitives.ReadUInt16BigEndian(transport),
                ip[16..20].ToArray(), BinaryPrimitives.ReadUInt16BigEndian(transport[2..]), payload.ToArray()));
        }
        return segments;
    }
}
