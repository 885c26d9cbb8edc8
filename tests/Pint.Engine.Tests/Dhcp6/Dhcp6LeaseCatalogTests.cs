using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pint.Engine.Config;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Hosting.Control;
using Pint.Engine.Management;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>What Get-PintLease reads: the DHCPv6 lines of the lease file as lease objects beside the IPv4 ones.</summary>
public class Dhcp6LeaseCatalogTests
{
    private const string Duid = "00:01:00:01:1c:39:cf:88:08:00:27:fe:8f:95";

    private static (TempConfigDirectory Dir, PintConfig Config) Setup(string leaseText)
    {
        var dir = new TempConfigDirectory();
        var leases = dir.Write("pint.leases", leaseText.Length == 0 || leaseText.EndsWith('\n') ? leaseText : leaseText + "\n");
        var path = dir.Write("pint.conf", $"""
            dhcp-leasefile={leases}
            dhcp-range=10.0.0.10,10.0.0.99,255.255.255.0,12h
            dhcp-range=set:scope-2001:db8:20::,2001:db8:20::100,2001:db8:20::ffff,64,12d
            dhcp-host=id:{Duid},[2001:db8:20::10],printer6
            """);
        var loaded = ConfigLoader.Load(path, new() { WorkingDirectory = dir.Path });
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return (dir, loaded.Config);
    }

    [Fact]
    public void IPv6_lines_after_the_duid_line_become_leases_with_family_duid_and_iaid()
    {
        var (dir, config) = Setup($"""
            1935409500 00:15:5d:0a:14:33 10.0.0.51 pc-51 *
            duid 00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01
            1935409500 134217728 2001:db8:20::10 printer6 {Duid}
            0 7 2001:db8:20::1ab * 00:03:00:01:52:54:00:00:00:25
            1000 8 2001:db8:20::1ac old 00:02:00:00:ab:11:01:02
            1935409500 T5 2001:db8:20::1ad * 00:03:00:01:52:54:00:00:00:26
            """);
        using var _d = dir;
        var (leases, diagnostics) = LeaseCatalog.ReadAll(config, dir.Path, DateTimeOffset.UtcNow);
        Assert.True(diagnostics.Count == 0, string.Join("; ", diagnostics));
        Assert.Equal(["10.0.0.51", "2001:db8:20::10", "2001:db8:20::1ab", "2001:db8:20::1ac"], leases.Select(l => l.IPAddress));

        var v4 = leases[0];
        Assert.Equal((AddressFamily.InterNetwork, (string?)null, (uint?)null), (v4.AddressFamily, v4.Duid, v4.Iaid));
        Assert.Equal("00:15:5d:0a:14:33", v4.MacAddress);
        Assert.Equal("10.0.0.0", v4.ScopeId);

        var printer = leases[1];
        Assert.Equal(AddressFamily.InterNetworkV6, printer.AddressFamily);
        Assert.Equal((Duid, (uint?)134217728u, Duid), (printer.Duid, printer.Iaid, printer.ClientId));
        Assert.Equal("08:00:27:fe:8f:95", printer.MacAddress); // the MAC inside the DUID-LLT
        Assert.Equal("2001:db8:20::", printer.ScopeId);
        Assert.Equal(PintLeaseState.ActiveReservation, printer.AddressState);
        Assert.Equal("printer6", printer.HostName);

        Assert.Equal((PintLeaseState.Active, (DateTime?)null, "52:54:00:00:00:25"), (leases[2].AddressState, leases[2].LeaseExpiryTime, leases[2].MacAddress));
        Assert.Equal(PintLeaseState.Expired, leases[3].AddressState);
        Assert.Null(leases[3].MacAddress); // a DUID-EN carries no MAC

        // The IPv4-only reader the other cmdlets use is unchanged.
        Assert.Equal(["10.0.0.51"], LeaseCatalog.Read(config, dir.Path, DateTimeOffset.UtcNow).Leases.Select(l => l.IPAddress));
    }

    [Fact]
    public void A_bad_IPv6_lease_line_is_a_warning_and_the_rest_is_read()
    {
        var (dir, config) = Setup("duid 00:01:00:01:32:a9:3d:99:52:54:00:aa:00:01\n0 1 not-an-address * 00:03:00:01:52:54:00:00:00:25\n0 7 2001:db8:20::1ab * 00:03:00:01:52:54:00:00:00:25\n");
        using var _d = dir;
        var (leases, diagnostics) = LeaseCatalog.ReadAll(config, dir.Path, DateTimeOffset.UtcNow);
        Assert.Equal("2001:db8:20::1ab", Assert.Single(leases).IPAddress);
        Assert.Contains("not-an-address", Assert.Single(diagnostics).Message);
    }

    [Fact]
    public void Live_leases_cross_the_control_channel_with_their_IPv6_properties()
    {
        var (dir, config) = Setup("");
        using var _d = dir;
        var lease = new Dhcp6Lease(Dhcp6Packets.Duid(Duid), 42, IPAddress.Parse("2001:db8:20::10"), DateTimeOffset.UtcNow.AddHours(1), "printer6");
        var live = LeaseCatalog.Live6(config, [lease], DateTimeOffset.UtcNow);
        var json = JsonSerializer.Serialize(live, ControlJson.Options);
        Assert.Contains("\"addressFamily\":\"InterNetworkV6\"", json);
        var back = Assert.Single(JsonSerializer.Deserialize<List<PintLease>>(json, ControlJson.Options)!);
        Assert.Equal((AddressFamily.InterNetworkV6, Duid, (uint?)42u, "2001:db8:20::"), (back.AddressFamily, back.Duid, back.Iaid, back.ScopeId));
    }
}
