using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

public class LeaseFileTests
{
    // Lines as dnsmasq 2.90 writes them (the capture's leases, plus an InfiniBand-type client).
    private const string DnsmasqFile =
        "1732473600 52:54:00:aa:bb:02 10.77.0.131 laptop 01:52:54:00:aa:bb:02\n" +
        "0 52:54:00:aa:bb:01 10.77.0.20 reserved-box *\n" +
        "1732473700 20-80:00:00:48:fe:80 10.77.0.140 * *\n";

    [Fact]
    public void Parse_reads_all_fields_of_dnsmasq_lines()
    {
        var result = LeaseFile.Parse(DnsmasqFile, "dnsmasq.leases");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Leases.Count);
        var laptop = result.Leases[0];
        Assert.Equal(IPAddress.Parse("10.77.0.131"), laptop.Address);
        Assert.Equal("52:54:00:aa:bb:02", laptop.HardwareAddress);
        Assert.Equal("laptop", laptop.HostName);
        Assert.Equal("01:52:54:00:aa:bb:02", laptop.ClientId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1732473600), laptop.Expires);
        Assert.Null(result.Leases[1].Expires);
        Assert.Null(result.Leases[1].ClientId);
        Assert.Null(result.Leases[2].HostName);
        Assert.Equal("20-80:00:00:48:fe:80", result.Leases[2].HardwareAddress);
    }

    [Fact]
    public void Format_line_round_trips_every_line_byte_for_byte()
    {
        var result = LeaseFile.Parse(DnsmasqFile, "dnsmasq.leases");
        Assert.Equal(DnsmasqFile, string.Concat(result.Leases.Select(LeaseFile.FormatLine)));
    }

    [Fact]
    public void Parse_reports_bad_lines_with_line_numbers_and_keeps_the_good_ones()
    {
        const string text =
            "1732473600 52:54:00:aa:bb:02 10.77.0.131 laptop *\n" +
            "soon 52:54:00:aa:bb:03 10.77.0.132 a *\n" +
            "1732473600 52:54:00:zz:bb:03 10.77.0.133 b *\n" +
            "1732473600 52:54:00:aa:bb:04 10.77.0 c *\n" +
            "1732473600 52:54:00:aa:bb:05 10.77.0.135\n" +
            "\n" +
            "1732473600 52:54:00:aa:bb:06 10.77.0.136 d 01:xx\n" +
            "1732473600 52:54:00:aa:bb:07 10.77.0.137 e * extra\n" +
            "1732473600 52:54:00:aa:bb:08 10.77.0.138 f *\n";

        var result = LeaseFile.Parse(text, "/var/lib/misc/dnsmasq.leases");

        Assert.Equal(["10.77.0.131", "10.77.0.138"], result.Leases.Select(l => l.Address.ToString()));
        Assert.Equal([2, 3, 4, 5, 7, 8], result.Diagnostics.Select(d => d.Line));
        Assert.All(result.Diagnostics, d => Assert.Equal("/var/lib/misc/dnsmasq.leases", d.File));
        Assert.Contains("expiry", result.Diagnostics[0].Message);
        Assert.Contains("hardware address", result.Diagnostics[1].Message);
        Assert.Contains("IPv4 address '10.77.0'", result.Diagnostics[2].Message);
        Assert.Contains("found 3", result.Diagnostics[3].Message);
        Assert.Contains("client identifier", result.Diagnostics[4].Message);
    }

    [Theory]
    [InlineData("1732473600 52:54:00:aa:bb:09 10.77.0.139 lapt")]
    [InlineData("1732473600 52:54:00:aa:bb:09 10.77.0.139 laptop 01:52:54")]
    [InlineData("17324")]
    public void Parse_ignores_a_torn_last_line_even_when_it_looks_complete(string torn)
    {
        var text = "1732473600 52:54:00:aa:bb:02 10.77.0.131 laptop *\n" + torn;

        var result = LeaseFile.Parse(text, "leases");

        Assert.Single(result.Leases);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(2, diagnostic.Line);
        Assert.Contains("torn", diagnostic.Message);
    }

    [Fact]
    public void Parse_later_line_for_an_address_supersedes_the_earlier_one()
    {
        const string text =
            "1000 52:54:00:aa:bb:01 10.77.0.100 old *\n" +
            "2000 52:54:00:aa:bb:02 10.77.0.101 other *\n" +
            "3000 52:54:00:aa:bb:03 10.77.0.100 new *\n";

        var result = LeaseFile.Parse(text, "leases");

        Assert.Equal(["other", "new"], result.Leases.Select(l => l.HostName));
    }

    [Fact]
    public void Parse_keeps_DUID_line_and_DHCP6_leases_verbatim()
    {
        const string text =
            "0 52:54:00:aa:bb:01 10.77.0.20 box *\n" +
            "duid 00:01:00:01:2c:5f:7a:10:52:54:00:12:34:56\n" +
            "1732473600 1234 fd00::20 box 00:01:00:01:aa\n";

        var result = LeaseFile.Parse(text, "leases");

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Leases);
        Assert.Equal("duid 00:01:00:01:2c:5f:7a:10:52:54:00:12:34:56", result.DuidLine);
        Assert.Equal(["1732473600 1234 fd00::20 box 00:01:00:01:aa"], result.Dhcp6Lines);
        var written = new StringWriter();
        LeaseFile.Write(written, result.Leases, result.DuidLine, result.Dhcp6Lines);
        Assert.Equal(text, written.ToString());
    }

    [Fact]
    public void Read_missing_file_is_empty_without_error()
    {
        var result = LeaseFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "none.leases"));
        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Active_drops_expired_but_keeps_infinite()
    {
        var result = LeaseFile.Parse(DnsmasqFile, "leases");
        var now = DateTimeOffset.FromUnixTimeSeconds(1732473650);
        Assert.Equal(["10.77.0.20", "10.77.0.140"], result.Active(now).Select(l => l.Address.ToString()));
    }

    [Fact]
    public void Format_line_an_expired_lease_never_becomes_infinite()
    {
        var lease = new DhcpLease(IPAddress.Parse("10.0.0.1"), "52:54:00:00:00:01", null, null, DateTimeOffset.UnixEpoch);
        Assert.StartsWith("1 ", LeaseFile.FormatLine(lease));
    }
}
