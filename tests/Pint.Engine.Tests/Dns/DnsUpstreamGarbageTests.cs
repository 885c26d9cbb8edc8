using System.Buffers.Binary;
using System.Net;
using Pint.Engine.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsForwardingTests;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Dns;

/// <summary>
/// An upstream that answers garbage: whatever it sends is never relayed or cached and crashes nothing; the query is
/// answered by the next server, or SERVFAIL, exactly as when the server is dead. A forgery before the genuine reply
/// does not hide the genuine one. Over TCP the same spoiled messages come framed, and the framing itself can lie.
/// </summary>
public class DnsUpstreamGarbageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Ways to spoil a reply (the query is "www.example.com A", so the question name starts at byte 12).</summary>
    public static TheoryData<string> Kinds => [.. Spoilers.Keys];

    private static readonly Dictionary<string, Func<byte[], byte[]>> Spoilers = new()
    {
        ["random bytes"] = _ => RandomBytes(48),
        ["empty datagram"] = _ => [],
        ["header only"] = reply => reply[..12],
        ["cut inside the answer"] = reply => reply[..^3],
        ["wrong id"] = reply => With(reply, r => r[1] ^= 0x5A),
        ["not a response"] = reply => With(reply, r => r[2] &= 0x7F),
        ["other question name"] = reply => With(reply, r => r[14] = (byte)'x'),
        ["other question type"] = reply => With(reply, r => BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(QuestionEnd(r) - 4), (ushort)DnsType.MX)),
        ["other question class"] = reply => With(reply, r => BinaryPrimitives.WriteUInt16BigEndian(r.AsSpan(QuestionEnd(r) - 2), 3)),
        ["two questions"] = reply => With(reply, r => r[5] = 2),
        ["answer count lie"] = reply => With(reply, r => r[7] = 200),
        ["compression loop"] = reply => With(reply, r => r[QuestionEnd(r) + 1] = (byte)QuestionEnd(r)),
        ["bad label type"] = reply => With(reply, r => r[12] = 0x43),
    };

    /// <summary>Ways to spoil a TCP reply: each spoiled message above in a correct frame, and frames that lie.</summary>
    public static TheoryData<string> TcpKinds => [.. Spoilers.Keys.Select(k => "framed " + k), .. FrameSpoilers.Keys];

    private static readonly Dictionary<string, Func<byte[], byte[]>> FrameSpoilers = new()
    {
        ["length longer than the message"] = framed => WithLength(framed, framed.Length - 2 + 40),
        ["length shorter than the message"] = framed => WithLength(framed, framed.Length - 2 - 5),
        ["length zero"] = framed => WithLength(framed, 0),
        ["cut inside the length"] = framed => framed[..1],
        ["cut inside the message"] = framed => framed[..(framed.Length / 2)],
        ["length only"] = framed => framed[..2],
    };

    private static byte[] TcpSpoiled(string kind, byte[] framed) =>
        FrameSpoilers.TryGetValue(kind, out var spoil) ? spoil(framed) : Frame(Spoilers[kind["framed ".Length..]](framed[2..]));

    private static byte[] WithLength(byte[] framed, int length) => With(framed, f => BinaryPrimitives.WriteUInt16BigEndian(f, (ushort)length));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static byte[] With(byte[] reply, Action<byte[]> spoil)
    {
        var copy = reply.ToArray();
        spoil(copy);
        return copy;
    }

    private static int QuestionEnd(byte[] message)
    {
        int pos = 12;
        while (message[pos] != 0) pos += message[pos] + 1;
        return pos + 5;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Garbage_from_the_only_server_gives_servfail_and_nothing_cached(string kind)
    {
        using var upstream = new FakeUpstreamDns { Rewrite = (_, reply) => [Spoilers[kind](reply)] };
        await AssertServFailAndNothingCachedAsync(upstream, overTcp: false);
    }

    private static async Task AssertServFailAndNothingCachedAsync(FakeUpstreamDns upstream, bool overTcp)
    {
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], UpstreamTimeout = Timeout });
        var reply = await AskAsync(responder, forwarder, "www.example.com", overTcp: overTcp);
        Assert.Equal((DnsRcode.ServFail, 0x4242), (reply.Rcode, (int)reply.Header.Id));
        Assert.Empty(reply.Answers);
        Assert.Equal(0, responder.Cache.Count);
        Assert.Equal(1, responder.Counters.ServerFailures);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Garbage_from_the_first_server_moves_on_to_the_next(string kind)
    {
        using var garbage = new FakeUpstreamDns(IPAddress.Parse("203.0.113.66")) { Rewrite = (_, reply) => [Spoilers[kind](reply)] };
        using var good = new FakeUpstreamDns(IPAddress.Parse("192.0.2.7"));
        var options = new DnsServerOptions { Servers = [new(garbage.EndPoint), new(good.EndPoint)], StrictOrder = true, UpstreamTimeout = Timeout };
        var (responder, forwarder) = Make(options);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com")).AnswerData);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com")).AnswerData); // from the cache
        Assert.Equal((1, 1), (garbage.Queries, good.Queries));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_forgery_before_the_genuine_reply_is_ignored(string kind)
    {
        using var upstream = new FakeUpstreamDns(IPAddress.Parse("192.0.2.8")) { Rewrite = (_, reply) => [Spoilers[kind](reply), reply] };
        var (responder, forwarder) = Make(new DnsServerOptions { Servers = [new(upstream.EndPoint)], UpstreamTimeout = TimeSpan.FromSeconds(5) });
        var reply = await AskAsync(responder, forwarder, "www.example.com");
        Assert.Equal(DnsRcode.NoError, reply.Rcode);
        Assert.Equal(["192.0.2.8"], reply.AnswerData);
        Assert.Equal(0, responder.Counters.ServerFailures);
    }

    [Theory]
    [MemberData(nameof(TcpKinds))]
    public async Task Garbage_over_tcp_from_the_only_server_gives_servfail_and_nothing_cached(string kind)
    {
        using var upstream = new FakeUpstreamDns { TcpRewrite = (_, framed) => TcpSpoiled(kind, framed) };
        await AssertServFailAndNothingCachedAsync(upstream, overTcp: true);
    }

    [Theory]
    [MemberData(nameof(TcpKinds))]
    public async Task Garbage_over_tcp_from_the_first_server_moves_on_to_the_next_and_its_connection_is_not_reused(string kind)
    {
        using var garbage = new FakeUpstreamDns(IPAddress.Parse("203.0.113.66")) { TcpRewrite = (_, framed) => TcpSpoiled(kind, framed) };
        using var good = new FakeUpstreamDns(IPAddress.Parse("192.0.2.7"));
        var options = new DnsServerOptions { Servers = [new(garbage.EndPoint), new(good.EndPoint)], StrictOrder = true, UpstreamTimeout = Timeout, CacheSize = 0 };
        using var pool = new UpstreamTcpPool();
        var (responder, forwarder) = Make(options, tcpPool: pool);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com", overTcp: true)).AnswerData);
        Assert.Equal(["192.0.2.7"], (await AskAsync(responder, forwarder, "www.example.com", overTcp: true)).AnswerData);
        Assert.Equal((2, 2), (garbage.TcpConnections, good.TcpQueries)); // a fresh connection to the garbage server each time
        Assert.Equal(1, pool.IdleCount); // only the good server's connection is kept
    }
}
