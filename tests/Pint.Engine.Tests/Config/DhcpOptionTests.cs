using System.Net;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class DhcpOptionTests
{
    [Theory]
    [InlineData("45m", 45 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("1d", 86400)]
    [InlineData("1w", 604800)]
    [InlineData("90s", 90)]
    [InlineData("3600", 3600)]
    [InlineData("1H", 3600)]
    public void Range_lease_times(string lease, int seconds)
    {
        var range = Assert.Single(ConfigAssert.Clean($"dhcp-range=10.0.0.10,10.0.0.99,{lease}").Dhcp.Ranges);
        Assert.Equal(TimeSpan.FromSeconds(seconds), range.LeaseTime);
    }

    [Fact]
    public void Range_forms()
    {
        var ranges = ConfigAssert.Clean("""
            dhcp-range=192.168.0.50,192.168.0.150,12h
            dhcp-range=tag:lan,set:guest,10.1.0.10,10.1.0.20,255.255.255.0,10.1.0.255,infinite
            dhcp-range=10.2.0.0,static
            dhcp-range=10.3.0.1,10.3.0.9
            """).Dhcp.Ranges;
        Assert.Equal((IPAddress.Parse("192.168.0.50"), IPAddress.Parse("192.168.0.150")), (ranges[0].Start, ranges[0].End));
        Assert.Equal(["lan"], ranges[1].Tags);
        Assert.Equal("guest", ranges[1].SetTag);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), ranges[1].Netmask);
        Assert.Equal(IPAddress.Parse("10.1.0.255"), ranges[1].Broadcast);
        Assert.Equal(Timeout.InfiniteTimeSpan, ranges[1].LeaseTime);
        Assert.True(ranges[2].IsStatic);
        Assert.Equal(ranges[2].Start, ranges[2].End);
        Assert.Null(ranges[3].LeaseTime);
        Assert.Equal(TimeSpan.FromHours(1), ranges[3].EffectiveLeaseTime);
        Assert.Equal(4, ranges[3].Source.Line);
    }

    [Theory]
    [InlineData("dhcp-range=fd00::10,fd00::ff,48", "prefix length must be at least 64")]
    [InlineData("dhcp-range=fd00::10", "needs an end address or a mode")]
    [InlineData("dhcp-range=10.0.0.1,10.0.0.9,5x", "bad field '5x'")]
    [InlineData("dhcp-range=10.0.0.300,10.0.0.9", "bad start address '10.0.0.300'")]
    [InlineData("dhcp-range=10.0.0.9,10.0.0.1", "start address 10.0.0.9 is after end address 10.0.0.1")]
    [InlineData("dhcp-range=10.0.0.1", "missing end address")]
    [InlineData("dhcp-range=10.0.0.1,10.0.1.9,255.255.255.0", "not in the same subnet")]
    [InlineData("dhcp-range=10.0.0.1,10.0.0.9,255.0.255.0", "bad netmask")]
    [InlineData("dhcp-range=10.0.0.1,proxy", "range mode 'proxy' is not supported yet")]
    public void Range_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Host_fields_are_recognised_by_form_not_position()
    {
        var hosts = ConfigAssert.Clean("""
            dhcp-host=00:11:22:33:44:55,192.168.0.60
            dhcp-host=laptop,192.168.0.61,45m
            dhcp-host=11:22:33:44:55:66,12:34:56:78:90:12,192.168.0.62,both
            dhcp-host=id:01:02:03:04,set:red,tag:known,[fd00::5],printer,infinite
            dhcp-host=00:20:e0:3b:13:af,ignore
            dhcp-host=1-*:*:*:*:*:0a,id:*,192.168.0.63
            dhcp-host=192.168.0.64,AA:BB:CC:DD:EE:FF,12h,named
            """).Dhcp.Hosts;
        Assert.Equal(["00:11:22:33:44:55"], hosts[0].HardwareAddresses);
        Assert.Equal(IPAddress.Parse("192.168.0.60"), hosts[0].Address);
        Assert.Equal(("laptop", TimeSpan.FromMinutes(45)), (hosts[1].HostName, hosts[1].LeaseTime!.Value));
        Assert.Equal(2, hosts[2].HardwareAddresses.Count);
        Assert.Equal("01:02:03:04", hosts[3].ClientId);
        Assert.Equal(["red"], hosts[3].SetTags);
        Assert.Equal(["known"], hosts[3].Tags);
        Assert.Equal(IPAddress.Parse("fd00::5"), hosts[3].IPv6Address);
        Assert.Equal(Timeout.InfiniteTimeSpan, hosts[3].LeaseTime);
        Assert.True(hosts[4].Ignore);
        Assert.Equal(["1-*:*:*:*:*:0a"], hosts[5].HardwareAddresses);
        Assert.Equal("*", hosts[5].ClientId);
        Assert.Equal(("named", "aa:bb:cc:dd:ee:ff", TimeSpan.FromHours(12)), (hosts[6].HostName, hosts[6].HardwareAddresses[0], hosts[6].LeaseTime!.Value));
    }

    [Theory]
    [InlineData("dhcp-host=zz:bb,host", "bad hardware address 'zz:bb'")]
    [InlineData("dhcp-host=aa:bb:cc:dd:ee:ff,one,two", "more than one hostname")]
    [InlineData("dhcp-host=aa:bb:cc:dd:ee:ff,bad_host!", "bad hostname 'bad_host!'")]
    [InlineData("dhcp-host=aa:bb:cc:dd:ee:ff,[nope]", "bad IPv6 address '[nope]'")]
    [InlineData("dhcp-host=ignore", "nothing to match")]
    public void Host_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Theory]
    [InlineData("dhcp-host=aa:bb:cc:dd:ee:fff,host", "bad hardware address 'aa:bb:cc:dd:ee:fff'")]
    [InlineData("dhcp-host=1234-aa:bb,host", "bad hardware address '1234-aa:bb'")]
    [InlineData("dhcp-host=x-aa:bb,host", "bad hardware address 'x-aa:bb'")]
    [InlineData("dhcp-host=aa::bb,host", "bad hardware address 'aa::bb'")]
    [InlineData("dhcp-host=aa:bb:,host", "bad hardware address 'aa:bb:'")]
    [InlineData("dhcp-host=0:1:2:3:4:5:6:7:8:9:a:b:c:d:e:f:10,host", "bad hardware address '0:1:2:3:4:5:6:7:8:9:a:b:c:d:e:f:10'")]
    public void Host_hardware_addresses_are_one_or_two_hex_digits_per_byte_and_at_most_16_bytes(string line, string wording) =>
        ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Host_hardware_address_of_16_bytes_with_a_type_is_accepted()
    {
        var hosts = ConfigAssert.Clean("dhcp-host=255-0:1:2:3:4:5:6:7:8:9:a:b:c:d:e:f,host").Dhcp.Hosts;
        Assert.Equal(["255-0:1:2:3:4:5:6:7:8:9:a:b:c:d:e:f"], hosts[0].HardwareAddresses);
    }

    [Fact]
    public void Dhcp_option_forms()
    {
        var options = ConfigAssert.Clean("""
            dhcp-option=3,192.168.0.1
            dhcp-option=option:router,192.168.0.1
            dhcp-option=option:dns-server,192.168.0.2,192.168.0.3
            dhcp-option=tag:red,tag:!known,option:ntp-server,192.168.0.4
            dhcp-option=encap:175,190,iscsi-client0
            dhcp-option=vi-encap:2,10,text
            dhcp-option=vendor:MSFT,2,1i
            dhcp-option-force=208,f1:00:74:7e
            dhcp-option=option:classless-static-route,10.0.0.0/8,192.168.0.1
            dhcp-option=252,"\n"
            dhcp-option=option:T1,1m
            """).Dhcp.Options;
        Assert.Equal((3, "192.168.0.1"), (options[0].Number, options[0].Values[0]));
        Assert.Equal(3, options[1].Number);
        Assert.Equal((6, 2), (options[2].Number, options[2].Values.Count));
        Assert.Equal(["red", "!known"], options[3].Tags);
        Assert.Equal(42, options[3].Number);
        Assert.Equal((175, 190), (options[4].Encapsulation!.Value, options[4].Number));
        Assert.Equal(2, options[5].VendorEncapsulation);
        Assert.Equal("MSFT", options[6].VendorClass);
        Assert.True(options[7].Force);
        Assert.Equal(121, options[8].Number);
        Assert.Equal(["\n"], options[9].Values);
        Assert.Equal(58, options[10].Number);
    }

    [Fact]
    public void Every_dnsmasq_option_name_maps_to_its_number()
    {
        Assert.Equal(61, DhcpOptionNames.All.Count);
        Assert.True(DhcpOptionNames.TryGetNumber("domain-search", out var n) && n == 119);
        Assert.True(DhcpOptionNames.TryGetNumber("TFTP-SERVER", out n) && n == 66);
        Assert.True(DhcpOptionNames.TryGetNumber("bootfile-name", out n) && n == 67);
        Assert.Equal("netmask", DhcpOptionNames.NameOf(1));
    }

    [Theory]
    [InlineData("dhcp-option=router,192.168.0.1", "write names as option:router")]
    [InlineData("dhcp-option=option:nope,1", "bad option 'option:nope'")]
    [InlineData("dhcp-option=300,1", "bad option '300'")]
    [InlineData("dhcp-option=option6:dns-server,fd00::zz", "bad IPv6 address 'fd00::zz'")]
    [InlineData("dhcp-option=tag:x", "missing option number")]
    [InlineData("dhcp-match=option:router", "expected set:tag first, found 'option:router'")]
    [InlineData("dhcp-match=set:x", "missing option number")]
    [InlineData("tag-if=tag:a", "missing set:tag")]
    [InlineData("tag-if=set:a,bogus", "bad field 'bogus'")]
    [InlineData("dhcp-boot=tag:x", "missing boot file name")]
    [InlineData("dhcp-boot=pxelinux.0,server,not an ip", "bad server address 'not an ip'")]
    [InlineData("dhcp-lease-max=many", "bad number 'many'")]
    public void Option_match_tag_boot_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Fact]
    public void Match_tag_if_boot_and_scalars()
    {
        var dhcp = ConfigAssert.Clean("""
            dhcp-match=set:efi-x86_64,option:client-arch,7
            dhcp-match=set:ipxe,175
            dhcp-match=set:intel,vi-encap:343
            tag-if=set:a,set:b,tag:c,tag:!d
            dhcp-boot=pxelinux.0
            dhcp-boot=tag:efi,grubx64.efi,boothost,192.168.0.3
            dhcp-leasefile=/var/lib/misc/dnsmasq.leases
            dhcp-authoritative
            dhcp-lease-max=150
            no-ping
            log-dhcp
            quiet-dhcp
            """).Dhcp;
        Assert.Equal(("efi-x86_64", 93, "7"), (dhcp.Matches[0].SetTag, dhcp.Matches[0].OptionNumber, dhcp.Matches[0].Value));
        Assert.Equal(175, dhcp.Matches[1].OptionNumber);
        Assert.Equal(343, dhcp.Matches[2].VendorEncapsulation);
        Assert.Equal(["a", "b"], dhcp.TagIfs[0].SetTags);
        Assert.Equal(["c", "!d"], dhcp.TagIfs[0].IfTags);
        Assert.Equal("pxelinux.0", dhcp.Boots[0].FileName);
        Assert.Equal(("grubx64.efi", "boothost", IPAddress.Parse("192.168.0.3")), (dhcp.Boots[1].FileName, dhcp.Boots[1].ServerName, dhcp.Boots[1].ServerAddress));
        Assert.Equal("/var/lib/misc/dnsmasq.leases", dhcp.LeaseFile);
        Assert.True(dhcp.Authoritative && dhcp.NoPing && dhcp.LogDhcp && dhcp.QuietDhcp);
        Assert.Equal(150, dhcp.LeaseMax);
    }

    [Fact]
    public void Dhcp_defaults_are_dnsmasqs()
    {
        var dhcp = ConfigAssert.Clean("").Dhcp;
        Assert.Equal(1000, dhcp.LeaseMax);
        Assert.False(dhcp.Enabled);
    }

    [Fact]
    public void Formatter_output_parses_back_to_the_same_host()
    {
        var original = Assert.Single(ConfigAssert.Clean("dhcp-host=aa:bb:cc:dd:ee:ff,id:01:aa,set:x,tag:y,10.0.0.5,box,90m,ignore").Dhcp.Hosts);
        var value = DnsmasqValue.DhcpHost(original);
        Assert.Equal("aa:bb:cc:dd:ee:ff,id:01:aa,set:x,tag:y,10.0.0.5,box,90m,ignore", value);
        var again = Assert.Single(ConfigAssert.Clean("dhcp-host=" + value).Dhcp.Hosts);
        Assert.Equal(original with { Source = again.Source, HardwareAddresses = again.HardwareAddresses, SetTags = again.SetTags, Tags = again.Tags }, again);
    }

    [Theory]
    [InlineData("tag:lan,set:guest,10.1.0.10,10.1.0.20,255.255.255.0,10.1.0.255,infinite")]
    [InlineData("10.2.0.0,static,255.255.0.0,90m")]
    [InlineData("192.168.0.50,192.168.0.150,3601")]
    public void Range_formatter_output_parses_back_to_the_same_text(string value)
    {
        var range = Assert.Single(ConfigAssert.Clean("dhcp-range=" + value).Dhcp.Ranges);
        Assert.Equal(value, DnsmasqValue.DhcpRange(range));
    }
}
