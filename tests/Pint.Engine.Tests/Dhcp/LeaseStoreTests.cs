using System.Net;
using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

public class LeaseStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly string _directory = DhcpTestTools.TempDirectory();

    private string LeasePath => Path.Combine(_directory, "dnsmasq.leases");

    private static DhcpLease Lease(int n, string? name = null) =>
        new(IPAddress.Parse($"10.0.{n / 250}.{n % 250 + 1}"), $"52:54:00:00:{n / 256:x2}:{n % 256:x2}", name, null, Now.AddHours(1));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CommittedLeasesAreThereAfterReopen_WithReleasesGone()
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
    public async Task LeaseIsOnDiskWhenCommitCompletes_BeforeTheStoreIsClosed()
    {
        await using var store = LeaseStore.Open(LeasePath, Now);
        await store.CommitAsync(Lease(7, "seven"));

        // Read the file behind the store's back, as a crash right after the ACK would leave it.
        var onDisk = LeaseFile.Read(LeasePath);
        Assert.Equal("seven", Assert.Single(onDisk.Leases).HostName);
    }

    [Fact]
    public async Task TornLastLineFromACrashIsSkippedAndTheRestLoads()
    {
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            await store.CommitAsync(Lease(1, "one"));
            await store.CommitAsync(Lease(2, "two"));
        }
        var bytes = File.ReadAllBytes(LeasePath);
        File.WriteAllBytes(LeasePath, bytes[..^12]); // kill -9 in the middle of the second line

        await using var reopened = LeaseStore.Open(LeasePath, Now);

        Assert.Equal("one", Assert.Single(reopened.Snapshot()).HostName);
        Assert.Contains("torn", Assert.Single(reopened.LoadDiagnostics).Message);
        // Reopening compacted the file: the torn tail is gone, new records append cleanly.
        await reopened.CommitAsync(Lease(3, "three"));
        Assert.Empty(LeaseFile.Read(LeasePath).Diagnostics);
    }

    [Fact]
    public async Task ConcurrentCommitsShareFsyncs_AndAllAreDurable()
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
    public async Task JournalIsCompactedWhenItOutgrowsTheLiveLeases()
    {
        await using (var store = LeaseStore.Open(LeasePath, Now))
        {
            for (var renewal = 0; renewal < 1100; renewal++)
                await store.CommitAsync(Lease(1, $"r{renewal}"));
        }
        var lines = File.ReadAllLines(LeasePath);
        Assert.True(lines.Length < 200, $"journal not compacted: {lines.Length} lines");
        Assert.Equal("r1099", Assert.Single(LeaseFile.Read(LeasePath).Leases).HostName);
    }

    [Fact]
    public async Task ExpiredLeasesAreNotLoaded_AndExpireRemovesThem()
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
    public async Task LookupsByMacAndClientId()
    {
        await using var store = LeaseStore.InMemory();
        await store.CommitAsync(Lease(1) with { ClientId = "01:52:54:00:00:00:01" });

        Assert.Equal(Lease(1).Address, store.FindByHardwareAddress("52:54:00:00:00:01").Single().Address);
        Assert.Equal(Lease(1).Address, store.FindByClientId("01:52:54:00:00:00:01")!.Address);
        Assert.Null(store.FindByClientId("01:52:54:00:00:00:02"));
    }

    [Fact]
    public async Task DiskFull_CommitFails_LeaseIsNotGranted_AndTheFileStaysClean()
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

            disk.Free();
            await store.CommitAsync(Lease(3, "after"));
        }
        var onDisk = LeaseFile.Read(path);
        Assert.Empty(onDisk.Diagnostics);
        Assert.Equal(["before", "after"], onDisk.Leases.Select(l => l.HostName));
    }
}
