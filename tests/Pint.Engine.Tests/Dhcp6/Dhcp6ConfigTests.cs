using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Options;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

public class Dhcp6ConfigTests
{
    [Fact]
    public void Stateful_ranges_with_prefix_and_lease()
    {
        var dhcp = ConfigAssert.Clean("""
            dhcp-range=1234::2, 1234::500, 64, 12h
            dhcp-range=tag:lan,set:v6,fd00::10,fd00::ff
            dhcp-range=fd00:1::10,fd00:1::ff,3600
            dhcp-range=::1,::400,constructor:eth*,112,1d
            dhcp-range=fd00:2::10,fd00:2::ff,64,deprecated
            dhcp-range=::,static
            """).Dhcp;
        Assert.Empty(dhcp.Ranges);
        Assert.False(dhcp.Enabled);
        Assert.True(dhcp.Enabled6);
        var r = dhcp.Ranges6;
        Assert.Equal((IPAddress.Parse("1234::2"), IPAddress.Parse("1234::500"), 64, TimeSpan.FromHours(12)), (r[0].Start, r[0].End!, r[0].PrefixLength, r[0].LeaseTime!.Value));
        Assert.True(r[0].IsStateful);
        Assert.Equal("v6", r[1].SetTag);
        Assert.Equal(["lan"], r[1].Tags);
        Assert.Equal(TimeSpan.FromDays(1), r[1].EffectiveLeaseTime);
        Assert.Equal(TimeSpan.FromHours(1), r[2].LeaseTime);
        Assert.Equal(64, r[2].PrefixLength);
        Assert.Equal(("eth*", 112), (r[3].ConstructorInterface, r[3].PrefixLength));
        Assert.True(r[4].Deprecated);
        Assert.True(r[5].IsStatic);
        Assert.False(r[5].IsStateful);
        Assert.Equal(6, r[5].Source.Line);
    }

    [Fact]
    public void The_example_configs_IPv6_lines_are_accepted()
    {
        var result = ConfigAssert.Load("""
            dhcp-range=1234::2, 1234::500, 64, 12h
            dhcp-range=1234::, ra-only
            dhcp-range=1234::, ra-names
            dhcp-range=1234::, ra-only, 48h
            dhcp-range=1234::2, 1234::500, slaac
            dhcp-range=1234::, ra-stateless
            dhcp-range=1234::, ra-stateless, ra-names
            dhcp-option=option6:dns-server,[1234::77],[1234::88]
            dhcp-option=option6:dns-server,[::],[1234::88]
            dhcp-option=option6:information-refresh-time,6h
            """);
        // Every RA mode is acted on, ra-names too (SLAAC hosts named in DNS): no diagnostic at all.
        Assert.Empty(result.Diagnostics);
        var r = result.Config.Dhcp.Ranges6;
        Assert.Equal(7, r.Count);
        Assert.Equal(DhcpRange6Modes.RaOnly, r[1].Modes);
        Assert.Equal(TimeSpan.FromHours(48), r[3].LeaseTime);
        Assert.Equal(DhcpRange6Modes.Slaac, r[4].Modes);
        Assert.True(r[4].IsStateful);
        Assert.Equal(DhcpRange6Modes.RaStateless | DhcpRange6Modes.RaNames, r[6].Modes);
        Assert.False(r[6].IsStateful);
        Assert.Equal(3, result.Config.Dhcp.Options6.Count);
    }

    [Theory]
    [InlineData("dhcp-range=fd00::10,fd00::ff,48", "prefix length must be at least 64")]
    [InlineData("dhcp-range=fd00::10", "needs an end address or a mode")]
    [InlineData("dhcp-range=fd00::1:10,fd00::2:ff,112", "inconsistent DHCPv6 range")]
    [InlineData("dhcp-range=fd00::ff,fd00::10", "start address fd00::ff is after end address fd00::10")]
    [InlineData("dhcp-range=fd00::10,fd00::ff,bogus", "bad field 'bogus'")]
    [InlineData("dhcp-range=fd00::10,fd00::ff,12h,64", "unexpected '64' after the lease time")]
    [InlineData("dhcp-range=fd00::10,constructor:,ra-only", "missing interface name")]
    [InlineData("dhcp-range=fd00::10,fd00::ff,proxy", "IPv4 only")]
    [InlineData("dhcp-option=option6:nope,1", "bad option 'option6:nope'")]
    [InlineData("dhcp-option=option6:1,00:01", "set by the server itself")]
    [InlineData("dhcp-option=option6:dns-server", "expected one or more IPv6 addresses")]
    [InlineData("dhcp-option=option6:dns-server,10.0.0.1", "bad IPv6 address '10.0.0.1'")]
    [InlineData("dhcp-option=option6:domain-search,bad..name", "bad domain name")]
    [InlineData("dhcp-option=option6:information-refresh-time,soon", "expected one time")]
    [InlineData("dhcp-option=vendor:x,option6:23,[::]", "not supported with option6")]
    public void Errors_name_the_line(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Option6_values_encode_by_kind()
    {
        var o = ConfigAssert.Clean("""
            dhcp-option=option6:dns-server,[::],[fd00::53]
            dhcp-option=option6:domain-search,lab.test,example.test
            dhcp-option=option6:ntp-server,[fd00::123],ntp.lab.test
            dhcp-option=option6:sntp-server,[fd00::124]
            dhcp-option=option6:information-refresh-time,6h
            dhcp-option=tag:x,option6:24,other.test
            dhcp-option=option6:1000,01:02:ff
            dhcp-option-force=option6:bootfile-url,tftp://[fd00::1]/boot.efi
            """).Dhcp.Options6;
        Assert.Equal([23, 24, 56, 31, 32, 24, 1000, 59], o.Select(x => x.Number));
        Assert.True(o[7].Force);
        Assert.Equal(["x"], o[5].Tags);

        Assert.True(Dhcp6OptionEncoder.TryEncode(23, o[0].Values, out var dns, out var slots, out _));
        Assert.Equal(32, dns.Length);
        Assert.Equal([0], slots);
        Assert.Equal(IPAddress.Parse("fd00::53"), new IPAddress(dns.AsSpan(16, 16)));

        Assert.True(Dhcp6OptionEncoder.TryEncode(24, o[1].Values, out var search, out _, out _));
        Assert.Equal("036c61620474657374" + "00" + "076578616d706c650474657374" + "00", Convert.ToHexStringLower(search));

        Assert.True(Dhcp6OptionEncoder.TryEncode(56, o[2].Values, out var ntp, out _, out _));
        Assert.Equal([0, 1, 0, 16], ntp[..4]);
        Assert.Equal([0, 3], ntp[20..22]);

        Assert.True(Dhcp6OptionEncoder.TryEncode(32, o[4].Values, out var refresh, out _, out _));
        Assert.Equal("00005460", Convert.ToHexStringLower(refresh));

        Assert.True(Dhcp6OptionEncoder.TryEncode(1000, o[6].Values, out var raw, out _, out _));
        Assert.Equal([1, 2, 255], raw);
    }

    [Fact]
    public void Hosts_keep_IPv6_reservations_and_DUIDs()
    {
        var hosts = ConfigAssert.Clean("""
            dhcp-host=id:00:01:00:01:16:d2:83:fc:92:d4:19:e2:d8:b2,fred,[1234::5]
            dhcp-host=laptop,[::beef],[fd00::beef],1h
            """).Dhcp.Hosts;
        Assert.Equal("00:01:00:01:16:d2:83:fc:92:d4:19:e2:d8:b2", hosts[0].ClientId);
        Assert.Equal([IPAddress.Parse("1234::5")], hosts[0].IPv6Addresses);
        Assert.Equal([IPAddress.Parse("::beef"), IPAddress.Parse("fd00::beef")], hosts[1].IPv6Addresses);
        Assert.Equal(IPAddress.Parse("::beef"), hosts[1].IPv6Address);
        var reservation = Pint.Engine.Dhcp6.Protocol.Dhcp6HostReservation.From(hosts[0]);
        Assert.NotNull(reservation);
        Assert.Equal(14, reservation!.ClientId!.Length);
    }
}
