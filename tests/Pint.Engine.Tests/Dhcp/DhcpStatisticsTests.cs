using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Management;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

public sealed class DhcpStatisticsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static PintConfig Config(string text)
    {
        var loaded = ConfigLoader.LoadText(text, "test.conf");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Config;
    }

    private static DhcpLease Lease(string ip, TimeSpan left) =>
        new(IPAddress.Parse(ip), "52:54:00:00:00:01", null, null, Now + left);

    [Fact]
    public void A_dynamic_range_counts_leases_and_keeps_idle_reservations_out_of_the_free_pool()
    {
        var config = Config("""
            dhcp-range=set:lab,10.0.0.0,10.0.0.255,255.255.255.0
            dhcp-host=52:54:00:00:00:21,10.0.0.20
            dhcp-host=52:54:00:00:00:22,10.0.0.22
            dhcp-host=52:54:00:00:00:99,192.0.2.1
            """);
        var leases = new[] { Lease("10.0.0.20", TimeSpan.FromHours(1)), Lease("10.0.0.101", TimeSpan.FromHours(1)), Lease("10.0.0.102", -TimeSpan.FromMinutes(1)) };

        var s = Assert.Single(DhcpStatistics.Compute(config, leases, Now));

        // 256 addresses less network and broadcast = 254; 2 in use; 10.0.0.22 reserved but idle is not free either.
        Assert.Equal(("10.0.0.0", "lab", 2, 2, 251), (s.ScopeId, s.Name, s.InUse, s.Reserved, s.Free));
        Assert.Equal(Math.Round(200.0 / 253, 2), s.PercentageInUse);
    }

    [Fact]
    public void A_static_range_offers_only_its_reservations()
    {
        var config = Config("""
            dhcp-range=10.1.0.0,static,255.255.255.0
            dhcp-host=52:54:00:00:00:21,10.1.0.20
            dhcp-host=52:54:00:00:00:22,10.1.0.22
            """);
        var s = Assert.Single(DhcpStatistics.Compute(config, [Lease("10.1.0.20", TimeSpan.FromHours(1))], Now));
        Assert.Equal((1, 2, 1, 50.0), (s.InUse, s.Reserved, s.Free, s.PercentageInUse));
    }

    [Fact]
    public void A_full_range_is_at_one_hundred_percent()
    {
        var config = Config("dhcp-range=10.2.0.10,10.2.0.11,255.255.255.0");
        var s = Assert.Single(DhcpStatistics.Compute(config, [Lease("10.2.0.10", TimeSpan.FromHours(1)), Lease("10.2.0.11", TimeSpan.FromHours(1))], Now));
        Assert.Equal((0, 100.0), (s.Free, s.PercentageInUse));
    }
}
