using System.Net;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>Which request gets a transfer slot and which transfer gives way for it, without sockets or clocks.</summary>
public class TftpAdmissionTests
{
    private static readonly TftpRequest Boot = new(TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet, default);
    private static readonly IPAddress HostA = IPAddress.Parse("192.0.2.1"), HostB = IPAddress.Parse("192.0.2.2"), HostC = IPAddress.Parse("192.0.2.3");
    private static int _port = 1024;

    /// <summary>A transfer started at <paramref name="started"/> whose client has not answered: stalled since then.</summary>
    private static TftpRunningTransfer Unanswered(IPAddress host, long started) => new(Boot, new IPEndPoint(host, Interlocked.Increment(ref _port)), started);

    private static TftpRunningTransfer Moving(IPAddress host)
    {
        var transfer = Unanswered(host, 1);
        transfer.ClientAnswered();
        return transfer;
    }

    private static TftpRunningTransfer Retransmitting(IPAddress host, long since)
    {
        var transfer = Moving(host);
        transfer.TimedOut(since);
        return transfer;
    }

    [Fact]
    public void With_room_a_request_is_admitted_and_nothing_gives_way()
    {
        Assert.True(TftpAdmission.TryAdmit([Unanswered(HostA, 10), Moving(HostB)], HostC, 3, 2, out var evict, out _));
        Assert.Null(evict);
    }

    [Fact]
    public void A_host_at_its_share_gives_up_its_own_stalest_stalled_transfer()
    {
        var stalest = Retransmitting(HostA, 5);
        TftpRunningTransfer[] running = [Unanswered(HostA, 20), stalest, Moving(HostA), Unanswered(HostB, 1)];
        Assert.True(TftpAdmission.TryAdmit(running, HostA, 50, 3, out var evict, out _));
        Assert.Same(stalest, evict); // not HostB's older one: a host pays for its own
    }

    [Fact]
    public void A_host_at_its_share_with_every_transfer_moving_is_refused()
    {
        Assert.False(TftpAdmission.TryAdmit([Moving(HostA), Moving(HostA)], HostA, 50, 2, out var evict, out var refusal));
        Assert.Null(evict);
        Assert.Contains("192.0.2.1", refusal);
    }

    [Fact]
    public void When_full_the_stalest_stalled_transfer_of_the_busiest_host_gives_way()
    {
        var busiestStalest = Unanswered(HostA, 30);
        TftpRunningTransfer[] running = [Unanswered(HostB, 1), Moving(HostA), Unanswered(HostA, 40), busiestStalest, Retransmitting(HostC, 2)];
        Assert.True(TftpAdmission.TryAdmit(running, HostC, 5, 5, out var evict, out _));
        Assert.Same(busiestStalest, evict);
    }

    [Fact]
    public void When_full_a_moving_transfer_never_gives_way()
    {
        var stalled = Retransmitting(HostB, 9);
        Assert.True(TftpAdmission.TryAdmit([Moving(HostA), Moving(HostA), stalled], HostC, 3, 3, out var evict, out _));
        Assert.Same(stalled, evict);

        Assert.False(TftpAdmission.TryAdmit([Moving(HostA), Moving(HostA), Moving(HostB)], HostC, 3, 3, out evict, out var refusal));
        Assert.Null(evict);
        Assert.Contains("limit 3", refusal);
    }

    [Fact]
    public void A_transfer_that_moves_again_is_no_longer_stalled()
    {
        var transfer = Retransmitting(HostA, 7);
        Assert.Equal(7, transfer.StalledSince);
        transfer.Progressed();
        Assert.Equal(0, transfer.StalledSince);
        Assert.Equal(5, Unanswered(HostA, 5).StalledSince);
    }

    [Theory]
    [InlineData(50, 25)]
    [InlineData(3, 1)]
    [InlineData(1, 1)]
    public void A_hosts_default_share_is_half_of_TFTP_max(int maxTransfers, int share) =>
        Assert.Equal(share, TftpAdmission.DefaultShare(maxTransfers));
}
