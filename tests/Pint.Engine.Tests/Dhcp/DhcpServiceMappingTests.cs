using System.Net;
using Pint.Engine.Config;
using DhcpOptionCode = Pint.Engine.Dhcp.Wire.DhcpOptionCode;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Wire;
using Pint.Engine.Hosting;
using Xunit;
using Pint.Engine.Dhcp;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>dnsmasq config text -> DhcpServerOptions -> what a client is offered.</summary>
public class DhcpServiceMappingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly DhcpReceiveContext Lan = new(IPAddress.Parse("10.77.0.1"), 24, "veth0");

    private static DhcpServerOptions Map(string text)
    {
        var loaded = ConfigLoader.LoadText(text, "test.conf");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return DhcpSetup.Build(loaded.Config).Options!;
    }

    private static DhcpTestReply Offer(DhcpServerOptions options, DhcpTestPackets client) =>
        DhcpTestReply.Read(new DhcpResponder(options, LeaseStore.InMemory()).Respond(client.Discover(), Lan, Now).Reply!);

    [Fact]
    public void Configured_options_reach_the_client_encoded_by_type()
    {
        var options = Map("""
            dhcp-range=10.77.0.100,10.77.0.150,255.255.255.0,12h
            domain=lab.test
            dhcp-option=option:router,10.77.0.254
            dhcp-option=option:ntp-server,10.77.0.7,10.77.0.8
            dhcp-option=option:domain-search,lab.test,corp.lab.test
            dhcp-option=26,1400
            """);
        var client = new DhcpTestPackets("52:54:00:00:00:31") { ParameterRequestList = [1, 3, 6, 15, 26, 42, 119] };
        var offer = Offer(options, client);
        Assert.Equal(DhcpMessageType.Offer, offer.Type);
        Assert.Equal(IPAddress.Parse("10.77.0.254"), offer.AddressOption(DhcpOptionCode.Router));
        Assert.Equal(new byte[] { 10, 77, 0, 7, 10, 77, 0, 8 }, offer.Option(42));
        Assert.Equal(new byte[] { 0x05, 0x78 }, offer.Option(26));
        Assert.Equal("lab.test", offer.TextOption(DhcpOptionCode.DomainName));
        Assert.Equal(new byte[] { 0, 0, 0xa8, 0xc0 }, offer.Option(DhcpOptionCode.LeaseTime));
        Assert.Equal(new byte[] { 3, (byte)'l', (byte)'a', (byte)'b', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 4, (byte)'c', (byte)'o', (byte)'r', (byte)'p', 0xc0, 0 }, offer.Option(119));
    }

    [Fact]
    public void An_empty_router_option_suppresses_the_default_router_and_zero_means_this_server()
    {
        var options = Map("""
            dhcp-range=10.77.0.100,10.77.0.150
            dhcp-option=3
            dhcp-option=option:ntp-server,0.0.0.0
            """);
        var offer = Offer(options, new DhcpTestPackets("52:54:00:00:00:32"));
        Assert.Null(offer.Option(DhcpOptionCode.Router));
        Assert.Equal(IPAddress.Parse("10.77.0.1"), offer.AddressOption(42));
    }

    [Fact]
    public void Reservations_tags_and_dns_switches_map_from_the_config()
    {
        var options = Map("""
            port=0
            dhcp-range=set:lan,10.77.0.100,10.77.0.150
            dhcp-host=52:54:00:00:00:40,10.77.0.40,printer,infinite
            dhcp-host=52:54:00:00:00:41,ignore
            dhcp-option=tag:lan,option:ntp-server,10.77.0.9
            dhcp-lease-max=50
            dhcp-authoritative
            """);
        Assert.False(options.DnsEnabled);
        Assert.True(options.Authoritative);
        Assert.Equal(50, options.LeaseMax);
        var reserved = Offer(options, new DhcpTestPackets("52:54:00:00:00:40"));
        Assert.Equal(IPAddress.Parse("10.77.0.40"), reserved.YourAddress);
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff }, reserved.Option(DhcpOptionCode.LeaseTime));
        Assert.Null(reserved.Option(DhcpOptionCode.DnsServer)); // DNS is off (port=0): no default DNS server
        Assert.Equal(IPAddress.Parse("10.77.0.9"), reserved.AddressOption(42));
        var ignored = new DhcpResponder(options, LeaseStore.InMemory()).Respond(new DhcpTestPackets("52:54:00:00:00:41").Discover(), Lan, Now);
        Assert.Null(ignored.Reply);
    }

    [Fact]
    public void A_bad_option_value_stops_the_start_naming_file_line_and_value()
    {
        var loaded = ConfigLoader.LoadText("dhcp-range=10.77.0.100,10.77.0.150\ndhcp-option=option:router,gateway.lan\n", "bad.conf");
        var setup = DhcpSetup.Build(loaded.Config);
        Assert.Null(setup.Options);
        var e = Assert.Single(setup.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("bad.conf:2", e.ToString());
        Assert.Contains("'gateway.lan'", e.Message);
    }
}
