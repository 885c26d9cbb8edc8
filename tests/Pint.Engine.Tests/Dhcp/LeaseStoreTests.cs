using System.Net;
using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

public class LeaseStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly string _directory = DhcpTestTools.TempDirectory();

    private string LeasePath => Path.Combine(_directory, "dnsmasq.leases");

    private string JournalPath => LeasePath + ".journal";

    // A snapshot follows a change within a second; this leaves room for a loaded machine.
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(5);

    private static DhcpLease Lease(int n, string? name = null) =>
        new(IPAddress.Parse($"10.0.{n / 250}.{n % 250 + 1}"), $"52:54:00:00:{n / 256:x2}:{n % 256:x2}", name, null, Now.AddHours(1));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Committed_leases_are_there_after_reopen_with_releases_gone()
    {
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            await store.CommitAsync(Lease(1, "one"));
            await store.CommitAsync(Lease(2, "two"));
            await store.CommitAsync(Lease(1, "one-renamed"));
            await store.ReleaseAsync(Lease(2).Address);
        }

        await using var reopened = LeaseStore.Open(LeasePath, Now);
        var lease = Assert.Single(reopened.Snapshot());
        Assert.Equal("one-renamed", lease.HostName);
        Assert.Empty(reopened.LoadDiagnostics);
    }

    [Fact]
    public async Task Lease_is_on_disk_when_commit_completes_before_the_store_is_closed()
    {
        await using var store = LeaseStore.Open(LeasePath, Now);
        await store.CommitAsync(Lease(7, "seven"));

        // Read the files behind the store's back, as a crash right after the ACK would leave them.
        var onDisk = LeaseFile.ReadWithJournal(LeasePath);
        Assert.Equal("seven", Assert.Single(onDisk.Leases).HostName);
    }

    [Fact]
    public async Task Torn_last_line_from_a_crash_is_skipped_and_the_rest_loads()
    {
        // kill -9 in the middle of appending the third record to the journal.
        File.WriteAllText(LeasePath, LeaseFile.FormatLine(Lease(1, "one")));
        File.WriteAllText(JournalPath, LeaseFile.FormatLine(Lease(2, "two")) + LeaseFile.FormatLine(Lease(3, "three"))[..20]);

        await using var reopened = LeaseStore.Open(LeasePath, Now);

        Assert.Equal(["one", "two"], reopened.Snapshot().Select(l => l.HostName).Order());
        Assert.Contains("torn", Assert.Single(reopened.LoadDiagnostics).Message);
        // Reopening wrote a fresh snapshot and an empty journal: the torn tail is gone, new records append cleanly.
        Assert.Equal(0, new FileInfo(JournalPath).Length);
        await reopened.CommitAsync(Lease(4, "four"));
        Assert.Empty(LeaseFile.ReadWithJournal(LeasePath).Diagnostics);
    }

    [Fact]
    public async Task Concurrent_commits_share_fsyncs_and_all_are_durable()
    {
        const int commits = 500;
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            await Task.WhenAll(Enumerable.Range(0, commits).Select(n => Task.Run(() => store.CommitAsync(Lease(n)).AsTask())));

            Assert.Equal(commits, store.RecordsWritten);
            Assert.True(store.FsyncCount < commits, $"expected group commit, got {store.FsyncCount} fsyncs for {commits} commits");
        }
        Assert.Equal(commits, LeaseFile.Read(LeasePath).Leases.Count);
    }

    [Fact]
    public async Task Renewals_leave_one_line_in_the_file_and_the_journal_is_cut_back_while_the_store_runs()
    {
        await using var store = LeaseStore.Open(LeasePath, Now);
        for (var renewal = 0; renewal < 1100; renewal++)
            await store.CommitAsync(Lease(1, $"r{renewal}"));

        var leases = LeaseFileChecks.WaitFor(LeasePath, l => l.Count == 1 && l[0].HostName == "r1099", SnapshotWait);
        Assert.Equal("r1099", Assert.Single(LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, Now)).HostName);
        Assert.Equal(leases, LeaseFile.Read(LeasePath).Leases);
        var deadline = DateTime.UtcNow + SnapshotWait;
        while (new FileInfo(JournalPath).Length > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(0, new FileInfo(JournalPath).Length);
        Assert.True(store.SnapshotCount < 20, $"{store.SnapshotCount} snapshots for 1100 quick renewals: bursts must share one");
    }

    [Fact]
    public async Task A_release_leaves_the_lease_file_within_a_second_and_each_client_keeps_one_line()
    {
        await using var store = LeaseStore.Open(LeasePath, Now);
        await store.CommitAsync(Lease(1, "one"));
        await store.CommitAsync(Lease(2, "two"));
        await store.CommitAsync(Lease(1, "one") with { Expires = Now.AddHours(2) }); // a renewal
        await store.ReleaseAsync(Lease(2).Address);

        var expected = LeaseFile.FormatLine(Lease(1, "one") with { Expires = Now.AddHours(2) });
        var deadline = DateTime.UtcNow + SnapshotWait;
        while (File.ReadAllText(LeasePath) != expected && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(expected, File.ReadAllText(LeasePath));
    }

    [Fact]
    public async Task A_client_id_that_moves_to_another_address_leaves_one_line()
    {
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            await store.CommitAsync(Lease(1) with { ClientId = "01:aa" });
            await store.CommitAsync(Lease(2) with { ClientId = "01:aa" });
            LeaseFileChecks.WaitFor(LeasePath, l => l.Count == 1 && l[0].Address.Equals(Lease(2).Address), SnapshotWait);
            Assert.Equal(Lease(2).Address, Assert.Single(LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, Now)).Address);
        }
        await using var reopened = LeaseStore.Open(LeasePath, Now);
        Assert.Equal(Lease(2).Address, Assert.Single(reopened.Snapshot()).Address);
    }

    [Fact]
    public async Task A_reader_polling_the_file_under_load_never_sees_a_partial_line_a_duplicate_or_a_release()
    {
        const int clients = 400;
        await using var store = LeaseStore.Open(LeasePath, Now);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = File.ReadAllText(LeasePath);
                reads++;
                if (LeaseFileChecks.Violation(text, Now) is { } violation) return violation;
            }
            return null;
        });

        // Every client: a lease, a renewal, and for every third a release, with many at once.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(n => Task.Run(async () =>
        {
            await store.CommitAsync(Lease(n, $"c{n}"));
            await store.CommitAsync(Lease(n, $"c{n}") with { Expires = Now.AddHours(2) });
            if (n % 3 == 0) await store.ReleaseAsync(Lease(n).Address);
        })));
        var live = Enumerable.Range(0, clients).Count(n => n % 3 != 0);
        LeaseFileChecks.WaitFor(LeasePath, l => l.Count == live, SnapshotWait);
        await stop.CancelAsync();

        Assert.Null(await reader);
        Assert.True(reads > 10, $"the reader read the file only {reads} times");
        var onDisk = LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, Now);
        Assert.Equal(live, onDisk.Count);
        Assert.All(onDisk, l => Assert.Equal(Now.AddHours(2), l.Expires));
    }

    [Fact]
    public async Task A_crash_between_the_snapshot_and_the_journal_trim_loses_nothing_and_revives_nothing()
    {
        // The snapshot was renamed into place, then the process died before cutting the journal whose records it holds:
        // 1 renewed, 2 released, 3 moved from 3's address (client id) to 4's.
        File.WriteAllText(LeasePath, LeaseFile.FormatLine(Lease(1, "renewed")) + LeaseFile.FormatLine(Lease(4) with { ClientId = "01:cc" }));
        File.WriteAllText(JournalPath, string.Concat(
            LeaseFile.FormatLine(Lease(1, "first")),
            LeaseFile.FormatLine(Lease(2, "gone")),
            LeaseFile.FormatLine(Lease(3) with { ClientId = "01:cc" }),
            LeaseFile.FormatLine(Lease(1, "renewed")),
            LeaseFile.FormatLine(Lease(2, "gone") with { Expires = LeaseFile.ReleasedExpiry }),
            LeaseFile.FormatLine(Lease(3) with { ClientId = "01:cc", Expires = LeaseFile.ReleasedExpiry }),
            LeaseFile.FormatLine(Lease(4) with { ClientId = "01:cc" })));

        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            Assert.Equal([Lease(1, "renewed"), Lease(4) with { ClientId = "01:cc" }], store.Snapshot().OrderBy(l => l.HardwareAddress));
        }
        var file = LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, Now);
        Assert.Equal([Lease(1, "renewed"), Lease(4) with { ClientId = "01:cc" }], file.OrderBy(l => l.HardwareAddress));
        Assert.False(File.Exists(JournalPath), "a store closed cleanly leaves no journal");
    }

    [Fact]
    public async Task A_dnsmasq_lease_file_without_a_journal_loads_and_is_rewritten_as_dnsmasq_would()
    {
        File.WriteAllText(LeasePath,
            "1800003600 52:54:00:aa:bb:02 10.0.0.131 laptop 01:52:54:00:aa:bb:02\n" +
            "0 52:54:00:aa:bb:01 10.0.0.20 printer *\n" +
            "1700000000 52:54:00:aa:bb:03 10.0.0.132 old *\n");

        await using var store = LeaseStore.Open(LeasePath, Now);

        Assert.Equal(["laptop", "printer"], store.Snapshot().Select(l => l.HostName).Order());
        Assert.Equal(
            "1800003600 52:54:00:aa:bb:02 10.0.0.131 laptop 01:52:54:00:aa:bb:02\n0 52:54:00:aa:bb:01 10.0.0.20 printer *\n",
            File.ReadAllText(LeasePath));
    }

    [Fact]
    public async Task An_expired_lease_leaves_the_lease_file_while_the_store_runs()
    {
        await using var store = LeaseStore.Open(LeasePath, Now);
        await store.CommitAsync(Lease(1, "short") with { Expires = Now.AddMinutes(2) });
        await store.CommitAsync(Lease(2, "long"));
        Assert.Equal(Now.AddMinutes(2), store.NextExpiry);
        Assert.Empty(store.Expire(Now.AddMinutes(1)));

        Assert.Equal("short", Assert.Single(store.Expire(Now.AddMinutes(2))).HostName);

        LeaseFileChecks.WaitFor(LeasePath, l => l.Count == 1 && l[0].HostName == "long", SnapshotWait);
        Assert.Equal("long", Assert.Single(LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, Now.AddMinutes(2))).HostName);
        Assert.Equal(Lease(2).Expires, store.NextExpiry);
    }

    [Fact]
    public async Task Expired_leases_are_not_loaded_and_expire_removes_them()
    {
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            await store.CommitAsync(Lease(1) with { Expires = Now.AddMinutes(1) });
            await store.CommitAsync(Lease(2) with { Expires = null });
            Assert.Equal([Lease(1).Address], store.Expire(Now.AddMinutes(2)).Select(l => l.Address));
        }
        await using var reopened = LeaseStore.Open(LeasePath, Now.AddMinutes(2));
        Assert.Equal(Lease(2).Address, Assert.Single(reopened.Snapshot()).Address);
    }

    [Fact]
    public async Task Lookups_by_MAC_and_client_ID()
    {
        await using var store = LeaseStore.InMemory();
        await store.CommitAsync(Lease(1) with { ClientId = "01:52:54:00:00:00:01" });

        Assert.Equal(Lease(1).Address, store.FindByHardwareAddress("52:54:00:00:00:01").Single().Address);
        Assert.Equal(Lease(1).Address, store.FindByClientId("01:52:54:00:00:00:01")!.Address);
        Assert.Null(store.FindByClientId("01:52:54:00:00:00:02"));
    }

    [Fact]
    public async Task Disk_full_commit_fails_lease_is_not_granted_and_the_file_stays_clean()
    {
        using var disk = DhcpTestTools.MountTinyDisk(64);
        if (disk is null) return;
        var path = Path.Combine(disk.Path, "dnsmasq.leases");
        await using (var store = LeaseStore.Open(path, Now))
        {
            await store.CommitAsync(Lease(1, "before"));
            disk.Fill();

            // Longer than a page, so it cannot fit in the space left in the file's last allocated page:
            // the write is partial, then fails, and the partial line must be cut off again.
            var lost = Lease(2, new string('x', 5000));
            await Assert.ThrowsAsync<LeaseStoreWriteException>(() => store.CommitAsync(lost).AsTask());
            Assert.Null(store.FindByAddress(Lease(2).Address));
            await Task.Delay(1500); // a snapshot that fails on the full disk must leave the last good file
            Assert.Null(LeaseFileChecks.Violation(File.ReadAllText(path), Now));

            disk.Free();
            await store.CommitAsync(Lease(3, "after"));
        }
        var onDisk = LeaseFile.Read(path);
        Assert.Empty(onDisk.Diagnostics);
        Assert.Equal(["before", "after"], onDisk.Leases.Select(l => l.HostName));
    }
}
