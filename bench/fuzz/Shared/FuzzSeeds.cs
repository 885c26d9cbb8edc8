using System.Text;

namespace Pint.Fuzz;

/// <summary>Where seed files live (tests/Pint.Engine.Tests/TestData, copied next to the test assembly) and small seed builders.</summary>
public sealed class FuzzSeeds(string testDataDirectory)
{
    public string TestData { get; } = testDataDirectory;

    /// <summary>The UDP payloads to or from <paramref name="port"/> in every capture under TestData.</summary>
    public IReadOnlyList<byte[]> Udp(ushort port) =>
        Directory.EnumerateFiles(TestData, "*.pcap", SearchOption.AllDirectories)
            .SelectMany(PcapUdp.Read)
            .Where(d => d.Touches(port))
            .Select(d => d.Payload)
            .DistinctBy(Convert.ToHexString)
            .ToList();

    /// <summary>The sample dnsmasq configs under TestData/Config.</summary>
    public IReadOnlyList<string> Configs() =>
        Directory.EnumerateFiles(Path.Combine(TestData, "Config"), "*.conf").Order().Select(File.ReadAllText).ToList();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static IReadOnlyList<byte[]> Words(params string[] words) => words.Select(Utf8).ToArray();
}
