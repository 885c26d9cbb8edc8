using System.Net;
using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Import;
using Pint.Engine.Management;
using Xunit;
using static Pint.Engine.Tests.Import.ImportTestFiles;

namespace Pint.Engine.Tests.Import;

public class WindowsDhcpImportTests
{
    [Theory]
    [InlineData("dhcp-2012r2.xml")]
    [InlineData("dhcp-2016.xml")]
    public void Export_imported_into_empty_config_lists_the_same_scopes_reservations_and_leases(string sample)
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var export = WindowsDhcpExportReader.Read(Sample(sample));
        var outcome = ImportDhcp(config, Sample(sample));
        Assert.True(outcome.Written);
        AssertRoundTrip(export, config);
    }

    [Fact]
    public void Server_2012_R2_export_becomes_these_lines()
    {
        var (dir, config, leases) = EmptyConfig();
        using var _d = dir;
        ImportDhcp(config, Sample("dhcp-2012r2.xml"));
        var lines = File.ReadAllLines(config);
        string[] expected =
        [
            "dhcp-host=00:50:56:bd:59:5f,ignore",
            "dhcp-option=option:dns-server,192.168.10.2,192.168.10.3",
            "dhcp-option=option:domain-name,corp.example",
            "dhcp-option=vendor:MSFT 5.0,1,2i",
            "dhcp-range=set:scope-192.168.10.0,192.168.10.50,192.168.10.99,255.255.255.0,8d",
            "dhcp-range=set:scope-192.168.10.0,192.168.10.110,192.168.10.200,255.255.255.0,8d",
            "dhcp-host=30:9c:23:01:9e:6b,set:res-192.168.10.20,192.168.10.20,printer1",
            "dhcp-host=00:15:5d:0a:14:01,192.168.10.21,nas.corp.example",
            "dhcp-host=id:01:00:15:5d:0a:14:02:aa:bb,192.168.10.22,thin-client",
            "dhcp-option=tag:res-192.168.10.20,option:router,192.168.10.254",
            "dhcp-option=tag:scope-192.168.10.0,option:router,192.168.10.1",
            "dhcp-option=tag:scope-192.168.10.0,option:netbios-nodetype,8",
            "dhcp-option=tag:scope-192.168.10.0,200,17s",
            // The IPv6 scope: its whole /64 with Windows' default valid lifetime (the export gives none).
            "dhcp-range=set:scope-2001:db8:10::,2001:db8:10::1,2001:db8:10:0:ffff:ffff:ffff:ffff,64,12d",
        ];
        Assert.Equal(expected, lines.Skip(2).ToArray());
        // Expiry as epoch seconds (date -u -d "2031-05-01 13:45:00Z" +%s); expired leases stay behind; the reservation's lease never ends.
        Assert.Equal(
        [
            "1935409500 00:15:5d:0a:14:33 192.168.10.51 pc-51.corp.example *",
            "1935475200 00:15:5d:0a:14:34 192.168.10.52 * *",
            "0 30:9c:23:01:9e:6b 192.168.10.20 printer1 *",
        ], File.ReadAllLines(leases));
    }

    [Fact]
    public void What_cannot_be_expressed_is_a_warning_that_points_at_the_element()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var old = ImportDhcp(config, Sample("dhcp-2012r2.xml")).Plan.Warnings.ToList();
        var inactive = Assert.Single(old, w => w.Message.StartsWith("inactive scope 'Old lab'"));
        Assert.Equal(LineOf("dhcp-2012r2.xml", "<ScopeId>10.20.0.0</ScopeId>") - 1, inactive.Line);
        Assert.Single(old); // the IPv6 scope is imported now (WindowsDhcpImport6Tests)

        var (dir2, config2, _) = EmptyConfig();
        using var _d2 = dir2;
        var warnings = ImportDhcp(config2, Sample("dhcp-2016.xml")).Plan.Warnings.Select(w => w.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("server policy 'Printers'"));
        Assert.Contains(warnings, w => w.Contains("policy 'Phones'"));
        Assert.Contains(warnings, w => w.Contains("superscope 'Branch floor'"));
        Assert.Contains(warnings, w => w.Contains("user class 'Default Routing and Remote Access Class'"));
        Assert.Contains(warnings, w => w.Contains("option 66") && w.Contains("'172.16.0.5'"));
        Assert.Contains(warnings, w => w.Contains("'Front Desk PC'"));
        Assert.Contains(warnings, w => w.Contains("scope type Both"));
        Assert.Equal(7, warnings.Count);
    }

    [Fact]
    public void Fully_excluded_scope_serves_its_reservations_from_a_static_range()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        ImportDhcp(config, Sample("dhcp-2016.xml"));
        var text = File.ReadAllText(config);
        Assert.Contains("dhcp-range=set:scope-172.16.8.0,172.16.8.0,static,255.255.255.0,infinite\n", text);
        Assert.Contains("dhcp-range=set:scope-172.16.0.0,172.16.0.50,172.16.1.255,255.255.252.0,3d\n", text);
        Assert.Contains("dhcp-range=set:scope-172.16.0.0,172.16.3.0,172.16.3.250,255.255.252.0,3d\n", text);
        Assert.Contains("dhcp-option=tag:scope-172.16.0.0,43,01:04:00:00:00:01\n", text);
    }

    [Fact]
    public void Large_export_with_20_scopes_and_500_reservations_round_trips()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        var export = dir.Write("large.xml", LargeExport(scopes: 20, reservationsPerScope: 25));
        var parsed = WindowsDhcpExportReader.Read(export);
        Assert.Equal(500, parsed.Scopes.Sum(s => s.Reservations.Count));
        var outcome = ImportDhcp(config, export);
        Assert.Empty(outcome.Plan.Warnings);
        AssertRoundTrip(parsed, config);
        Assert.Equal(500, HostCatalog.List(Load(config), config).Count(h => h.Kind == PintHostKind.Reservation));
    }

    [Fact]
    public void Importing_twice_adds_nothing_the_second_time()
    {
        var (dir, config, leases) = EmptyConfig();
        using var _d = dir;
        ImportDhcp(config, Sample("dhcp-2012r2.xml"));
        var (configText, leaseText) = (File.ReadAllText(config), File.ReadAllText(leases));
        var again = ImportDhcp(config, Sample("dhcp-2012r2.xml"));
        Assert.Equal(again.Plan.Lines.Count, again.LinesAlreadyPresent.Count);
        Assert.Single(again.Plan.Warnings); // still the inactive scope, nothing about clashes
        Assert.Equal(configText, File.ReadAllText(config));
        Assert.Equal(leaseText, File.ReadAllText(leases));
    }

    [Fact]
    public void Scope_overlapping_a_range_already_in_the_config_is_warned_and_left_out()
    {
        var (dir, config, _) = EmptyConfig();
        using var _d = dir;
        File.AppendAllText(config, "dhcp-range=192.168.10.150,192.168.10.160,12h\n");
        var outcome = ImportDhcp(config, Sample("dhcp-2012r2.xml"));
        Assert.Contains(outcome.Plan.Warnings, w => w.Message.Contains("192.168.10.110-192.168.10.200 not imported: it overlaps"));
        Assert.Contains("dhcp-range=set:scope-192.168.10.0,192.168.10.50,192.168.10.99,255.255.255.0,8d", File.ReadAllText(config));
    }

    [Fact]
    public void What_if_lists_every_line_and_lease_and_writes_nothing()
    {
        var (dir, config, leases) = EmptyConfig();
        using var _d = dir;
        var before = File.ReadAllBytes(config);
        var outcome = RunImport(config, c => WindowsDhcpImport.Plan(WindowsDhcpExportReader.Read(Sample("dhcp-2012r2.xml")), c), confirm: false);
        Assert.False(outcome.Written);
        Assert.Contains(outcome.Changes, c => c.Contains("add 'dhcp-host=00:15:5d:0a:14:01,192.168.10.21,nas.corp.example'"));
        Assert.Contains(outcome.Changes, c => c.Contains("lease '0 30:9c:23:01:9e:6b 192.168.10.20 printer1 *'"));
        Assert.Equal(14 + 3, outcome.Changes.Count);
        Assert.Equal(before, File.ReadAllBytes(config));
        Assert.False(File.Exists(leases));
    }

    [Theory]
    [InlineData("<ScopeId>192.168.10.0</ScopeId>", "", "<Scope> has no <ScopeId> element", "<Scope>")]
    [InlineData("<StartRange>192.168.10.50</StartRange>", "<StartRange>192.168.10.500</StartRange>", "<StartRange> '192.168.10.500' is not an IPv4 address", "<StartRange>192.168.10.500")]
    [InlineData("<LeaseDuration>8.00:00:00</LeaseDuration>", "<LeaseDuration>eight days</LeaseDuration>", "<LeaseDuration> 'eight days' is not a duration", "<LeaseDuration>")]
    [InlineData("<MinorVersion xmlns=\"\">3</MinorVersion>", "", "<DHCPServer> has no <MinorVersion> element", "<DHCPServer")]
    [InlineData("</Reservations>", "</Reservation>", "not well-formed XML", "</Reservation>\n        <Leases>")]
    public void Malformed_export_is_a_clear_error_and_nothing_is_written(string find, string replace, string message, string lineMarker)
    {
        var (dir, config, leases) = EmptyConfig();
        using var _d = dir;
        var text = File.ReadAllText(Sample("dhcp-2012r2.xml"));
        var firstAt = text.IndexOf(find, StringComparison.Ordinal);
        text = text[..firstAt] + replace + text[(firstAt + find.Length)..];
        var export = dir.Write("bad.xml", text);
        var before = File.ReadAllBytes(config);

        var e = Assert.Throws<ImportFormatException>(() => ImportDhcp(config, export));
        Assert.Contains(message, e.Message);
        var markerAt = text.IndexOf(lineMarker, lineMarker == "<Scope>" ? text.IndexOf("<Scopes>", StringComparison.Ordinal) : 0, StringComparison.Ordinal);
        Assert.Equal(text[..markerAt].Count(c => c == '\n') + 1, e.Line);
        Assert.StartsWith($"{export}:{e.Line}: ", e.Message);
        Assert.Equal(before, File.ReadAllBytes(config));
        Assert.False(File.Exists(leases));
    }

    [Fact]
    public void File_that_is_not_a_DHCP_export_is_refused()
    {
        using var dir = new Pint.Engine.Tests.Config.TempConfigDirectory();
        var file = dir.Write("other.xml", "<?xml version=\"1.0\"?>\n<Objs><Obj/></Objs>\n");
        var e = Assert.Throws<ImportFormatException>(() => WindowsDhcpExportReader.Read(file));
        Assert.Contains("expected <DHCPServer>", e.Message);
        Assert.Equal(2, e.Line);
    }

    /// <summary>Checks what the catalogs (Get-PintDhcpRange, Get-PintHost, Get-PintLease) report against the export.</summary>
    internal static void AssertRoundTrip(WindowsDhcpExport export, string configPath)
    {
        var config = Load(configPath);
        var ranges = DhcpRangeCatalog.List(config, configPath).ToList();
        var hosts = HostCatalog.List(config, configPath).Where(h => h.Kind == PintHostKind.Reservation).ToList();
        var (leases, diagnostics) = LeaseCatalog.Read(config, Path.GetDirectoryName(configPath)!, DateTimeOffset.UtcNow);
        Assert.Empty(diagnostics);
        foreach (var scope in export.Scopes)
        {
            var mine = ranges.Where(r => r.ScopeId == scope.ScopeId.ToString()).ToList();
            if (!scope.Active) { Assert.Empty(mine); continue; }
            Assert.NotEmpty(mine);
            Assert.All(mine, r => Assert.Equal(scope.SubnetMask.ToString(), r.SubnetMask));
            var lease = scope.LeaseDuration.TotalDays > 100_000 ? TimeSpan.MaxValue : scope.LeaseDuration;
            Assert.All(mine, r => Assert.Equal(lease, r.LeaseDuration));
            Assert.All(mine, r => Assert.Equal("scope-" + scope.ScopeId, r.Name));
            var expected = Addresses(scope.StartRange, scope.EndRange).Except(scope.Exclusions.SelectMany(x => Addresses(x.Start, x.End))).ToHashSet();
            var actual = mine.Where(r => !r.Static).SelectMany(r => Addresses(IPAddress.Parse(r.StartRange), IPAddress.Parse(r.EndRange))).ToHashSet();
            Assert.Equal(expected.Order(), actual.Order());

            foreach (var r in scope.Reservations)
            {
                var host = Assert.Single(hosts, h => h.IPAddress == r.IPAddress.ToString());
                if (r.ClientId.Length <= 17) Assert.Equal(r.ClientId.Replace('-', ':').ToLowerInvariant(), host.MacAddress);
                if (!r.Name.Contains(' ')) Assert.Equal(r.Name, host.Name);
            }
            foreach (var l in scope.Leases)
            {
                var found = leases.Where(x => x.IPAddress == l.IPAddress.ToString()).ToList();
                if (l.AddressState is not ("Active" or "ActiveReservation")) { Assert.Empty(found); continue; }
                var pint = Assert.Single(found);
                Assert.EndsWith(string.Join(':', l.ClientId.Split('-').TakeLast(6)).ToLowerInvariant(), pint.ClientId);
                Assert.Equal(l.HostName, pint.HostName);
                Assert.Equal(l.LeaseExpiryTime?.LocalDateTime, pint.LeaseExpiryTime);
                Assert.Equal(scope.ScopeId.ToString(), pint.ScopeId);
            }
        }
        Assert.Equal(export.Scopes.Where(s => s.Active).Sum(s => s.Reservations.Count), hosts.Count);
    }

    private static IEnumerable<uint> Addresses(IPAddress start, IPAddress end)
    {
        var (a, b) = (ToUInt(start), ToUInt(end));
        for (var v = a; v <= b && v >= a; v++) yield return v;
    }

    private static uint ToUInt(IPAddress a) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(a.GetAddressBytes());

    private static int LineOf(string sample, string text)
    {
        var all = File.ReadAllText(Sample(sample));
        return all[..all.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
    }

    /// <summary>A Server 2016 export with <paramref name="scopes"/> /24 scopes in 10.100.x.0, each with reservations and a lease per reservation.</summary>
    internal static string LargeExport(int scopes, int reservationsPerScope)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DHCPServer xmlns=\"http://schemas.microsoft.com/windows/DHCPServer\">\n");
        sb.Append("<MajorVersion xmlns=\"\">10</MajorVersion><MinorVersion xmlns=\"\">0</MinorVersion>\n<IPv4 xmlns=\"\"><Scopes>\n");
        for (var s = 0; s < scopes; s++)
        {
            sb.Append($"<Scope><ScopeId>10.100.{s}.0</ScopeId><Name>Floor {s}</Name><SubnetMask>255.255.255.0</SubnetMask>");
            sb.Append($"<StartRange>10.100.{s}.10</StartRange><EndRange>10.100.{s}.250</EndRange><LeaseDuration>1.00:00:00</LeaseDuration>");
            sb.Append("<State>Active</State><Type>Dhcp</Type><MaxBootpClients>4294967295</MaxBootpClients><NapEnable>false</NapEnable>\n");
            sb.Append($"<ExclusionRanges><IPRange><StartRange>10.100.{s}.100</StartRange><EndRange>10.100.{s}.120</EndRange></IPRange></ExclusionRanges>\n");
            sb.Append($"<OptionValues><OptionValue><OptionId>3</OptionId><Value>10.100.{s}.1</Value><VendorClass /><UserClass /></OptionValue></OptionValues>\n<Reservations>\n");
            for (var r = 0; r < reservationsPerScope; r++)
                sb.Append($"<Reservation><Name>host-{s}-{r}</Name><IPAddress>10.100.{s}.{130 + r}</IPAddress><ClientId>02-00-00-00-{s:x2}-{r:x2}</ClientId><Type>Dhcp</Type></Reservation>\n");
            sb.Append("</Reservations>\n<Leases>\n");
            for (var r = 0; r < reservationsPerScope; r++)
                sb.Append($"<Lease><IPAddress>10.100.{s}.{10 + r}</IPAddress><ScopeId>10.100.{s}.0</ScopeId><ClientId>06-00-00-00-{s:x2}-{r:x2}</ClientId><AddressState>Active</AddressState><ClientType>Dhcp</ClientType><NapCapable>false</NapCapable><LeaseExpiryTime>2031-01-01 00:00:00Z</LeaseExpiryTime><HostName>pc-{s}-{r}</HostName></Lease>\n");
            sb.Append("</Leases></Scope>\n");
        }
        sb.Append("</Scopes></IPv4>\n</DHCPServer>\n");
        return sb.ToString();
    }
}
