namespace Pint.Fuzz;

/// <summary>
/// DHCP-aware mutations: header fields (op, hlen, addresses, flags, cookie), and the option list rebuilt with options
/// added, dropped, doubled, given lengths that lie, overloaded into file/sname (option 52), or cut before End.
/// </summary>
public static class DhcpMutator
{
    private const int ServerName = 44, File = 108, Magic = 236, Options = 240;
    private static readonly byte[] InterestingCodes = [1, 3, 6, 12, 15, 43, 50, 51, 52, 53, 54, 55, 57, 60, 61, 66, 67, 77, 81, 82, 93, 94, 97, 116, 118, 119, 121, 175, 255, 0];
    private static readonly byte[] HardwareLengths = [0, 1, 6, 16, 17, 255];

    public static byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random) =>
        ByteMutator.Stacked(input, random, data => MutateOnce(data, corpus, random));

    private static void MutateOnce(List<byte> data, FuzzCorpus corpus, Random random)
    {
        if (data.Count < Options || random.Next(5) == 0)
        {
            ByteMutator.MutateOnce(data, corpus, [], random);
            return;
        }
        var options = ReadOptions(data);
        switch (random.Next(10))
        {
            case 0: data[0] = (byte)random.Next(4); return;
            case 1: data[2] = HardwareLengths[random.Next(HardwareLengths.Length)]; return;
            case 2:
                {
                    // ciaddr, yiaddr, siaddr or giaddr: zero, ours, broadcast or random.
                    var at = 12 + 4 * random.Next(4);
                    byte[] address = random.Next(4) switch { 0 => [0, 0, 0, 0], 1 => [192, 168, 7, 1], 2 => [255, 255, 255, 255], _ => ByteMutator.RandomBytes(random, 4) };
                    for (var i = 0; i < 4; i++) data[at + i] = address[i];
                    return;
                }
            case 3: data[Magic + random.Next(4)] ^= (byte)(1 << random.Next(8)); return;
            case 4: options.Insert(random.Next(options.Count + 1), NewOption(random)); break;
            case 5 when options.Count > 0: options.RemoveAt(random.Next(options.Count)); break;
            case 6 when options.Count > 0:
                {
                    var at = random.Next(options.Count);
                    options.Insert(random.Next(options.Count + 1), options[at]);
                    break;
                }
            case 7:
                Overload(data, random);
                return;
            case 8 when options.Count > 0:
                {
                    // Rewrite with one length byte that lies about its value.
                    WriteOptions(data, options, lieAt: random.Next(options.Count), random);
                    return;
                }
            default:
                options.Insert(0, [53, 1, (byte)random.Next(10)]);
                break;
        }
        WriteOptions(data, options, lieAt: -1, random);
    }

    private static byte[] NewOption(Random random)
    {
        var code = InterestingCodes[random.Next(InterestingCodes.Length)];
        var length = random.Next(4) switch { 0 => 0, 1 => 1, 2 => 4, _ => random.Next(256) };
        var value = ByteMutator.RandomBytes(random, length);
        if (code == 52 && length > 0) value[0] = (byte)random.Next(5);
        return [code, (byte)length, .. value];
    }

    /// <summary>Option 52 plus options written into file and/or sname, maybe without End, maybe with a length past the field.</summary>
    private static void Overload(List<byte> data, Random random)
    {
        var which = (byte)random.Next(1, 4);
        var options = ReadOptions(data);
        options.Insert(0, [52, 1, which]);
        WriteOptions(data, options, -1, random);
        foreach (var (flag, offset, length) in new[] { (1, File, 128), (2, ServerName, 64) })
        {
            if ((which & flag) == 0) continue;
            var at = offset;
            while (at < offset + length - 2 && random.Next(4) != 0)
            {
                var option = NewOption(random);
                for (var i = 0; i < option.Length && at < offset + length; i++) data[at++] = option[i];
            }
            if (at < offset + length && random.Next(2) == 0) data[at] = 255;
        }
    }

    /// <summary>The options after the cookie as raw code/length/value chunks, as far as they parse.</summary>
    private static List<byte[]> ReadOptions(List<byte> data)
    {
        var options = new List<byte[]>();
        var at = Options;
        while (at < data.Count && data[at] != 255)
        {
            if (data[at] == 0) { at++; continue; }
            if (at + 1 >= data.Count || at + 2 + data[at + 1] > data.Count) break;
            options.Add(data.GetRange(at, 2 + data[at + 1]).ToArray());
            at += 2 + data[at + 1];
        }
        return options;
    }

    private static void WriteOptions(List<byte> data, List<byte[]> options, int lieAt, Random random)
    {
        data.RemoveRange(Options, data.Count - Options);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            data.AddRange(option);
            if (i == lieAt && option.Length >= 2) data[^(option.Length - 1)] = (byte)(random.Next(2) == 0 ? option[1] + 1 : random.Next(256));
        }
        if (random.Next(8) != 0) data.Add(255);
        if (random.Next(4) == 0) data.AddRange(new byte[random.Next(64)]);
    }
}
