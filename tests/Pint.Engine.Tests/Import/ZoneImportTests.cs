using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Import;
using Pint.Engine.Tests.Dns;
using Xunit;
using static Pint.Engine.Tests.Import.ImportTestFiles;

namespace Pint.Engine.Tests.Import;

/// <summary>A zone imported into an empty config answers, through Pint's DNS, the records the zone file defines.</summary>
public class ZoneImportTests
{
    // Written by hand from zone-windows.dns: no $TTL there, so the SOA minimum (3600) is the default TTL.
    public static TheoryData<string, DnsType, string[], uint?> WindowsZone => new()
    {
        { "corp.example", DnsType.A, ["192.168.10.5"], 3600 },
        { "corp.example", DnsType.AAAA, ["2001:db8:10::5"], 3600 },
        { "corp.example", DnsType.MX, ["10 mail.corp.example", "20 backup-mx.other.example"], null },
        { "corp.example", DnsType.TXT, ["v=spf1 mx -all"], null },
        { "ns1.other.example", DnsType.A, ["198.51.100.53"], 3600 },
        { "_ldap._tcp.corp.example", DnsType.SRV, ["0 100 389 dc1.corp.example"], null },
        { "_sip._udp.corp.example", DnsType.SRV, ["10 50 5060 sip.other.example"], null },
        { "dc1.corp.example", DnsType.A, ["192.168.10.10"], 3600 },
        { "host1.corp.example", DnsType.A, ["192.168.10.55"], 1200 },
        { "mail.corp.example", DnsType.A, ["192.168.10.25"], 3600 },
        { "www.corp.example", DnsType.CNAME, ["web.corp.example"], 3600 },
        { "web.corp.example", DnsType.A, ["192.168.10.80", "192.168.10.81"], 3600 },
        { "notes.corp.example", DnsType.TXT, ["first string|second; not a comment|quote \" inside"], null },
    };

    // From zone-bind.zone: $TTL 2h, two $ORIGINs.
    public static TheoryData<string, DnsType, string[], uint?> BindZone => new()
    {
        { "5.10.168.192.in-addr.arpa", DnsType.PTR, ["corp.example"], null },
        { "10.10.168.192.in-addr.arpa", DnsType.PTR, ["dc1.corp.example"], null },
        { "router.lab.corp.example", DnsType.A, ["10.0.0.1"], 300 },
        { "printer.lab.corp.example", DnsType.A, ["10.0.0.9"], 7200 },
        { "printer.lab.corp.example", DnsType.TXT, ["location=2nd floor|unquoted"], null },
        { "alias.lab.corp.example", DnsType.CNAME, ["printer.lab.corp.example"], 7200 },
    };

    [Theory]
    [MemberData(nameof(WindowsZone))]
    public void Windows_zone_answers_its_records(string name, DnsType type, string[] expected, uint? ttl) =>
        AssertAnswers("zone-windows.dns", null, name, type, expected, ttl);

    [Theory]
    [MemberData(nameof(BindZone))]
    public void Bind_zone_answers_its_records(string name, DnsType type, string[] expected, uint? ttl) =>
        AssertAnswers("zone-bind.zone", null, name, type, expected, ttl);

    [Fact]
    public void CNAME_is_followed_to_the_addresses_of_its_target()
    {
        var reply = Ask(Imported("zone-windows.dns", null), "www.corp.example", DnsType.A);
        Assert.Equal("web.corp.example", reply.AnswerData[0]);
        Assert.Equal(["192.168.10.80", "192.168.10.81"], reply.AnswerData.Skip(1).Order());
    }

    [Fact]
    public void SOA_and_NS_are_notes_and_other_types_are_warnings()
    {
        var plan = ZoneImport.Plan(ZoneFileReader.Read(Sample("zone-windows.dns")));
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal(("HINFO legacy.corp.example", 37), (warning.Option, warning.Line));
        var notes = plan.Messages.Where(m => m.Severity == DiagnosticSeverity.Information).Select(m => m.Option).ToList();
        Assert.Contains("SOA corp.example", notes);
        Assert.Contains("NS corp.example", notes);
        Assert.Contains("NS branch.corp.example", notes);
        Assert.Contains("TTL", notes);
    }

    [Fact]
    public void Records_dnsmasq_cannot_hold_are_warned_not_written()
    {
        var plan = ZoneImport.Plan(ZoneFileReader.Parse("* A 10.0.0.1\nt TXT \"a,b\"\nm MX 0 .\nok A 10.0.0.2\n", "z", "example.com"));
        Assert.Equal(["host-record=ok.example.com,10.0.0.2"], plan.Lines.Select(l => l.ToString()));
        Assert.Equal([1, 2, 3], plan.Warnings.Select(w => w.Line));
    }

    [Fact]
    public void Zone_name_parameter_sets_the_origin()
    {
        var plan = ZoneImport.Plan(ZoneFileReader.Parse("www A 10.0.0.1\n", "z", "lab.test."));
        Assert.Equal("host-record=www.lab.test,10.0.0.1", plan.Lines.Single().ToString());
    }

    [Fact]
    public void Bad_record_data_names_the_line_and_writes_nothing()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var zone = dir.Write("bad.zone", "$ORIGIN example.com.\nok A 10.0.0.1\nbad A 10.0.0.300\n");
        var before = File.ReadAllBytes(config);
        var e = Assert.Throws<ImportFormatException>(() => RunImport(config, _ => ZoneImport.Plan(ZoneFileReader.Read(zone))));
        Assert.Equal($"{zone}:3: A record for 'bad.example.com': '10.0.0.300' is not an IPv4 address", e.Message);
        Assert.Equal(before, File.ReadAllBytes(config));
    }

    [Fact]
    public void What_if_writes_nothing()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var before = File.ReadAllBytes(config);
        var outcome = RunImport(config, _ => ZoneImport.Plan(ZoneFileReader.Read(Sample("zone-bind.zone"))), confirm: false);
        Assert.False(outcome.Written);
        Assert.Contains(outcome.Changes, c => c.EndsWith("add 'host-record=router.lab.corp.example,10.0.0.1,300'"));
        Assert.Equal(before, File.ReadAllBytes(config));
    }

    private static void AssertAnswers(string sample, string? zoneName, string name, DnsType type, string[] expected, uint? ttl)
    {
        var reply = Ask(Imported(sample, zoneName), name, type);
        Assert.Equal(DnsRcode.NoError, reply.Rcode);
        var answers = reply.Answers.Where(a => a.Type == type).ToList();
        Assert.Equal(expected.Order(), answers.Select(a => a.Data.ToLowerInvariant()).Order());
        if (ttl is { } t) Assert.All(answers, a => Assert.Equal(t, a.Ttl));
    }

    private static readonly Dictionary<string, DnsResponder> Responders = new();

    /// <summary>Imports the sample into an empty config, loads it and builds Pint's DNS responder from it (once per sample).</summary>
    private static DnsResponder Imported(string sample, string? zoneName)
    {
        lock (Responders)
        {
            if (Responders.TryGetValue(sample, out var cached)) return cached;
            var (dir, config, _) = EmptyConfig();
            using var _d = dir;
            var outcome = RunImport(config, _ => ZoneImport.Plan(ZoneFileReader.Read(Sample(sample), zoneName)));
            Assert.True(outcome.Written);
            var options = DnsSetup.Build(Load(config), SystemFacts.Live, dir.Path).Options!;
            return Responders[sample] = new DnsResponder(options);
        }
    }

    private static DecodedReply Ask(DnsResponder responder, string name, DnsType type)
    {
        var output = new byte[4096];
        var result = responder.Respond(DnsTestMessages.Query(name, type), output, overTcp: false);
        Assert.Equal(DnsResponderAction.Reply, result.Action);
        return DnsTestMessages.Decode(output.AsSpan(0, result.Length));
    }
}
