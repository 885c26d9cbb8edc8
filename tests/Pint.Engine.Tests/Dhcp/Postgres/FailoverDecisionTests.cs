using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Postgres;

public sealed class FailoverDecisionTests
{
    private static readonly PartnerState Up = new(PartnerStatus.Up, TimeSpan.FromSeconds(2));
    private static readonly PartnerState Down = new(PartnerStatus.Down, TimeSpan.FromMinutes(5));

    private static FailoverSettings Settings(FailoverRole role, FailoverMode mode = FailoverMode.LoadBalance, int percent = 50) =>
        new() { Role = role, Mode = mode, PartnerServerId = "partner", LoadBalancePercent = percent };

    [Theory]
    [InlineData(50, 50)]
    [InlineData(70, 30)]
    [InlineData(100, 0)]
    [InlineData(33, 67)]
    public void LoadBalance_ComplementarySharesServeEveryBucketExactlyOnce(int primaryPercent, int secondaryPercent)
    {
        var primary = Settings(FailoverRole.Primary, percent: primaryPercent);
        var secondary = Settings(FailoverRole.Secondary, percent: secondaryPercent);
        var primaryCount = 0;
        for (var bucket = 0; bucket < 256; bucket++)
        {
            var a = FailoverDecision.ShouldServe((byte)bucket, primary, Up);
            var b = FailoverDecision.ShouldServe((byte)bucket, secondary, Up);
            Assert.True(a ^ b, $"bucket {bucket}: primary {a}, secondary {b}");
            if (a) primaryCount++;
        }
        Assert.Equal(primary.OwnedBuckets, primaryCount);
        Assert.InRange(primaryCount, primaryPercent * 256 / 100 - 1, primaryPercent * 256 / 100 + 1);
    }

    [Fact]
    public void LoadBalance_DefaultSplitsMacsAboutHalfAndHalf()
    {
        var primary = Settings(FailoverRole.Primary);
        var served = 0;
        var random = new Random(3074);
        var mac = new byte[6];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(mac);
            if (FailoverDecision.ShouldServe(mac, primary, Up)) served++;
        }
        Assert.InRange(served, 9500, 10500);
    }

    [Fact]
    public void LoadBalance_TheMacsBucketDecides()
    {
        byte[] mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        var bucket = LoadBalanceHash.Compute(mac);
        var primary = Settings(FailoverRole.Primary);
        var secondary = Settings(FailoverRole.Secondary);
        Assert.Equal(bucket < 128, FailoverDecision.ShouldServe(mac, primary, Up));
        Assert.Equal(bucket >= 128, FailoverDecision.ShouldServe(mac, secondary, Up));
    }

    [Fact]
    public void LoadBalance_PartnerDown_ServesEveryone_PartnerUnknown_KeepsToItsShare()
    {
        var primary = Settings(FailoverRole.Primary);
        var secondary = Settings(FailoverRole.Secondary);
        for (var bucket = 0; bucket < 256; bucket++)
        {
            Assert.True(FailoverDecision.ShouldServe((byte)bucket, primary, Down));
            Assert.True(FailoverDecision.ShouldServe((byte)bucket, secondary, Down));
            Assert.Equal(bucket < 128, FailoverDecision.ShouldServe((byte)bucket, primary, PartnerState.Unknown));
            Assert.Equal(bucket >= 128, FailoverDecision.ShouldServe((byte)bucket, secondary, PartnerState.Unknown));
        }
    }

    [Fact]
    public void HotStandby_ActiveAlwaysServes_StandbyOnlyWhenTheActiveIsDown()
    {
        var active = Settings(FailoverRole.Primary, FailoverMode.HotStandby);
        var standby = Settings(FailoverRole.Secondary, FailoverMode.HotStandby);
        byte[] mac = [0x52, 0x54, 0x00, 0xaa, 0xbb, 0x01];
        Assert.True(FailoverDecision.ShouldServe(mac, active, Up));
        Assert.True(FailoverDecision.ShouldServe(mac, active, Down));
        Assert.True(FailoverDecision.ShouldServe(mac, active, PartnerState.Unknown));
        Assert.False(FailoverDecision.ShouldServe(mac, standby, Up));
        Assert.False(FailoverDecision.ShouldServe(mac, standby, PartnerState.Unknown));
        Assert.True(FailoverDecision.ShouldServe(mac, standby, Down));
    }

    [Fact]
    public void PartnerState_FromHeartbeatAge()
    {
        var limit = TimeSpan.FromSeconds(30);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(PartnerStatus.Down, PartnerState.From(null, limit).Status);
        Assert.Equal(PartnerStatus.Up, PartnerState.From(new ServerHeartbeat("b", null, now, TimeSpan.FromSeconds(29)), limit).Status);
        Assert.Equal(PartnerStatus.Down, PartnerState.From(new ServerHeartbeat("b", null, now, TimeSpan.FromSeconds(31)), limit).Status);
    }

    [Fact]
    public void Settings_RejectPercentOutOfRange() =>
        Assert.Throws<InvalidOperationException>(() => Settings(FailoverRole.Primary, percent: 101).OwnedBuckets);
}
