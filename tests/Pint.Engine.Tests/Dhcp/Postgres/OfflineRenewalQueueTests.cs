using System.Net;
using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Postgres;

public sealed class OfflineRenewalQueueTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pint-renewals-").FullName;
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 12, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SharedLease Held(int last, string server = "a", SharedLeaseState state = SharedLeaseState.Active, DateTimeOffset? expires = null) =>
        new(IPAddress.Parse($"10.0.0.{last}"), $"52:54:00:00:00:{last:x2}", last % 2 == 0 ? $"01:52:54:00:00:00:{last:x2}" : null,
            "host" + last, expires ?? Now.AddMinutes(30), server, "lan", state);

    [Fact]
    public void TryEnqueue_AcceptsOnlyLiveActiveLeasesOfThisServer()
    {
        var queue = new OfflineRenewalQueue("a");
        Assert.True(queue.TryEnqueue(Held(1), Now.AddHours(1), null, Now));
        Assert.False(queue.TryEnqueue(Held(2, server: "b"), Now.AddHours(1), null, Now));
        Assert.False(queue.TryEnqueue(Held(3, state: SharedLeaseState.Offered), Now.AddHours(1), null, Now));
        Assert.False(queue.TryEnqueue(Held(4, expires: Now.AddSeconds(-1)), Now.AddHours(1), null, Now));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void TryEnqueue_KeepsTheNewestRenewalPerAddress()
    {
        var queue = new OfflineRenewalQueue("a");
        queue.TryEnqueue(Held(1), Now.AddHours(1), null, Now);
        queue.TryEnqueue(Held(1), Now.AddHours(2), "renamed", Now.AddMinutes(5));
        var only = Assert.Single(queue.Snapshot());
        Assert.Equal(Now.AddHours(2), only.Expires);
        Assert.Equal("renamed", only.HostName);
    }

    [Fact]
    public void Journal_SurvivesARestart_AndIsCompactedAfterReplay()
    {
        var path = Path.Combine(_folder, "renewals.journal");
        var queue = new OfflineRenewalQueue("a", path);
        queue.TryEnqueue(Held(1), Now.AddHours(1), null, Now);
        queue.TryEnqueue(Held(2), null, "-", Now.AddSeconds(1)); // infinite, and a host name that looks like the null marker
        queue.TryEnqueue(Held(1), Now.AddHours(3), null, Now.AddSeconds(2));

        var reloaded = new OfflineRenewalQueue("a", path);
        Assert.Equal(queue.Snapshot(), reloaded.Snapshot());
        Assert.Equal("-", reloaded.Snapshot()[1].HostName);
        Assert.Null(reloaded.Snapshot()[1].Expires);

        var target = new FakeTarget();
        var report = reloaded.ReplayAsync(target).Result;
        Assert.Equal(2, report.Applied);
        Assert.Equal(0, report.Remaining);
        Assert.Empty(File.ReadAllText(path));
        Assert.Equal(0, new OfflineRenewalQueue("a", path).Count);
    }

    [Fact]
    public async Task Replay_StopsAtTheFirstUnavailability_AndKeepsTheRest()
    {
        var path = Path.Combine(_folder, "renewals.journal");
        var queue = new OfflineRenewalQueue("a", path);
        for (var i = 1; i <= 5; i++) queue.TryEnqueue(Held(i), Now.AddHours(1), null, Now.AddSeconds(i));
        var target = new FakeTarget { FailAfter = 2 };
        var report = await queue.ReplayAsync(target);
        Assert.Equal(2, report.Applied);
        Assert.Equal(3, report.Remaining);
        Assert.NotNull(report.StoppedBy);
        Assert.Equal(3, new OfflineRenewalQueue("a", path).Count); // the journal holds exactly what is left

        target.FailAfter = int.MaxValue;
        target.ConflictOn = IPAddress.Parse("10.0.0.4");
        report = await queue.ReplayAsync(target);
        Assert.Equal(2, report.Applied);
        Assert.Equal(IPAddress.Parse("10.0.0.4"), Assert.Single(report.Conflicts).Renewal.Address);
        Assert.Equal(0, report.Remaining);
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"], target.Written.Select(r => r.Address.ToString()).Distinct());
    }

    [Fact]
    public async Task Replay_ARenewalQueuedAgainDuringTheReplayStaysQueued()
    {
        var queue = new OfflineRenewalQueue("a");
        queue.TryEnqueue(Held(1), Now.AddHours(1), null, Now);
        var target = new FakeTarget { OnWrite = () => queue.TryEnqueue(Held(1), Now.AddHours(2), null, Now.AddMinutes(1)) };
        var report = await queue.ReplayAsync(target);
        Assert.Equal(1, report.Applied);
        Assert.Equal(Now.AddHours(2), Assert.Single(queue.Snapshot()).Expires);
    }

    private sealed class FakeTarget : IOfflineRenewalTarget
    {
        public int FailAfter { get; set; } = int.MaxValue;
        public IPAddress? ConflictOn { get; set; }
        public Action? OnWrite { get; set; }
        public List<QueuedRenewal> Written { get; } = [];
        private int _calls;

        public Task<OfflineRenewalOutcome> ApplyOfflineRenewalAsync(QueuedRenewal renewal, CancellationToken cancellationToken)
        {
            if (_calls++ >= FailAfter) throw new LeaseBackendUnavailableException("offline renewal", TimeSpan.Zero, new IOException("down"));
            OnWrite?.Invoke();
            OnWrite = null;
            Written.Add(renewal);
            return Task.FromResult(renewal.Address.Equals(ConflictOn)
                ? new OfflineRenewalOutcome(OfflineRenewalStatus.Conflict, null)
                : new OfflineRenewalOutcome(OfflineRenewalStatus.Applied));
        }
    }
}
