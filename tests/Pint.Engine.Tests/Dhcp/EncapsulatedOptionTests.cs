using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>encap:, vendor: and vi-encap: dhcp-option lines: config text -> what a client is offered (the wire bytes are checked against dnsmasq in DhcpVendorOptionsDnsmasqTests).</summary>
public class EncapsulatedOptionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly DhcpReceiveContext Lan = new(IPAddress.Parse("10.77.0.1"), 24, "veth0");

    private static DhcpTestReply Offer(string config, DhcpTestPackets client)
    {
        var loaded = ConfigLoader.LoadText("dhcp-range=10.77.0.100,10.77.0.150\n" + config, "test.conf");
        var options = DhcpSetup.Build(loaded.Config).Options!;
        return DhcpTestReply.Read(new DhcpResponder(options, LeaseStore.InMemory()).Respond(client.Discover(), Lan, Now).Reply!);
    }

    [Fact]
    public void A_tagged_sub_option_goes_only_to_clients_with_the_tag_and_an_empty_block_is_not_sent()
    {
        const string config = """
            dhcp-mac=set:lab,52:54:00:00:01:*
            dhcp-option=tag:lab,encap:175,190,user
            """;
        var tagged = Offer(config, new DhcpTestPackets("52:54:00:00:01:01") { ParameterRequestList = [1, 3, 175] });
        Assert.Equal(new byte[] { 190, 4, (byte)'u', (byte)'s', (byte)'e', (byte)'r', 255 }, tagged.Option(175));
        var other = Offer(config, new DhcpTestPackets("52:54:00:00:02:01") { ParameterRequestList = [1, 3, 175] });
        Assert.Null(other.Option(175));
    }

    [Fact]
    public void A_forced_sub_option_is_sent_unasked_and_a_vendor_line_needs_the_vendor_class()
    {
        var forced = Offer("dhcp-option-force=encap:175,1,5b", new DhcpTestPackets("52:54:00:00:03:01") { ParameterRequestList = [1, 3] });
        Assert.Equal(new byte[] { 1, 1, 5, 255 }, forced.Option(175));

        var pxe = new DhcpTestPackets("52:54:00:00:03:02") { ParameterRequestList = [1, 3, 43] };
        pxe.ExtraOptions.Add((60, "PXEClient:Arch:00007"u8.ToArray()));
        Assert.Equal(new byte[] { 6, 1, 8, 255 }, Offer("dhcp-option=vendor:PXEClient,6,8b", pxe).Option(43));
        Assert.Null(Offer("dhcp-option=vendor:PXEClient,6,8b", new DhcpTestPackets("52:54:00:00:03:03") { ParameterRequestList = [1, 3, 43] }).Option(43));
    }

    [Fact]
    public void A_sub_option_out_of_range_stops_the_start_naming_its_line()
    {
        var loaded = ConfigLoader.LoadText("dhcp-range=10.77.0.100,10.77.0.150\ndhcp-option=encap:175,255,1\n", "bad.conf");
        var setup = DhcpSetup.Build(loaded.Config);
        var error = Assert.Single(setup.Diagnostics.Concat(loaded.Diagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("bad.conf:2", error.ToString());
    }
}

/// <summary>dhcp-optsfile and dhcp-optsdir: dhcp-option values kept in files (or a directory of them) beside the config, as libvirt writes them.</summary>
public class DhcpOptsFileTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly DhcpReceiveContext Lan = new(IPAddress.Parse("10.77.0.1"), 24, "veth0");

    [Fact]
    public void Options_from_a_file_and_a_directory_are_served_and_a_bad_line_is_skipped_naming_file_and_line()
    {
        using var dir = new Pint.Engine.Tests.Config.TempConfigDirectory();
        dir.Write("main.conf", "dhcp-range=10.77.0.100,10.77.0.150\ndhcp-optsfile=opts.txt\ndhcp-optsdir=opts.d\n");
        dir.Write("opts.txt", "# routers\noption:router,10.77.0.254\n42,not-an-address,10.77.0.7\n");
        dir.Write("opts.d/b", "option:ntp-server,10.77.0.8\n");
        dir.Write("opts.d/a", "tag:!known,option:domain-name,guests.lab.test\n");
        var loaded = ConfigLoader.Load(dir.Combine("main.conf"), new ConfigLoadOptions { WorkingDirectory = dir.Path });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var setup = DhcpSetup.Build(loaded.Config);
        var bad = Assert.Single(setup.Diagnostics.Concat(loaded.Diagnostics), d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains($"{dir.Combine("opts.txt")}:3", bad.ToString());

        var client = new DhcpTestPackets("52:54:00:00:04:01") { ParameterRequestList = [1, 3, 15, 42] };
        var offer = DhcpTestReply.Read(new DhcpResponder(setup.Options!, LeaseStore.InMemory()).Respond(client.Discover(), Lan, Now).Reply!);
        Assert.Equal(IPAddress.Parse("10.77.0.254"), offer.AddressOption(3));
        Assert.Equal(IPAddress.Parse("10.77.0.8"), offer.AddressOption(42));
        Assert.Equal("guests.lab.test", offer.TextOption(15));
        Assert.Contains(dir.Combine("opts.d/a"), loaded.Files);
    }
}
