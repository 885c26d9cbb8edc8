using Pint.Engine.Import;
using Xunit;

namespace Pint.Engine.Tests.Import;

/// <summary>RFC 1035 section 5 master file syntax as Windows and BIND write it.</summary>
public class ZoneFileReaderTests
{
    private static List<string> Records(string text, string? zone = "example.com") =>
        ZoneFileReader.Parse(text, "test.zone", zone).Records
            .Select(r => $"{r.Owner} {r.Ttl} {r.Type} {string.Join(" ", r.Data.Select(d => d.Quoted ? $"\"{d.Text}\"" : d.Text))}")
            .ToList();

    [Fact]
    public void Relative_names_at_sign_and_omitted_owner_follow_the_origin()
    {
        var records = Records("$TTL 300\n@ IN A 10.0.0.1\n\tAAAA ::1\nwww A 10.0.0.2\nmail.other.net. A 10.0.0.3\n$ORIGIN sub.example.com.\nhost A 10.0.0.4\n");
        Assert.Equal(
        [
            "example.com 300 A 10.0.0.1",
            "example.com 300 AAAA ::1",
            "www.example.com 300 A 10.0.0.2",
            "mail.other.net 300 A 10.0.0.3",
            "host.sub.example.com 300 A 10.0.0.4",
        ], records);
    }

    [Fact]
    public void Parentheses_join_lines_and_comments_end_outside_quotes_only()
    {
        var records = Records("@ IN SOA ns1 hostmaster (\n  1 ; serial\n  900 600 86400\n  3600 ) ; default TTL\ntxt TXT ( \"a;b\" ; real comment\n  \"c(d)\" )\n");
        Assert.Equal(["example.com 3600 SOA ns1 hostmaster 1 900 600 86400 3600", "txt.example.com 3600 TXT \"a;b\" \"c(d)\""], records);
    }

    [Fact]
    public void Quoted_strings_decode_escapes()
    {
        var record = ZoneFileReader.Parse("t 60 TXT \"say \\\"hi\\\"\" \"back\\\\slash\" \"\\065\\066\"\n", "z", "example.com").Records.Single();
        Assert.Equal(["say \"hi\"", "back\\slash", "AB"], record.Data.Select(d => d.Text));
    }

    [Theory]
    [InlineData("h 600 IN A 10.0.0.1", 600)]
    [InlineData("h IN 600 A 10.0.0.1", 600)]
    [InlineData("h 1h30m A 10.0.0.1", 5400)]
    [InlineData("h 1W A 10.0.0.1", 604800)]
    [InlineData("h [AGE:3636525] 1200 A 10.0.0.1", 1200)]
    public void TTL_and_class_come_in_either_order_with_units_and_aging_stamps(string line, int ttl)
    {
        var record = ZoneFileReader.Parse(line + "\n", "z", "example.com").Records.Single();
        Assert.Equal(("h.example.com", ttl, "A"), (record.Owner, record.Ttl!.Value, record.Type));
    }

    [Fact]
    public void Without_TTL_directive_the_SOA_minimum_is_the_default()
    {
        var records = Records("@ SOA ns hm 1 2 3 4 120\nh A 10.0.0.1\nk 50 A 10.0.0.2\n");
        Assert.Equal("h.example.com 120 A 10.0.0.1", records[1]);
        Assert.Equal("k.example.com 50 A 10.0.0.2", records[2]);
    }

    [Theory]
    [InlineData(";  Database file corp.example.dns for Default zone scope in zone corp.example.\r\n", "corp.example")]
    [InlineData(";  Database file corp.example for corp.example zone.\r\n", "corp.example")]
    public void Windows_header_names_the_zone(string header, string zone)
    {
        var file = ZoneFileReader.Parse(header + "host A 10.0.0.1\r\n", "z");
        Assert.Equal(zone, file.Zone);
        Assert.Equal("host." + zone, file.Records.Single().Owner);
    }

    [Theory]
    [InlineData("a A 10.0.0.1\nb TXT ( \"x\"\n c A 10.0.0.2\n", 2, "'(' not closed")]
    [InlineData("a A 10.0.0.1\nb TXT \"x\n", 2, "quoted string not closed")]
    [InlineData("a A 10.0.0.1\n\n\nb A 10.0.0.2 )\n", 4, "')' without a matching '('")]
    [InlineData("  A 10.0.0.1\n", 1, "no record came before it")]
    [InlineData("a 300\n", 1, "has no type")]
    [InlineData("$TTL soon\n", 1, "$TTL needs a time")]
    [InlineData("a TXT \"\\12\"\n", 1, "bad escape")]
    public void Malformed_lines_are_errors_that_name_the_line(string text, int line, string message)
    {
        var e = Assert.Throws<ImportFormatException>(() => ZoneFileReader.Parse(text, "bad.zone", "example.com"));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"bad.zone:{line}: ", e.Message);
    }

    [Fact]
    public void Relative_name_without_a_known_zone_is_an_error()
    {
        var e = Assert.Throws<ImportFormatException>(() => ZoneFileReader.Parse("\nhost A 10.0.0.1\n", "z"));
        Assert.Equal(2, e.Line);
        Assert.Contains("give -ZoneName", e.Message);
    }
}
