using Pint.Engine.Tests.Captures;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>The DHCP datagrams of the test captures.</summary>
internal static class PcapFile
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Captures", name);

    public static IReadOnlyList<PcapReader.Segment> ReadUdp(string path) =>
        PcapReader.Read(path).Where(s => s.Protocol == PcapReader.Udp).ToArray();

    /// <summary>The DHCP payloads (to or from port 67) of a capture.</summary>
    public static IReadOnlyList<PcapReader.Segment> ReadDhcp(string name) =>
        ReadUdp(TestData(name)).Where(d => d.Touches(67)).ToArray();
}
