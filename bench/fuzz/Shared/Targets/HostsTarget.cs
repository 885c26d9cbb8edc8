using System.Text;
using Pint.Engine.Config;

namespace Pint.Fuzz;

/// <summary>/etc/hosts text through <see cref="HostsFile.Parse"/>: never throws; every line is either an entry or a diagnostic.</summary>
public sealed class HostsTarget : FuzzTarget
{
    public override string Name => "hosts";

    public override IReadOnlyList<byte[]> Seeds { get; } = FuzzSeeds.Words(
        "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n",
        "192.168.1.10\tnas nas.lan # storage\n# comment only\n\n10.0.0.1 router",
        "fe80::1%eth0 linklocal\n2001:db8::1 v6.example.com v6\n1.2.3.4 a.b.c.d.e.f.g\n",
        "192.168.1.300 bad\n1.2.3.4\n1.2.3.4 *.wild\n1.2.3.4 -dash\r\n");

    public override IReadOnlyList<byte[]> Dictionary { get; } = FuzzSeeds.Words(
        "127.0.0.1", "::1", "::", "255.255.255.255", "1.2.3", "fe80::1%", " ", "\t", "\n", "\r\n", "#", "*", ".", "..", "-",
        "localhost", "a.b", "\u00e9", "\0", "\v", "\f", new string('x', 64), string.Join('.', Enumerable.Repeat("ab", 130)));

    public override int MaxInputLength => 8192;

    public override int Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var result = HostsFile.Parse(text, "hosts");
        var lines = text.Split('\n').Length;
        FuzzPropertyException.Check(result.Entries.Count + result.Diagnostics.Count <= lines, "at most one entry or diagnostic per line");
        foreach (var e in result.Entries)
            FuzzPropertyException.Check(e.Names.Count > 0 && e.Names.All(n => n.Length > 0 && !n.Contains(' ')), "an entry has names without spaces");
        return HashCode.Combine(Math.Min(result.Entries.Count, 4), Math.Min(result.Diagnostics.Count, 4),
            result.Diagnostics.FirstOrDefault()?.Message.Split(' ').FirstOrDefault());
    }
}
