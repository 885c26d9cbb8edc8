using System.Text;
using Pint.Engine.Config;

namespace Pint.Fuzz;

/// <summary>
/// Mutates dnsmasq config text line by line with the real option vocabulary: lines are added or replaced with
/// <c>option=value</c> built from the catalog and from value fragments each option's parser has to reject or accept
/// (addresses, MACs, tags, times, quoted text), fields of existing values are swapped, and now and then bytes are hit.
/// </summary>
public sealed class ConfigLineMutator
{
    // Options that read other files from disk: a fuzzer must not point them at /dev/zero or /proc.
    public static readonly string[] FileReadingOptions = ["conf-file", "conf-dir"];

    private static readonly string[] Fragments =
    [
        "192.168.1.1", "0.0.0.0", "255.255.255.255", "10.0.0.0/8", "10.0.0.0/33", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "::1", "fe80::1%eth0", "::ffff:1.2.3.4", "2001:db8::/32", "2001:db8::/129", "1.2.3.4#53", "1.2.3.4#99999", "1.2.3.4@eth0",
        "00:11:22:33:44:55", "*:*:*:*:*:*", "01:02", "00-11-22-33-44-55", "id:01:02:03", "id:*", "id:", "11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11",
        "12h", "45m", "30s", "1d", "2w", "infinite", "0", "4294967295", "4294967296", "-1", "99999999999999999999h", "1x",
        "set:lan", "tag:lan", "tag:!lan", "net:x", "tag:", "set:", "!", "*",
        "1", "65535", "65536", "2147483648", "0x10", "255", "256", "3", "6", "119", "121", "252",
        "option:router", "option:dns-server", "option:domain-search", "option6:23", "vendor:PXEClient", "encap:175", "opt:bad", "option:",
        "/example.com/", "/a/b/c/", "//", "/#/", "/", "example.com", "*.example.com", ".", "a..b", "-a.example", "_srv._tcp.example",
        "\"quoted, comma\"", "\"unterminated", "\\", "\\\"", "#", " # comment", "", " ", "\t", "é", "\u00ff", "\uFFFD",
        "static", "proxy", "ra-only", "ignore", "constructor:eth0", "interface:eth0", "tftp", "x86PC", "\"Boot menu\"", "pxelinux.0",
        "bootfile.efi", "tftp.example", "eth0", "lo", "a:b:c:d", "1,2,3", "65464",
    ];

    private static readonly string[] Separators = [",", ",", ",", "/", ":", " ", "@", "#", "="];

    private readonly OptionInfo[] _implemented;
    private readonly OptionInfo[] _all;
    private readonly Dictionary<string, List<string>> _valuesByOption = new(StringComparer.Ordinal);

    public ConfigLineMutator(IEnumerable<string> seedConfigs)
    {
        _all = DnsmasqOptionCatalog.Options.Where(o => !FileReadingOptions.Contains(o.Name)).ToArray();
        _implemented = _all.Where(o => o.Implemented).ToArray();
        foreach (var line in seedConfigs.SelectMany(c => c.Split('\n')))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0 || line.StartsWith('#')) continue;
            var name = line[..equals].Trim();
            if (!_valuesByOption.TryGetValue(name, out var values)) _valuesByOption[name] = values = [];
            values.Add(line[(equals + 1)..].Trim());
        }
    }

    public byte[] Mutate(byte[] input, FuzzCorpus corpus, Random random)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n').ToList();
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            var at = random.Next(lines.Count + 1);
            switch (random.Next(7))
            {
                case 0 or 1:
                    lines.Insert(at, OptionLine(random));
                    break;
                case 2 when at < lines.Count:
                    lines[at] = OptionLine(random);
                    break;
                case 3 when at < lines.Count:
                    lines[at] = MutateFields(lines[at], random);
                    break;
                case 4 when at < lines.Count:
                    lines.RemoveAt(at);
                    break;
                case 5:
                    // A whole line from elsewhere in the corpus: options meet others they interact with.
                    var other = Encoding.UTF8.GetString(corpus.Pick(random)).Split('\n');
                    lines.Insert(at, other[random.Next(other.Length)]);
                    break;
                default:
                    var bytes = ByteMutator.Mutate(Encoding.UTF8.GetBytes(string.Join('\n', lines)), corpus, [], random);
                    lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
                    break;
            }
        }
        return Encoding.UTF8.GetBytes(string.Join(random.Next(8) == 0 ? "\r\n" : "\n", lines));
    }

    /// <summary>A fresh <c>option=value</c> line: mostly implemented options, with a seed value mutated or a new one.</summary>
    public string OptionLine(Random random)
    {
        var pool = random.Next(5) == 0 ? _all : _implemented;
        var option = pool[random.Next(pool.Length)];
        if (option.Arity == OptionArity.None && random.Next(4) != 0) return option.Name;
        var value = _valuesByOption.TryGetValue(option.Name, out var known) && random.Next(2) == 0
            ? MutateFields(known[random.Next(known.Count)], random)
            : NewValue(random);
        return random.Next(10) == 0 ? $"  {option.Name} = {value}  " : $"{option.Name}={value}";
    }

    private static string NewValue(Random random)
    {
        var sb = new StringBuilder();
        var count = 1 + random.Next(6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(Separators[random.Next(Separators.Length)]);
            sb.Append(Fragment(random));
        }
        return sb.ToString();
    }

    private static string Fragment(Random random) => random.Next(20) switch
    {
        0 => new string('a', 1 + random.Next(300)),
        1 => string.Join('.', Enumerable.Repeat("label", 1 + random.Next(80))),
        2 => random.NextInt64(-10, long.MaxValue).ToString(),
        _ => Fragments[random.Next(Fragments.Length)],
    };

    /// <summary>Replaces, drops or duplicates one comma field of the line's value.</summary>
    private static string MutateFields(string line, Random random)
    {
        var fields = line.Split(',').ToList();
        var at = random.Next(fields.Count);
        switch (random.Next(4))
        {
            case 0: fields[at] = Fragment(random); break;
            case 1 when fields.Count > 1: fields.RemoveAt(at); break;
            case 2: fields.Insert(at, fields[at]); break;
            default: fields.Insert(at, Fragment(random)); break;
        }
        return string.Join(',', fields);
    }
}
