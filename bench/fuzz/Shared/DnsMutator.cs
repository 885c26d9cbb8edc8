using System.Buffers.Binary;
using Pint.Engine.Dns;

namespace Pint.Fuzz;

/// <summary>
/// DNS-aware mutations: section counts, flags and opcode, compression pointers (backwards, forwards, at themselves),
/// label length bytes (including the reserved 0x40/0x80 types), over-long names, OPT and extra records.
/// </summary>
public static class DnsMutator
{
    private static readonly ushort[] Counts = [0, 1, 2, 3, 0x7FFF, 0xFFFF];
    private static readonly ushort[] Types = [1, 2, 5, 6, 12, 15, 16, 28, 33, 41, 255, 0, 0xFFFF];

    public static byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) =>
        ByteMutator.Stacked(input, random, data => MutateOnce(data, corpus, random));

    private static void MutateOnce(List<byte> data, FuzzCorpus corpus, Random random)
    {
        var body = Math.Min(DnsFlags.HeaderLength, data.Count);
        switch (random.Next(10))
        {
            case 0 when data.Count >= DnsFlags.HeaderLength:
                ByteMutator.SetWord(data, 4 + 2 * random.Next(4), random.Next(3) == 0 ? (ushort)random.Next(65536) : Counts[random.Next(Counts.Length)]);
                break;
            case 1 when data.Count >= DnsFlags.HeaderLength:
                ByteMutator.SetWord(data, 2, (ushort)random.Next(65536));
                break;
            case 2:
                {
                    // A pointer anywhere, aimed before, at or after itself.
                    var at = body + random.Next(data.Count - body + 1);
                    var target = random.Next(3) switch { 0 => random.Next(Math.Max(at, 1)), 1 => at, _ => at + random.Next(64) } & 0x3FFF;
                    data.InsertRange(at, [(byte)(0xC0 | (target >> 8)), (byte)target]);
                    break;
                }
            case 3 when data.Count > body:
                data[body + random.Next(data.Count - body)] = (byte)(random.Next(4) == 0 ? 0x40 | random.Next(0x80) : random.Next(64));
                break;
            case 4:
                data.InsertRange(Math.Min(body, data.Count), LongName(random));
                break;
            case 5:
                {
                    // OPT: root name, type 41, class = UDP payload size, TTL = extended rcode/flags, maybe options.
                    var rdata = ByteMutator.RandomBytes(random, random.Next(3) == 0 ? random.Next(16) : 0);
                    data.Add(0);
                    AddWord(data, 41);
                    AddWord(data, (ushort)(random.Next(2) == 0 ? random.Next(65536) : random.Next(4) * 512));
                    data.AddRange(ByteMutator.RandomBytes(random, 4));
                    AddWord(data, (ushort)(random.Next(8) == 0 ? random.Next(65536) : rdata.Length));
                    data.AddRange(rdata);
                    break;
                }
            case 6:
                {
                    // A record pointing at the question name, with a type and RDLENGTH that may not match its data.
                    data.AddRange([0xC0, 0x0C]);
                    AddWord(data, Types[random.Next(Types.Length)]);
                    AddWord(data, (ushort)(random.Next(4) == 0 ? random.Next(65536) : 1));
                    data.AddRange(ByteMutator.RandomBytes(random, 4));
                    var length = random.Next(4) == 0 ? random.Next(300) : 4;
                    AddWord(data, (ushort)(random.Next(8) == 0 ? random.Next(65536) : length));
                    data.AddRange(ByteMutator.RandomBytes(random, length));
                    break;
                }
            default:
                ByteMutator.MutateOnce(data, corpus, [], random);
                break;
        }
    }

    /// <summary>A name near or over the 255-byte limit: many labels, 63-byte labels, or one label too long.</summary>
    public static byte[] LongName(Random random)
    {
        var labels = new List<byte>();
        var labelLength = random.Next(3) switch { 0 => 63, 1 => 1, _ => 1 + random.Next(63) };
        var count = random.Next(2, 260 / (labelLength + 1) + 3);
        for (var i = 0; i < count; i++)
        {
            labels.Add((byte)labelLength);
            labels.AddRange(Enumerable.Repeat((byte)'a', labelLength));
        }
        labels.Add(0);
        return [.. labels];
    }

    /// <summary>A query for <paramref name="name"/> (text form) with optional EDNS.</summary>
    public static byte[] Query(ushort id, string name, DnsType type, ushort? ednsSize = null, ushort flags = DnsFlags.RecursionDesired)
    {
        var data = new List<byte>();
        AddWord(data, id);
        AddWord(data, flags);
        AddWord(data, 1);
        AddWord(data, 0);
        AddWord(data, 0);
        AddWord(data, (ushort)(ednsSize is null ? 0 : 1));
        data.AddRange(DnsName.FromTextKeepCase(name));
        AddWord(data, (ushort)type);
        AddWord(data, DnsFlags.ClassIn);
        if (ednsSize is { } size)
        {
            data.Add(0);
            AddWord(data, (ushort)DnsType.OPT);
            AddWord(data, size);
            data.AddRange(new byte[6]);
        }
        return [.. data];
    }

    /// <summary>An upstream-style reply to <paramref name="query"/>: QR set, one A answer (compressed), one SOA in authority.</summary>
    public static byte[] Reply(byte[] query, DnsRcode rcode = DnsRcode.NoError)
    {
        var reader = new DnsMessageReader(query);
        reader.ReadHeader(out _);
        reader.ReadName(default, out _);
        reader.TrySkip(4);
        var data = new List<byte>(query.AsSpan(0, reader.Position).ToArray());
        ByteMutator.SetWord(data, 2, (ushort)(DnsFlags.Response | DnsFlags.RecursionDesired | DnsFlags.RecursionAvailable | (ushort)rcode));
        ByteMutator.SetWord(data, 6, 1);
        ByteMutator.SetWord(data, 8, 1);
        ByteMutator.SetWord(data, 10, 0);
        data.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 93, 184, 216, 34]);
        data.AddRange([0xC0, 0x0C, 0, 6, 0, 1, 0, 0, 0x0E, 0x10, 0, 22, 0xC0, 0x0C, 0xC0, 0x0C]);
        data.AddRange([0, 0, 0, 1, 0, 0, 0x1C, 0x20, 0, 0, 0x0E, 0x10, 0, 0x12, 0x75, 0x00, 0, 0, 0x01, 0x2C]);
        return [.. data];
    }

    private static void AddWord(List<byte> data, ushort value)
    {
        data.Add((byte)(value >> 8));
        data.Add((byte)value);
    }
}
