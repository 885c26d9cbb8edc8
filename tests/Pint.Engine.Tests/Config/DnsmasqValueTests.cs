using System.Net;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>The one writer of dnsmasq value syntax: what it writes is what dnsmasq (and Pint's loader) read back.</summary>
public class DnsmasqValueTests
{
    [Fact]
    public void Fields_are_joined_with_commas_skipping_what_is_not_given() =>
        Assert.Equal("tag:lab,mail.corp.example,10,1234", new DnsmasqValue().Tags(["lab"]).Add("mail.corp.example").Add((string?)null).Add(10).Add(1234).ToString());

    [Fact]
    public void A_field_with_a_comma_is_refused_because_dnsmasq_would_read_two_fields()
    {
        var e = Assert.Throws<ArgumentException>(() => DnsmasqValue.Of("name", "a,b"));
        Assert.Contains("'a,b' holds a comma", e.Message);
    }

    [Fact]
    public void A_host_record_with_names_addresses_and_ttl_loads_back_as_written()
    {
        var value = DnsmasqValue.HostRecord(["nas", "nas.lab.test"], [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], 300);
        Assert.Equal("nas,nas.lab.test,10.0.0.5,fd00::5,300", value);
        var loaded = ConfigLoader.LoadText("host-record=" + value + "\n", "pint.conf");
        Assert.Empty(loaded.Diagnostics);
        var record = Assert.Single(loaded.Config.Dns.HostRecords);
        Assert.Equal(["nas", "nas.lab.test"], record.Names);
        Assert.Equal((IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5"), 300), (record.IPv4, record.IPv6, record.Ttl));
    }

    [Theory]
    [InlineData("/corp.example/10.0.0.53", 53, "corp.example")]
    [InlineData("10.0.0.53#5353", 5353, null)]
    public void A_server_line_leaves_out_port_53(string expected, int port, string? domain) =>
        Assert.Equal(expected, DnsmasqValue.Server(IPAddress.Parse("10.0.0.53"), port, domain is null ? [] : [domain]));
}
