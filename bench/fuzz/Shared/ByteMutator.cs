using System.Buffers.Binary;

namespace Pint.Fuzz;

/// <summary>Format-blind mutations: bit flips, boundary bytes and 16-bit fields, inserts, deletes, copies, splices, dictionary words.</summary>
public static class ByteMutator
{
    private static readonly byte[] BoundaryBytes = [0x00, 0x01, 0x02, 0x3F, 0x40, 0x7F, 0x80, 0xBF, 0xC0, 0xFE, 0xFF];
    private static readonly ushort[] BoundaryWords = [0, 1, 2, 0x00FF, 0x0100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];

    public static byte[] Mutate(byte[] input, FuzzCorpus corpus, IReadOnlyList<byte[]> dictionary, Random random) =>
        Stacked(input, random, data => MutateOnce(data, corpus, dictionary, random));

    /// <summary>A copy of <paramref name="input"/> with one to four mutations applied in turn.</summary>
    public static byte[] Stacked(byte[] input, Random random, Action<List<byte>> mutateOnce)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var i = 0; i < rounds; i++) mutateOnce(data);
        return [.. data];
    }

    public static void MutateOnce(List<byte> data, FuzzCorpus corpus, IReadOnlyList<byte[]> dictionary, Random random)
    {
        switch (random.Next(dictionary.Count > 0 ? 11 : 10))
        {
            case 0 when data.Count > 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[random.Next(data.Count)] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
                break;
            case 2 when data.Count > 1:
                SetWord(data, random.Next(data.Count - 1), BoundaryWords[random.Next(BoundaryWords.Length)]);
                break;
            case 3 when data.Count > 1:
                {
                    // Nudge a 16-bit field by a little: the classic off-by-one on a length.
                    var at = random.Next(data.Count - 1);
                    SetWord(data, at, (ushort)(((data[at] << 8) | data[at + 1]) + random.Next(-2, 3)));
                    break;
                }
            case 4:
                data.InsertRange(random.Next(data.Count + 1), RandomBytes(random, 1 + random.Next(8)));
                break;
            case 5 when data.Count > 0:
                {
                    var at = random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                }
            case 6 when data.Count > 0:
                {
                    var at = random.Next(data.Count);
                    var chunk = data.GetRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                    data.InsertRange(random.Next(data.Count + 1), chunk);
                    break;
                }
            case 7:
                {
                    var other = corpus.Pick(random);
                    if (other.Length == 0) break;
                    var keep = random.Next(data.Count + 1);
                    var from = random.Next(other.Length);
                    data.RemoveRange(keep, data.Count - keep);
                    data.AddRange(other.AsSpan(from).ToArray());
                    break;
                }
            case 8 when data.Count > 0:
                {
                    var cut = random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                }
            case 9:
                data.AddRange(RandomBytes(random, 1 + random.Next(64)));
                break;
            case 10:
                data.InsertRange(random.Next(data.Count + 1), dictionary[random.Next(dictionary.Count)]);
                break;
        }
    }

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    public static void SetWord(List<byte> data, int at, ushort value)
    {
        Span<byte> word = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(word, value);
        data[at] = word[0];
        data[at + 1] = word[1];
    }
}
