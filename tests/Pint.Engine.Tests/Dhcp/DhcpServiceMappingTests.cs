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

    private const string ClassRange = "dhcp-range=10.77.0.100,10.77.0.150,12h\n";

    private static DhcpDecision Decide(DhcpServerOptions options, DhcpTestPackets client) =>
        new DhcpResponder(options, LeaseStore.InMemory()).Respond(client.Discover(), Lan, Now);

    [Fact]
    public void Dhcp_vendorclass_and_userclass_tag_clients_whose_class_contains_the_string()
    {
        var options = Map(ClassRange + "dhcp-vendorclass=set:pxe,PXEClient\ndhcp-userclass=set:acct,accounts\n" +
            "dhcp-option=tag:pxe,option:domain-name,pxe.test\ndhcp-option=tag:acct,option:ntp-server,10.77.0.5\n");
        var pxe = new DhcpTestPackets("52:54:00:cc:00:01");
        pxe.ExtraOptions.Add((60, "PXEClient:Arch:00000:UNDI:002001"u8.ToArray()));
        var accounts = new DhcpTestPackets("52:54:00:cc:00:02") { ParameterRequestList = [1, 3, 6, 15, 42] };
        accounts.ExtraOptions.Add((77, "\u0008accounts"u8.ToArray())); // RFC 3004: length-prefixed user classes
        var plain = new DhcpTestPackets("52:54:00:cc:00:03") { ParameterRequestList = [1, 3, 6, 15, 42] };
        plain.ExtraOptions.Add((60, "MSFT 5.0"u8.ToArray()));

        Assert.Equal("pxe.test", System.Text.Encoding.ASCII.GetString(Offer(options, pxe).Option(DhcpOptionCode.DomainName)!));
        Assert.NotNull(Offer(options, accounts).Option((byte)42));
        var other = Offer(options, plain);
        Assert.Null(other.Option(DhcpOptionCode.DomainName));
        Assert.Null(other.Option((byte)42));
    }

    [Fact]
    public void Dhcp_mac_tags_clients_by_hardware_address_pattern()
    {
        var options = Map(ClassRange + "dhcp-mac=set:vm,52:54:00:*:*:*\ndhcp-option=tag:vm,option:domain-name,vm.test\n");
        Assert.Equal("vm.test", System.Text.Encoding.ASCII.GetString(Offer(options, new DhcpTestPackets("52:54:00:cc:00:01")).Option(DhcpOptionCode.DomainName)!));
        Assert.Null(Offer(options, new DhcpTestPackets("00:11:22:cc:00:01")).Option(DhcpOptionCode.DomainName));
    }

    [Fact]
    public void Dhcp_ignore_with_not_known_answers_only_reserved_clients()
    {
        var options = Map(ClassRange + "dhcp-host=52:54:00:cc:00:09,10.77.0.120\ndhcp-ignore=tag:!known\n");
        Assert.Equal(IPAddress.Parse("10.77.0.120"), Offer(options, new DhcpTestPackets("52:54:00:cc:00:09")).YourAddress);
        var stranger = Decide(options, new DhcpTestPackets("52:54:00:cc:00:0a"));
        Assert.Null(stranger.Reply);
        Assert.Equal(DhcpDropReason.HostIgnored, stranger.DropReason);
    }

    [Theory]
    [InlineData("dhcp-vendorclass=PXEClient", "dhcp-vendorclass: expected")]
    [InlineData("dhcp-mac=set:x,not-a-mac", "not a hardware address pattern")]
    [InlineData("dhcp-ignore=known", "expected only tag:NAME fields")]
    public void Bad_class_mac_and_ignore_lines_are_errors_naming_the_line(string line, string message)
    {
        var loaded = ConfigLoader.LoadText(ClassRange + line + "\n", "test.conf");
        var error = Assert.Single(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(message, error.ToString());
        Assert.Contains("test.conf:2", error.ToString());
    }
}
