using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Dns;

public class UdpBatchNapTests
{
    [Theory]
    [InlineData(1)] // a query now and then (any LAN): answered at once, never held back
    [InlineData(2)]
    [InlineData(3)]
    public void Light_traffic_is_never_held_back(int received) =>
        Assert.False(UdpBatchNap.After(received, UdpBatchLoop.BatchSize));

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void A_steady_stream_waits_so_the_next_receive_takes_more_queries(int received) =>
        Assert.True(UdpBatchNap.After(received, UdpBatchLoop.BatchSize));

    [Theory]
    [InlineData(17)]
    [InlineData(32)] // a full batch: queries are already waiting, waiting more would only fall behind
    public void A_loop_that_is_behind_never_waits(int received) =>
        Assert.False(UdpBatchNap.After(received, UdpBatchLoop.BatchSize));

    [Fact]
    public void The_wait_is_short_enough_to_stay_within_a_LAN_round_trip() =>
        Assert.InRange(UdpBatchNap.Length, TimeSpan.FromMicroseconds(50), TimeSpan.FromMicroseconds(250));
}
