using System.Net;
using BenchmarkDotNet.Attributes;
using Pint.Engine.Dns;

namespace Pint.Bench;

/// <summary>Parse -> lookup -> encode for the two hot paths; both should allocate nothing.</summary>
[MemoryDiagnoser]
public class DnsResponderBenchmarks
{
    private readonly byte[] _output = new byte[65535];
    private DnsResponder _responder = null!;
    private byte[] _localQuery = null!;
    private byte[] _cachedQuery = null!;

    [GlobalSetup]
    public void Setup()
    {
        _responder = new DnsResponder(new DnsServerOptions
        {
            Domain = "lab.test",
            ExpandHosts = true,
            HostNames = [new("nas", IPAddress.Parse("10.77.0.5")), new("nas", IPAddress.Parse("10.77.0.6"))],
            Servers = [new(new IPEndPoint(IPAddress.Loopback, 53))],
        });
        _localQuery = Query("nas.lab.test", edns: true);
        _cachedQuery = Query("www.example.com", edns: true);
        // Seed the cache with an upstream reply, as the forwarder would.
        var reply = new byte[512];
        var writer = new DnsMessageWriter(reply);
        writer.TryWriteHeader(new DnsHeader(7, 0x8180, 1, 1, 0, 0));
        writer.TryWriteQuestion(DnsName.FromText("www.example.com"), DnsType.A, 1);
        writer.TryWriteRecord(DnsName.FromText("www.example.com"), DnsType.A, 3600, [93, 184, 216, 34]);
        UpstreamReply.TryParse(reply.AsSpan(0, writer.Position), 7, DnsName.FromText("www.example.com"), DnsType.A, null, out var parsed);
        _responder.CompleteForward(_responder.Respond(_cachedQuery, _output, false).Forward!, parsed, _output, overTcp: false);
        if (_responder.Respond(_cachedQuery, _output, false).Action != DnsResponderAction.Reply) throw new InvalidOperationException("cache not seeded");
    }

    private static byte[] Query(string name, bool edns)
    {
        var buffer = new byte[512];
        var writer = new DnsMessageWriter(buffer);
        writer.TryWriteHeader(new DnsHeader(0x1234, DnsFlags.RecursionDesired, 1, 0, 0, (ushort)(edns ? 1 : 0)));
        writer.TryWriteQuestion(DnsName.FromText(name), DnsType.A, 1);
        if (edns) writer.TryWriteOpt(1232);
        return buffer[..writer.Position];
    }

    [Benchmark]
    public int LocalAnswer() => _responder.Respond(_localQuery, _output, overTcp: false).Length;

    [Benchmark]
    public int CacheHit() => _responder.Respond(_cachedQuery, _output, overTcp: false).Length;
}
