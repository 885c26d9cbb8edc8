using System.Buffers.Binary;
using Pint.Engine.Tests.Captures;

namespace Pint.Engine.Tests.Dns;

/// <summary>DNS messages from a capture: UDP datagrams, and TCP segments with their 2-byte length framing removed.</summary>
internal static class PcapDnsReader
{
    /// <param name="Index">0-based frame index in the capture.</param>
    public sealed record DnsPacket(int Index, bool FromServer, bool OverTcp, byte[] Message);

    public static List<DnsPacket> Read(string path)
    {
        var packets = new List<DnsPacket>();
        foreach (var s in PcapReader.Read(path).Where(s => s.Touches(53)))
        {
            var fromServer = s.SourcePort == 53;
            if (s.Protocol == PcapReader.Udp)
            {
                packets.Add(new DnsPacket(s.Frame - 1, fromServer, false, s.Payload));
                continue;
            }
            if (s.Payload.Length < 2) continue; // handshakes and bare ACKs
            var length = BinaryPrimitives.ReadUInt16BigEndian(s.Payload);
            if (s.Payload.Length < 2 + length) continue;
            packets.Add(new DnsPacket(s.Frame - 1, fromServer, true, s.Payload[2..(2 + length)]));
        }
        return packets;
    }
}
