using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Wire;
using Pint.Engine.Import;
using Pint.Engine.Tests.Dhcp6;
using Xunit;
using static Pint.Engine.Tests.Import.ImportTestFiles;

namespace Pint.Engine.Tests.Import;

/// <summary>The IPv6 part of a Windows DHCP export (dhcp-v6.xml, an Export-DhcpServer -Prefix file).</summary>
public class WindowsDhcpImport6Tests
{
    [Fact]
    public void Reader_reads_prefix_lifetimes_exclusions_reservations_and_options()
    {
        var export = WindowsDhcpExportReader.Read(Sample("dhcp-v6.xml"));
        Assert.Empty(export.Scopes);
        Assert.Equal(3, export.IPv6Scopes.Count);
        var head = export.IPv6Scopes[0];
        Assert.Equal(IPAddress.Parse("2001:db8:20::"), head.Prefix);
        Assert.Equal((TimeSpan.FromDays(8), TimeSpan.FromDays(12)), (head.PreferredLifetime, head.ValidLifetime));
        Assert.Equal(TimeSpan.FromDays(4), head.T1);
        Assert.Equal(2, head.Exclusions.Count);
        Assert.Equal(3, head.Reservations.Count);
        Assert.Equal(("00-01-00-01-1c-39-cf-88-08-00-27-fe-8f-95", 134217728u), (head.Reservations[0].ClientDuid, head.Reservations[0].Iaid));
        Assert.Equal(1, head.LeaseCount);
        // Windows writes both PreferredLifetime and PreferredLifeTime.
        Assert.Equal(TimeSpan.FromDays(1), export.IPv6Scopes[1].ValidLifetime);
        Assert.Equal(5, export.IPv6Scopes[1].Preference);
        Assert.False(export.IPv6Scopes[2].Active);
        Assert.Equal([23, 24], export.IPv6ServerOptions.Select(o => o.OptionId));
        Assert.Equal("Word", Assert.Single(export.IPv6OptionDefinitions, d => d.OptionId == 250).Type);
    }

    [Fact]
    public void IPv6_export_becomes_these_lines()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var outcome = ImportDhcp(config, Sample("dhcp-v6.xml"));
        Assert.True(outcome.Written);
        string[] expected =
        [
            "dhcp-option=option6:dns-server,[2001:db8:20::53],[2001:db8:20::54]",
            "dhcp-option=option6:domain-search,corp.example",
            // The /64 less ::1-::ff and ::1:0-::1:ffff; lease time = valid lifetime.
            "dhcp-range=set:scope-2001:db8:20::,2001:db8:20::100,2001:db8:20::ffff,64,12d",
            "dhcp-range=set:scope-2001:db8:20::,2001:db8:20::2:0,2001:db8:20:0:ffff:ffff:ffff:ffff,64,12d",
            "dhcp-host=id:00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95,set:res-2001:db8:20::10,[2001:db8:20::10],printer6",
            "dhcp-host=id:00:03:00:01:00:15:5d:0a:14:01,[2001:db8:20::11],[2001:db8:20::12],nas6",
            "dhcp-option=tag:res-2001:db8:20::10,option6:dns-server,[2001:db8:20::5]",
            "dhcp-option=tag:scope-2001:db8:20::,option6:domain-search,branch.corp.example,corp.example",
            "dhcp-option=tag:scope-2001:db8:20::,option6:250,02:01",
            "dhcp-range=set:scope-2001:db8:21::,2001:db8:21::1,2001:db8:21:0:ffff:ffff:ffff:ffff,64,1d",
        ];
        Assert.Equal(expected, File.ReadAllLines(config).Skip(2).ToArray());

        var warnings = outcome.Plan.Warnings.Select(w => w.Message).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith("inactive IPv6 scope 2001:db8:22::"));
        Assert.Contains(warnings, w => w.StartsWith("preference 5 not imported"));
        Assert.Contains(warnings, w => w.StartsWith("1 IPv6 leases not imported"));
        var notes = outcome.Plan.Messages.Where(m => m.Severity == DiagnosticSeverity.Information).Select(n => n.Message).ToList();
        Assert.Contains(notes, n => n.StartsWith("IAID 134217728 not kept"));
        Assert.Contains(notes, n => n.Contains("(IAIDs 1, 2) became one dhcp-host line"));
        Assert.Contains(notes, n => n.StartsWith("preferred lifetime 8.00:00:00 not kept"));
    }

    [Fact]
    public void Imported_config_loads_clean_and_the_DHCPv6_server_hands_out_the_reservation_and_options()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        ImportDhcp(config, Sample("dhcp-v6.xml"));
        var loaded = ConfigLoader.Load(config, new() { WorkingDirectory = dir.Path });
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning);
        var c = loaded.Config;
        Assert.Equal(3, c.Dhcp.Ranges6.Count);
        Assert.All(c.Dhcp.Ranges6, r => Assert.True(r.IsStateful));
        Assert.Equal(5, c.Dhcp.Options6.Count);
        Assert.Null(DhcpSetup.Build(c).Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error));

        var serverDuid = Dhcp6Packets.Duid("00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01");
        var options = Dhcp6ServerOptions.FromConfig(c, serverDuid);
        Assert.Equal(5, options.Options.Count);
        Assert.Equal(2, options.Hosts.Count);
        var addresses = new List<(IPAddress, int)> { (IPAddress.Parse("2001:db8:20::1"), 64) };
        var link = new Dhcp6Link("eth0", addresses.Select(a => a.Item1).ToList(), c.Dhcp.Ranges6.SelectMany(r => Dhcp6Pool.ForLink(r, "eth0", addresses)).ToList());
        Assert.Equal(2, link.Pools.Count);

        var printer = Dhcp6Packets.Duid("00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95");
        Assert.True(Dhcp6RequestReader.TryRead(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 1, printer, iaid: 7, oro: [23, 24]), out var request, out var why), why.ToString());
        var reply = Dhcp6Responder.Respond(request!, link, options, new Dhcp6LeaseTable(), DateTimeOffset.UtcNow).Reply!;
        var ia = Assert.Single(reply.IaNa);
        Assert.Equal(IPAddress.Parse("2001:db8:20::10"), ia.Addresses[0].Address);
        Assert.Equal(12 * 86400u, ia.Addresses[0].ValidLifetime);
        // The reservation's own DNS server comes before the server-wide one; the scope's search list before the server's.
        var dns = reply.Options.First(o => o.Code == 23);
        Assert.Equal(IPAddress.Parse("2001:db8:20::5"), new IPAddress(dns.Data.AsSpan(0, 16)));
        Assert.Contains(reply.Options, o => o.Code == 24);

        // Any other client gets an address outside the exclusions.
        Assert.True(Dhcp6RequestReader.TryRead(Dhcp6Packets.Client(Dhcp6MessageType.Solicit, 2, Dhcp6Packets.Duid("00:03:00:01:02:00:00:00:00:01"), iaid: 1), out request, out why), why.ToString());
        var other = Dhcp6Pool.ToValue(Dhcp6Responder.Respond(request!, link, options, new Dhcp6LeaseTable(), DateTimeOffset.UtcNow).Reply!.IaNa[0].Addresses[0].Address);
        Assert.Contains(link.Pools, p => p.Contains(other));
    }

    [Fact]
    public void Importing_twice_adds_nothing_and_a_clashing_range_or_DUID_is_warned()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        ImportDhcp(config, Sample("dhcp-v6.xml"));
        var before = File.ReadAllText(config);
        var again = ImportDhcp(config, Sample("dhcp-v6.xml"));
        Assert.Equal(before, File.ReadAllText(config));
        Assert.DoesNotContain(again.Plan.Warnings, w => w.Message.Contains("overlaps") || w.Message.Contains("already reserves"));

        var (dir2, config2, _) = EmptyConfig();
        using var _d2 = dir2;
        File.AppendAllText(config2, "dhcp-range=2001:db8:21::1000,2001:db8:21::2000,64,1h\ndhcp-host=id:00:03:00:01:00:15:5d:0a:14:01,[2001:db8:20::99]\n");
        var warnings = ImportDhcp(config2, Sample("dhcp-v6.xml")).Plan.Warnings.Select(w => w.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("range 2001:db8:21::1-2001:db8:21:0:ffff:ffff:ffff:ffff not imported: it overlaps the config's range 2001:db8:21::1000-2001:db8:21::2000"));
        Assert.Contains(warnings, w => w.StartsWith("not imported: the config already reserves this DUID at"));
        Assert.DoesNotContain("nas6", File.ReadAllText(config2));
    }

    [Fact]
    public void Fully_excluded_IPv6_scope_becomes_a_static_range_for_its_reservations()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var xml = dir.Write("v6.xml", """
            <DHCPServer><MajorVersion>10</MajorVersion><MinorVersion>0</MinorVersion><IPv6><Scopes><Scope>
            <Prefix>2001:db8:30::</Prefix><Name>Servers</Name><Preference>0</Preference><State>Active</State>
            <PreferredLifetime>2.00:00:00</PreferredLifetime><ValidLifetime>2.00:00:00</ValidLifetime>
            <ExclusionRanges><IPRange><StartRange>2001:db8:30::1</StartRange><EndRange>2001:db8:30::ffff:ffff:ffff:ffff</EndRange></IPRange></ExclusionRanges>
            <Reservations><Reservation><Name>db1</Name><IPAddress>2001:db8:30::5</IPAddress><ClientDuid>0001000125f5d9e0525400aa0005</ClientDuid><IAID>5</IAID></Reservation>
            <Reservation><Name>elsewhere</Name><IPAddress>2001:db8:31::5</IPAddress><ClientDuid>00-03-00-01-52-54-00-aa-00-06</ClientDuid><IAID>5</IAID></Reservation></Reservations>
            </Scope></Scopes></IPv6></DHCPServer>
            """);
        var outcome = ImportDhcp(config, xml);
        Assert.Equal(
        [
            "dhcp-range=set:scope-2001:db8:30::,2001:db8:30::,static,64,2d",
            "dhcp-host=id:00:01:00:01:25:f5:d9:e0:52:54:00:aa:00:05,[2001:db8:30::5],db1",
        ], File.ReadAllLines(config).Skip(2).ToArray());
        Assert.Contains(outcome.Plan.Warnings, w => w.Message == "address is not in scope 2001:db8:30::/64; not imported");
        Load(config);
    }

    [Theory]
    [InlineData("<Prefix>2001:db8:20::</Prefix>", "<Prefix>10.0.0.0</Prefix>", "<Prefix> '10.0.0.0' is not an IPv6 prefix")]
    [InlineData("<IAID>1</IAID>", "<IAID>one</IAID>", "<IAID> 'one' is not an IAID")]
    [InlineData("<IPAddress>2001:db8:20::11</IPAddress>", "<IPAddress>192.168.1.1</IPAddress>", "<IPAddress> '192.168.1.1' is not an IPv6 address")]
    public void Malformed_IPv6_part_is_an_error_naming_the_element(string find, string replace, string message)
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var bad = dir.Write("bad.xml", File.ReadAllText(Sample("dhcp-v6.xml")).Replace(find, replace));
        var e = Assert.Throws<ImportFormatException>(() => WindowsDhcpExportReader.Read(bad));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(23, null, new[] { "2001:db8::1" }, "[2001:db8::1]")]
    [InlineData(24, null, new[] { "a.example b.example" }, "a.example,b.example")]
    [InlineData(32, null, new[] { "3600" }, "3600")]
    [InlineData(300, "DWord", new[] { "7" }, "7")]
    [InlineData(300, "Word", new[] { "7", "8" }, "00:07:00:08")]
    [InlineData(300, "String", new[] { "hello" }, "hello")]
    [InlineData(300, "BinaryData", new[] { "0a0b0c" }, "0a:0b:0c")]
    [InlineData(300, "IPv6Address", new[] { "2001:db8::1", "2001:db8::2" }, "[2001:db8::1],[2001:db8::2]")]
    public void Option_values_are_written_so_they_encode_as_Windows_sends_them(int id, string? type, string[] values, string expected)
    {
        Assert.True(WindowsDhcpOptionFormatter.TryFormat6(id, type, values, out var formatted, out var reason), reason);
        Assert.Equal(expected, formatted);
    }

    [Theory]
    [InlineData(23, null, new[] { "10.0.0.1" }, "not an IPv6 address")]
    [InlineData(300, "Byte", new[] { "7" }, "one-byte value")]
    [InlineData(300, "String", new[] { "1234" }, "would be read as a number")]
    [InlineData(300, "IPv4Address", new[] { "10.0.0.1" }, "DHCPv6 cannot carry")]
    [InlineData(300, null, new[] { "x" }, "type is unknown")]
    public void Option_values_dnsmasq_cannot_hold_are_refused_with_a_reason(int id, string? type, string[] values, string reason)
    {
        Assert.False(WindowsDhcpOptionFormatter.TryFormat6(id, type, values, out _, out var why));
        Assert.Contains(reason, why);
    }
}
