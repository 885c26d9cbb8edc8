using System.Buffers.Binary;

namespace Pint.Engine.Tests.Dns;

/// <summary>DNS payloads from a classic pcap file (Ethernet/IPv4, UDP or TCP with 2-byte framing).</summary>
internal static class PcapDnsReader
{
    public sealed record DnsPacket(int Index, bool FromServer, bool OverTcp, byte[] Message);

    public static List<DnsPacket> Read(string path)
    {
        var file = File.ReadAllBytes(path);
        if (file.Length < 24 || BinaryPrimitives.ReadUInt32LittleEndian(file) != 0xA1B2C3D4)
            throw new InvalidDataException($"{path}: not a little-endian microsecond pcap file");
        if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)) != 1)
            throw new InvalidDataException($"{path}: link type is not Ethernet");
        var packets = new List<DnsPacket>();
        int pos = 24, index = 0;
        while (pos + 16 <= file.Length)
        {
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 8));
            var frame = file.AsSpan(pos + 16, captured);
            pos += 16 + captured;
            if (TryDnsPayload(frame, out bool fromServer, out bool tcp, out var payload))
                packets.Add(new DnsPacket(index, fromServer, tcp, payload.ToArray()));
            index++;
        }
        return packets;
    }

    private static bool TryDnsPayload(ReadOnlySpan<byte> frame, out bool fromServer, out bool tcp, out ReadOnlySpan<byte> payload)
    {
        fromServer = tcp = false;
        payload = default;
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800) return false;
        var ip = frame[14..];
        int ipHeader = (ip[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        byte protocol = ip[9];
        var l4 = ip[ipHeader..Math.Min(totalLength, ip.Length)];
        ushort sourcePort = BinaryPrimitives.ReadUInt16BigEndian(l4);
        ushort destinationPort = BinaryPrimitives.ReadUInt16BigEndian(l4[2..]);
        if (sourcePort != 53 && destinationPort != 53) return false;
        fromServer = sourcePort == 53;
        if (protocol == 17)
        {
            payload = l4[8..];
            return true;
        }
        if (protocol != 6) return false;
        tcp = true;
        var segment = l4[((l4[12] >> 4) * 4)..];
        if (segment.Length < 2) return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(segment);
        if (segment.Length < 2 + length) return false;
        payload = segment.Slice(2, length);
        return true;
    }
}
