using Pint.Engine.Dns;
using Pint.Engine.Dns.Dnssec;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>
/// dnssec-limits and dnssec-timestamp as dnsmasq 2.90's man page and --test define them (checked against the real
/// dnsmasq on the signed hierarchy), and the record filter that keeps DNSSEC records from clients without DO.
/// </summary>
public class DnssecOptionsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("", "20,200,40,150")]
    [InlineData("0,0,20", "20,200,20,150")]
    [InlineData("1,,3", "1,200,3,150")]
    [InlineData("1,2,3,4,5", "1,2,3,4")]            // dnsmasq reads four and ignores the rest
    [InlineData("99999999999", "2147483647,200,40,150")]
    [InlineData("abc", null)]
    [InlineData("-1", null)]
    [InlineData(" 5", null)]
    [InlineData("1,2,x", null)]
    public void Limits_parse_as_dnsmasq_reads_them(string value, string? expected)
    {
        var limits = DnssecLimits.Parse(value, out var error);
        Assert.Equal(expected, limits?.ToString());
        Assert.Equal(expected is null, error is not null);
    }

    [Theory]
    [InlineData("dnssec-limits=0,0,20", true)]
    [InlineData("dnssec-limits=", true)]
    [InlineData("dnssec-limits=1,2,x", false)]
    [InlineData("dnssec-limits", false)]                // dnsmasq: "missing parameter"
    [InlineData("dnssec-timestamp=/var/lib/pint/ts", true)]
    public void Lines_are_accepted_as_dnsmasq_accepts_them(string line, bool accepted)
    {
        using var dir = new TempConfigDirectory();
        var result = Pint.Engine.Config.ConfigLoader.Load(dir.Write("dnsmasq.conf", line + "\n"), new Pint.Engine.Config.ConfigLoadOptions { ReadHostsFiles = false });
        Assert.True(accepted == !result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
    }

    [Fact]
    public void Limits_and_timestamp_reach_the_validator_settings()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write("dnsmasq.conf", "dnssec\ndnssec-limits=0,0,7,99\ndnssec-timestamp=/tmp/ts\nserver=/corp.test/127.0.0.1\nserver=/lab.test/127.0.0.1\n"
            + "trust-anchor=lab.test,1,13,2,E06D\n");
        var result = Pint.Engine.Config.ConfigLoader.Load(path, new Pint.Engine.Config.ConfigLoadOptions { ReadHostsFiles = false });
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        var setup = DnsSetup.Build(result.Config, Pint.Engine.Config.SystemFacts.Live, Path.GetDirectoryName(path)!);
        var settings = setup.Options!.Dnssec!;
        Assert.Equal("20,200,7,99", settings.Limits.ToString());
        Assert.Equal(7, settings.MaxSubQueries);
        Assert.Equal("/tmp/ts", settings.TimestampPath);
        Assert.False(settings.Validates(DnsName.FromText("www.corp.test")));  // private, no anchor of its own
        Assert.True(settings.Validates(DnsName.FromText("www.lab.test")));    // an anchor for the domain itself
        Assert.True(settings.Validates(DnsName.FromText("www.example.test")));
    }

    [Fact]
    public void Timestamp_file_is_created_dated_2015_and_touched_once_the_clock_passes_it()
    {
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-ts-");
        try
        {
            var path = Path.Combine(dir.FullName, "timestamp");
            var created = DnssecTimestamp.Open(path, out var error)!;
            Assert.Null(error);
            Assert.Equal(DnssecTimestamp.CreatedTime, created.Stamp);
            var now = DateTimeOffset.UtcNow;
            Assert.True(created.IsClockGood(now, out bool became) && became);
            Assert.True(File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddMinutes(-5)); // touched to now, as dnsmasq does

            // A stamp in the future: a clock before it is not trusted (no time checks) until it passes the stamp.
            File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var future = DnssecTimestamp.Open(path, out _)!;
            Assert.False(future.IsClockGood(now, out _));
            Assert.True(future.IsClockGood(new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero), out became) && became);
            Assert.True(future.IsClockGood(new DateTimeOffset(2030, 1, 3, 0, 0, 0, TimeSpan.Zero), out became) && !became);

            var validator = new DnssecValidator(new DnssecSettings([]) { TimestampPath = Path.Combine(dir.FullName, "ts2") });
            Assert.True(File.Exists(Path.Combine(dir.FullName, "ts2")));
            Assert.True(validator.ChecksTime(now));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// dnsmasq 2.90 beside Pint with the same dnssec-limits and dnssec-timestamp lines on the signed hierarchy: the same
    /// status, AD and EDE (observed: limits too small fail every signed answer; a timestamp file dated in the future lets
    /// the expired zone validate).
    /// </summary>
    [Theory]
    [InlineData("dnssec-limits=0,0,1")]
    // Not "0,3": dnsmasq caches each DS and DNSKEY set as soon as it is proven, so a limit too small for any whole chain
    // still lets later answers finish what earlier ones began (www.unsigned.test passes after three failures); Pint keeps
    // a zone's DS and keys as one step and, with so small a limit, never gets past the TLD.
    [InlineData("dnssec-limits=0,7")]
    [InlineData("dnssec-limits=0,10")]
    [InlineData("dnssec-limits=0,12")]
    [InlineData("dnssec-limits=1")]
    [InlineData("dnssec-limits=0,0,0,0")]
    [InlineData("dnssec-timestamp=FUTURE")]
    [InlineData("dnssec-timestamp=NEW")]
    public async Task Pint_and_dnsmasq_agree_under_the_option(string line)
    {
        var dnsmasqPath = ConfigTestTools.RequireTool("dnsmasq");
        using var hierarchy = await SignedHierarchy.StartAsync();
        var dir = Directory.CreateTempSubdirectory("pint-dnssec-options-");
        try
        {
            string For(string who)
            {
                if (!line.StartsWith("dnssec-timestamp=")) return line;
                var file = Path.Combine(dir.FullName, $"timestamp-{who}");
                if (line.EndsWith("FUTURE"))
                {
                    File.WriteAllText(file, "");
                    File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddYears(5));
                }
                return $"dnssec-timestamp={file}";
            }
            var lines = $"no-resolv\nno-hosts\nserver=127.0.0.1#{hierarchy.Port}\ndnssec\n{hierarchy.TrustAnchor}\n";
            var conf = Path.Combine(dir.FullName, "dnsmasq.conf");
            File.WriteAllText(conf, lines + For("dnsmasq") + "\n");
            using var dnsmasq = new DnsmasqProcess(dnsmasqPath, conf, DnsmasqProcess.FreeLoopbackPort());
            await dnsmasq.WaitReadyAsync(TimeSpan.FromSeconds(10));
            int port = DnsmasqProcess.FreeLoopbackPort();
            var pintConf = Path.Combine(dir.FullName, "pint.conf");
            File.WriteAllText(pintConf, $"{lines}{For("pint")}\nport={port}\nlisten-address=127.0.0.1\nbind-interfaces\n");
            await using var pint = PintServerHost.Load(pintConf);
            await pint.StartAsync();
            var failures = new List<string>();
            foreach (var query in new[] { "www.expired.test A", "www.secure.test A", "nx.nsec3.test A", "www.unsigned.test A", "www.badsig.test A" })
            {
                var expected = await DigFlags.AskAsync(dnsmasq.Port, query);
                var actual = await DigFlags.AskAsync(port, query);
                output.WriteLine($"{line}: {query}: dnsmasq {expected}, Pint {actual}");
                if (actual.ToString() != expected.ToString()) failures.Add($"{query}: dnsmasq {expected}, Pint {actual}");
            }
            if (line.EndsWith("NEW"))
                foreach (var who in new[] { "dnsmasq", "pint" })
                    Assert.True(File.GetLastWriteTimeUtc(Path.Combine(dir.FullName, $"timestamp-{who}")) > DateTime.UtcNow.AddMinutes(-5), $"{who} did not touch its timestamp file");
            Assert.True(failures.Count == 0, $"Pint differs from dnsmasq 2.90 with {line}:\n" + string.Join("\n", failures));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // --- The record filter, on hand-made messages (names compressed as named writes them).

    private static readonly byte[] Question = [3, (byte)'w', (byte)'w', (byte)'w', 6, (byte)'s', (byte)'e', (byte)'c', (byte)'u', (byte)'r', (byte)'e', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0];

    /// <summary>
    /// www.secure.test A: answer A + RRSIG, authority NS (ns + pointer) + NSEC, additional ns.secure.test A whose owner
    /// points at the NS record's data (behind the removed RRSIG), or, with <paramref name="pointIntoSignature"/>, at the
    /// RRSIG's signer name.
    /// </summary>
    private static byte[] Message(bool pointIntoSignature = false)
    {
        var m = new List<byte>();
        void U16(int v) { m.Add((byte)(v >> 8)); m.Add((byte)v); }
        void Record(int owner, DnsType type, byte[] data) { U16(0xC000 | owner); U16((int)type); U16(1); U16(0); U16(300); U16(data.Length); m.AddRange(data); }
        U16(0x1234); U16(0x8180); U16(1); U16(2); U16(2); U16(1);
        m.AddRange(Question); U16(1); U16(1);
        Record(12, DnsType.A, [192, 0, 2, 1]);
        int rrsig = m.Count;
        byte[] signer = [6, (byte)'s', (byte)'e', (byte)'c', (byte)'u', (byte)'r', (byte)'e', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0];
        Record(12, DnsType.RRSIG, [0, 1, 13, 3, 0, 0, 1, 44, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, .. signer, 1, 2, 3, 4, 5, 6, 7, 8]);
        int signerAt = rrsig + 12 + 18;
        int nsData = m.Count + 12;
        Record(16, DnsType.NS, [2, (byte)'n', (byte)'s', 0xC0, 16]);
        Record(16, DnsType.NSEC, [0, 0, 1, 0x40]);
        Record(pointIntoSignature ? signerAt : nsData, DnsType.A, [127, 0, 0, 1]);
        return [.. m];
    }

    private static List<(DnsType Type, string Owner)> Records(ReadOnlySpan<byte> message, out DnsHeader header)
    {
        var reader = new DnsMessageReader(message);
        Assert.Equal(DnsRejection.None, reader.ReadHeader(out header));
        Assert.Equal(DnsRejection.None, reader.ReadName(default, out _));
        Assert.True(reader.TrySkip(4));
        var list = new List<(DnsType, string)>();
        Span<byte> name = stackalloc byte[255];
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            Assert.Equal(DnsRejection.None, reader.ReadRecord(name, out int length, out var record));
            list.Add((record.Type, DnsName.ToText(name[..length])));
        }
        Assert.Equal(0, reader.Remaining);
        return list;
    }

    [Fact]
    public void Filter_takes_out_rrsig_and_nsec_and_moves_the_pointers_behind_them()
    {
        var message = Message();
        int length = DnssecRecordFilter.Strip(message, message.Length, DnsType.A);
        Assert.True(length < message.Length);
        var records = Records(message.AsSpan(0, length), out var header);
        Assert.Equal((1, 1, 1), (header.AnswerCount, header.AuthorityCount, header.AdditionalCount));
        Assert.Equal([(DnsType.A, "www.secure.test"), (DnsType.NS, "secure.test"), (DnsType.A, "ns.secure.test")], records.Select(r => (r.Type, r.Owner.TrimEnd('.'))).ToList());
    }

    [Fact]
    public void Filter_keeps_the_type_asked_and_leaves_a_message_whose_names_point_into_a_removed_record()
    {
        var message = Message();
        int length = DnssecRecordFilter.Strip(message, message.Length, DnsType.RRSIG);
        var records = Records(message.AsSpan(0, length), out _);
        Assert.Contains(records, r => r.Type == DnsType.RRSIG);
        Assert.DoesNotContain(records, r => r.Type == DnsType.NSEC);

        var pointing = Message(pointIntoSignature: true);
        var before = pointing.ToArray();
        Assert.Equal(pointing.Length, DnssecRecordFilter.Strip(pointing, pointing.Length, DnsType.A));
        Assert.Equal(before, pointing);
    }

    [Fact]
    public void Filter_leaves_a_message_without_dnssec_records_alone()
    {
        byte[] message = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, .. Question, 0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 10, 0, 0, 1];
        Assert.Equal(message.Length, DnssecRecordFilter.Strip(message, message.Length, DnsType.A));
        Assert.False(DnssecRecordFilter.HasDnssecRecords(message, DnsType.A));
        Assert.True(DnssecRecordFilter.HasDnssecRecords(Message(), DnsType.A));
    }
}
