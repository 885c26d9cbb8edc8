using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Ra;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// The RA builder, per dhcp-range mode. The expected bytes are what dnsmasq 2.90 sent for the same config on a veth
/// whose server end had fd00:77::1/64, MAC 2a:78:7a:79:96:e9, link-local fe80::2878:7aff:fe79:96e9 and MTU 1500
/// (captured with a raw socket in the client namespace; the checksum, which the kernel fills in, is zeroed).
/// </summary>
public class RouterAdvertisementTests
{
    private const string Range = "fd00:77::1000,fd00:77::13e7";
    private const string Header = "8600000040{0}07080000000000000000";
    private const string Tail = "05010000000005dc" + "01012a787a7996e9" + "190300000000a8c0fe8000000000000028787afffe7996e9";

    private static readonly RaInterface Lan = new("rsv0", [0x2a, 0x78, 0x7a, 0x79, 0x96, 0xe9], 1500, IPAddress.Parse("fe80::2878:7aff:fe79:96e9"),
        [(IPAddress.Parse("fd00:77::1"), 64), (IPAddress.Parse("fe80::2878:7aff:fe79:96e9"), 64)]);

    private static string Prefix(string flags, string lifetimes = "0000a8c00000a8c0") =>
        $"030440{flags}{lifetimes}00000000fd000077000000000000000000000000";

    private static string Build(string config, RaInterface? iface = null, Func<string, int?>? mtuOf = null)
    {
        var result = ConfigAssert.Load(config);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var buffer = new byte[1280];
        var length = RouterAdvertisementBuilder.Build(RaOptions.FromConfig(result.Config), iface ?? Lan, buffer, mtuOf);
        Assert.True(length > 0, $"nothing advertised ({length})");
        return Convert.ToHexStringLower(buffer, 0, length);
    }

    [Theory]
    // mode                                   M/O flags  prefix L/A flags
    [InlineData("fd00:77::,ra-only,64,12h", "00", "c0")]
    [InlineData(Range + ",slaac,64,12h", "c0", "c0")]
    [InlineData("fd00:77::,ra-stateless,64,12h", "40", "c0")]
    [InlineData(Range + ",64,12h", "c0", "80")]
    [InlineData(Range + ",ra-names,64,12h", "c0", "c0")]
    [InlineData("fd00:77::,slaac,64,12h", "00", "c0")]
    [InlineData("fd00:77::,ra-names,64,12h", "00", "c0")]
    [InlineData("fd00:77::,ra-stateless,ra-names,64,12h", "40", "c0")]
    [InlineData("fd00:77::,static,64,12h", "c0", "80")]
    [InlineData("fd00:77::,ra-only,off-link,64,12h", "00", "40")]
    public void Each_mode_gives_dnsmasqs_bytes(string range, string headerFlags, string prefixFlags)
    {
        var expected = string.Format(Header, headerFlags) + Prefix(prefixFlags) + Tail;
        Assert.Equal(expected, Build($"enable-ra\ndomain=lab.test\ndhcp-range={range}\n"));
    }

    [Fact]
    public void Configured_dns_servers_and_search_list_become_rdnss_and_dnssl_and_the_wildcard_server_is_left_out()
    {
        var bytes = Build("enable-ra\ndhcp-range=fd00:77::,ra-only,64,12h\ndhcp-option=option6:domain-search,lab.test,example.test\n" +
            "dhcp-option=option6:dns-server,[::],[fd00:77::53]\n");
        Assert.Equal(string.Format(Header, "00") + Prefix("c0") + "05010000000005dc01012a787a7996e9"
            + "190300000000a8c0fd000077000000000000000000000053"
            + "1f0400000000a8c0036c6162047465737400076578616d706c65047465737400", bytes);
    }

    [Fact]
    public void No_rdnss_without_dns_on_port_53_or_when_only_the_wildcard_server_is_configured()
    {
        var prefix = string.Format(Header, "00") + Prefix("c0") + "05010000000005dc01012a787a7996e9";
        Assert.Equal(prefix, Build("enable-ra\nport=0\ndhcp-range=fd00:77::,ra-only,64,12h\n"));
        Assert.Equal(prefix, Build("enable-ra\nport=5353\ndhcp-range=fd00:77::,ra-only,64,12h\n")); // clients could not be told the port
        Assert.Equal(prefix, Build("enable-ra\ndhcp-range=fd00:77::,ra-only,64,12h\ndhcp-option=option6:dns-server,[::]\n"));
    }

    [Theory]
    [InlineData("fd00:77::,ra-only", "ffffffffffffffff", "ffffffff")]         // no lease time: infinite
    [InlineData("fd00:77::,ra-only,64,deprecated", "ffffffff00000000", "ffffffff")]
    [InlineData("fd00:77::,ra-only,64,5m", "0000070800000708", "00000708")]  // at least 3 x 600 s
    [InlineData(Range + ",64,45m", "00000a8c00000a8c", "00000a8c")]
    [InlineData("fd00:77::,ra-only,64,7d", "00093a8000093a80", "00093a80")]
    public void Lifetimes_follow_the_lease_time(string range, string prefixLifetimes, string dnsLifetime)
    {
        var bytes = Build($"enable-ra\ndhcp-range={range}\n");
        Assert.Contains($"fd000077000000000000000000000000", bytes);
        Assert.Equal(prefixLifetimes, bytes[(32 + 8)..(32 + 24)]);
        Assert.Contains($"19030000{dnsLifetime}fe80", bytes);
    }

    [Fact]
    public void Two_ranges_on_one_prefix_make_one_option_with_both_flags_and_the_shorter_lifetime()
    {
        var bytes = Build($"enable-ra\ndhcp-range=fd00:77::,ra-only,64,12h\ndhcp-range={Range},64,1h\n");
        Assert.Equal(string.Format(Header, "c0") + Prefix("c0", "00000e1000000e10") + "05010000000005dc01012a787a7996e9"
            + "19030000" + "00000e10" + "fe8000000000000028787afffe7996e9", bytes);
    }

    [Fact]
    public void Ra_advrouter_sends_the_router_address_with_the_R_flag_and_the_interval()
    {
        var bytes = Build("enable-ra\ndhcp-range=fd00:77::,ra-only,ra-advrouter,64,12h\n");
        Assert.StartsWith(string.Format(Header, "00") + "030440e00000a8c00000a8c000000000fd000077000000000000000000000001" + "07010000000927c0"
            + "05010000000005dc", bytes);
    }

    [Theory]
    // ra-param                    flags  router lifetime  prefix valid (5m lease: at least 3 intervals)  MTU option
    [InlineData("rsv0,mtu:1280,high,60,900", "08", "0384", "0000012c", "00000500")]
    [InlineData("rsv*,low,30", "18", "005a", "0000012c", "000005dc")]
    [InlineData("rsv0,0,0", "00", "0000", "00000708", "000005dc")]
    [InlineData("rsv0,3600", "00", "1518", "00001518", "000005dc")]     // interval at most 1800
    [InlineData("rsv0,60,70000", "00", "2328", "0000012c", "000005dc")] // router lifetime at most 9000
    [InlineData("other,high,60", "00", "0708", "00000708", "000005dc")] // another interface's line
    public void Ra_param_sets_preference_router_lifetime_and_mtu(string param, string flags, string lifetime, string valid, string mtu)
    {
        var bytes = Build($"enable-ra\nra-param={param}\ndhcp-range=fd00:77::,ra-only,64,5m\n");
        Assert.Equal($"8600000040{flags}{lifetime}", bytes[..16]);
        Assert.Equal(valid + valid, bytes[(32 + 8)..(32 + 24)]);
        Assert.Equal("05010000" + mtu, bytes[96..112]);
    }

    [Fact]
    public void Ra_param_mtu_off_leaves_the_mtu_option_out_and_mtu_interface_uses_that_interfaces_mtu()
    {
        var off = Build("enable-ra\nra-param=rsv0,mtu:off,0,0\ndhcp-range=fd00:77::,ra-only,64,12h\n");
        Assert.Equal("8600000040000000" + "0000000000000000" + Prefix("c0") + "01012a787a7996e9" + "190300000000a8c0fe8000000000000028787afffe7996e9", off);
        var lo = Build("enable-ra\nra-param=rsv0,mtu:lo,10\ndhcp-range=fd00:77::,ra-only,64,12h\n", mtuOf: n => n == "lo" ? 65536 : null);
        Assert.Contains("0501000000010000", lo);
        Assert.Equal("001e", lo[12..16]);
        var unknown = Build("enable-ra\nra-param=rsv0,mtu:abc,60\ndhcp-range=fd00:77::,ra-only,64,12h\n", mtuOf: _ => null);
        Assert.Equal("0101", unknown[96..100]); // the link-layer address follows the prefix at once
    }

    [Fact]
    public void Nothing_is_advertised_on_an_interface_without_an_address_on_the_prefix()
    {
        var result = ConfigAssert.Load("enable-ra\ndhcp-range=fd00:99::,ra-only\n");
        Assert.Null(RaOptions.FromConfig(result.Config).Plan(Lan));
    }

    [Fact]
    public void Constructor_ranges_take_the_prefix_from_the_interface()
    {
        var bytes = Build("enable-ra\ndhcp-range=::,constructor:rsv*,ra-only,64,12h\n");
        Assert.Contains(Prefix("c0"), bytes);
    }

    [Fact]
    public void Ras_are_enabled_by_enable_ra_or_by_an_ra_mode()
    {
        bool Enabled(string text) => RaOptions.IsEnabled(ConfigAssert.Load(text).Config);
        Assert.False(Enabled($"dhcp-range={Range}\n"));
        Assert.True(Enabled($"enable-ra\ndhcp-range={Range}\n"));
        Assert.False(Enabled("enable-ra\n"));
        foreach (var mode in new[] { "ra-only", "slaac", "ra-names", "ra-stateless" })
            Assert.True(Enabled($"dhcp-range=fd00:77::,{mode}\n"), mode);
    }

    [Fact]
    public void Ra_param_lines_are_parsed()
    {
        var dhcp = ConfigAssert.Clean("ra-param=eth0,mtu:1280,low,60,1200\nra-param=br*,HIGH,0\nra-param=eth1\nra-param=eth2,mtu:wan0,60\nra-param=eth3,mtu:off,30,\nquiet-ra\n").Dhcp;
        Assert.Equal(new RaParam("eth0", 1280, null, false, RaPreference.Low, 60, 1200, dhcp.RaParams[0].Source), dhcp.RaParams[0]);
        Assert.Equal((RaPreference.High, 0, (int?)null), (dhcp.RaParams[1].Preference, dhcp.RaParams[1].Interval, dhcp.RaParams[1].RouterLifetime));
        Assert.Equal(("eth1", 0), (dhcp.RaParams[2].Interface, dhcp.RaParams[2].Interval));
        Assert.Equal("wan0", dhcp.RaParams[3].MtuInterface);
        Assert.True(dhcp.RaParams[4].MtuOff);
        Assert.True(dhcp.QuietRa);
        Assert.True(ConfigAssert.Clean("enable-ra\n").Dhcp.EnableRa);
    }

    [Theory]
    [InlineData("ra-param=eth0,high", "interval")]
    [InlineData("ra-param=eth0,abc", "interval 'abc'")]
    [InlineData("ra-param=eth0,mtu:100,60", "at least 1280")]
    [InlineData("ra-param=eth0,mtu:1400", "interval")]
    [InlineData("ra-param=eth0,60,abc", "router lifetime 'abc'")]
    [InlineData("ra-param=eth0,60,10,5", "unexpected '5'")]
    [InlineData("ra-param=eth0,medium,60", "interval 'medium'")]
    [InlineData("ra-param=eth0,low,mtu:1400,60", "interval 'mtu:1400'")]
    [InlineData("ra-param=eth0,60,-5", "router lifetime '-5'")]
    [InlineData("ra-param=eth0,mtu:,60", "empty mtu:")]
    public void Bad_ra_param_lines_are_refused_naming_the_line(string line, string wording) => ConfigAssert.SingleError(line, wording);

    [Theory]
    [InlineData("8500000000000000", "fe80::1", true)]
    [InlineData("85000000000000000101525400000001", "fe80::1", true)]
    [InlineData("85000000000000000101525400000001", "::", false)]   // SLLA from the unspecified address
    [InlineData("850000000000", "fe80::1", false)]                  // short
    [InlineData("8501000000000000", "fe80::1", false)]              // code 1
    [InlineData("85000000000000000100525400000001", "fe80::1", false)] // zero-length option
    [InlineData("85000000000000000102525400000001", "fe80::1", false)] // option past the end
    [InlineData("850000000000000001", "fe80::1", false)]            // truncated option header
    public void Solicitations_are_checked(string hex, string from, bool valid) =>
        Assert.Equal(valid, RaServer.IsValidSolicitation(Convert.FromHexString(hex), IPAddress.Parse(from)));
}
