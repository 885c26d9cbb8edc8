using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Protocol;
using Pint.Engine.Dhcp6.Server;
using Pint.Engine.Tests.Dhcp;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// One writer owns the lease file for both families (issue #16): a DHCPv6 binding committed through the DHCPv4 lease
/// store's writer is journaled and fsync'ed before the commit completes, so the file with its journal holds it at any
/// moment (a kill -9 loses nothing); the snapshot holds the DHCPv4 lines, the duid line, then the DHCPv6 lines, as
/// dnsmasq's lease file does; a restart (a new store on the files as a crash left them) keeps both. No sockets.
/// </summary>
public sealed class Dhcp6SharedLeaseFileTests : IDisposable
{
    private static readonly byte[] ServerDuid = Dhcp6Duid.CreateLlt([0x52, 0x54, 0, 0x12, 0x34, 0x56], DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly string _directory = DhcpTestTools.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string LeasePath => Path.Combine(_directory, "both.leases");

    private static DhcpLease V4(int host, DateTimeOffset expires) =>
        new(IPAddress.Parse($"10.0.0.{host}"), $"52:54:00:aa:bb:{host:x2}", $"v4host{host}", null, expires);

    private static Dhcp6Lease V6(int host, DateTimeOffset expires, uint iaid = 7) =>
        new([0, 3, 0, 1, 0x52, 0x54, 0, 0, 0, (byte)host], iaid, IPAddress.Parse($"fd00:77::{host:x}"), expires, $"v6host{host}");

    /// <summary>What a server started on the files as they are now would load: the file with its journal replayed.</summary>
    private (IReadOnlyList<DhcpLease> V4, IReadOnlyList<Dhcp6Lease> V6, byte[]? Duid) OnDisk(string path, DateTimeOffset now)
    {
        var read = LeaseFile.ReadWithJournal(path);
        Assert.Empty(read.Diagnostics);
        var v6 = Dhcp6LeaseFile.Read(path);
        Assert.Empty(v6.Problems);
        return (read.Active(now).ToList(), v6.Leases.Where(l => !l.IsExpiredAt(now)).ToList(), v6.ServerDuid);
    }

    /// <summary>
    /// The lease file and its journal as a kill -9 would leave them at this moment, copied aside: the journal first, as
    /// a reader must (a snapshot landing in between holds what the journal copied had).
    /// </summary>
    private string CrashCopy(string name)
    {
        var copy = Path.Combine(_directory, name);
        if (File.Exists(LeaseFile.JournalPath(LeasePath))) File.Copy(LeaseFile.JournalPath(LeasePath), LeaseFile.JournalPath(copy));
        File.Copy(LeasePath, copy);
        return copy;
    }

    [Fact]
    public async Task A_dhcpv6_commit_is_journaled_with_the_dhcpv4_ones_and_the_snapshot_holds_both_families()
    {
        var now = DateTimeOffset.UtcNow;
        var expires = DateTimeOffset.FromUnixTimeSeconds(now.AddHours(12).ToUnixTimeSeconds());
        await using var store = LeaseStore.Open(LeasePath, now);
        var writer = new Dhcp6JournalWriter(() => store.DiskWriter, ServerDuid, LeasePath);

        // Both families at once: the DHCPv6 records ride in the same group commit as the DHCPv4 ones.
        var v4 = store.CommitAsync(V4(10, expires));
        var v6 = writer.WriteAsync([V6(0x1001, expires), V6(0x1002, expires, iaid: 8)], []);
        await v4;
        await v6;
        Assert.True(store.FsyncCount is 1 or 2, $"{store.FsyncCount} fsyncs");

        // Right after the commits, before any snapshot: the journal has them (this is what kill -9 leaves).
        var crashed = CrashCopy("crash1.leases");
        var (v4s, v6s, duid) = OnDisk(crashed, now);
        Assert.Equal(["10.0.0.10"], v4s.Select(l => l.Address.ToString()));
        Assert.Equal(["fd00:77::1001", "fd00:77::1002"], v6s.Select(l => l.Address.ToString()).Order());
        Assert.Equal(ServerDuid, duid);
        Assert.Equal(7u, v6s.Single(l => l.Address.Equals(IPAddress.Parse("fd00:77::1001"))).Iaid);
        Assert.Equal("v6host4098", v6s.Single(l => l.Address.Equals(IPAddress.Parse("fd00:77::1002"))).HostName);

        // Within a second the snapshot holds both families in dnsmasq's layout: IPv4 lines, duid, IPv6 lines.
        // (Two fsyncs: the first batch's snapshot may hold DHCPv4 alone, and the next, a second on, both.)
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!File.ReadAllText(LeasePath).Contains("fd00:77::1002") && DateTime.UtcNow < deadline) await Task.Delay(20);
        var lines = File.ReadAllLines(LeasePath);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{expires.ToUnixTimeSeconds()} 52:54:00:aa:bb:0a 10.0.0.10 v4host10 ", lines[0]);
        Assert.Equal("duid " + Dhcp6Duid.Format(ServerDuid), lines[1]);
        Assert.Equal([$"{expires.ToUnixTimeSeconds()} 7 fd00:77::1001 v6host4097 00:03:00:01:52:54:00:00:00:01",
            $"{expires.ToUnixTimeSeconds()} 8 fd00:77::1002 v6host4098 00:03:00:01:52:54:00:00:00:02"], lines[2..].Order());
        LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, now);

        // After that snapshot: a release and a renewal go to the journal alone, with no duid line (the file has it).
        var renewed = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds() + 600);
        await writer.WriteAsync([V6(0x1002, renewed, iaid: 8)], [V6(0x1001, expires)]);
        await WaitForJournal(j => j.Contains("fd00:77::1002") && !j.Contains("duid"));
        var (_, afterRelease, _) = OnDisk(CrashCopy("crash2.leases"), now);
        var left = Assert.Single(afterRelease);
        Assert.Equal((IPAddress.Parse("fd00:77::1002"), (DateTimeOffset?)renewed), (left.Address, left.Expires));

        // A restart on the crashed files: a new store keeps the DHCPv6 part (as its snapshot), and the DHCPv6 side reads it.
        await using (var restarted = LeaseStore.Open(Path.Combine(_directory, "crash2.leases"), now))
        {
            Assert.Equal(["10.0.0.10"], restarted.Snapshot().Select(l => l.Address.ToString()));
            Assert.False(File.Exists(LeaseFile.JournalPath(Path.Combine(_directory, "crash2.leases"))) &&
                new FileInfo(LeaseFile.JournalPath(Path.Combine(_directory, "crash2.leases"))).Length > 0, "the restart folds the journal into the file");
            var again = Dhcp6LeaseFile.Read(Path.Combine(_directory, "crash2.leases"));
            Assert.Equal(ServerDuid, again.ServerDuid);
            Assert.Equal(["fd00:77::1002"], again.Leases.Select(l => l.Address.ToString()));
        }

        // A clean stop leaves one file holding both, and no journal.
        await store.DisposeAsync();
        Assert.False(File.Exists(LeaseFile.JournalPath(LeasePath)));
        var (finalV4, finalV6, finalDuid) = OnDisk(LeasePath, now);
        Assert.Single(finalV4);
        Assert.Equal(["fd00:77::1002"], finalV6.Select(l => l.Address.ToString()));
        Assert.Equal(ServerDuid, finalDuid);
    }

    [Fact]
    public async Task The_dhcpv6_lines_a_file_held_stay_expired_ones_leave_and_a_dhcpv4_release_keeps_them()
    {
        var now = DateTimeOffset.UtcNow;
        var live = now.AddHours(1).ToUnixTimeSeconds();
        var gone = now.AddHours(-1).ToUnixTimeSeconds();
        File.WriteAllText(LeasePath,
            $"{live} 52:54:00:aa:bb:01 10.0.0.1 one *\n" +
            $"duid {Dhcp6Duid.Format(ServerDuid)}\n" +
            $"{live} 5 fd00:77::5 five 00:03:00:01:52:54:00:00:00:05\n" +
            $"{gone} 6 fd00:77::6 six 00:03:00:01:52:54:00:00:00:06\n");
        await using var store = LeaseStore.Open(LeasePath, now);
        var writer = new Dhcp6JournalWriter(() => store.DiskWriter, ServerDuid, LeasePath);
        // The DHCPv6 service drops the binding that ran out: it leaves with the next snapshot, unjournaled.
        writer.Forget([V6(6, DateTimeOffset.FromUnixTimeSeconds(gone))]);
        Assert.NotNull(await store.ReleaseAsync(IPAddress.Parse("10.0.0.1")));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (File.ReadAllText(LeasePath) is var text && (text.Contains("fd00:77::6") || text.Contains("10.0.0.1 ")) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal([$"duid {Dhcp6Duid.Format(ServerDuid)}", $"{live} 5 fd00:77::5 five 00:03:00:01:52:54:00:00:00:05"], File.ReadAllLines(LeasePath));
    }

    [Fact]
    public async Task Without_a_writer_the_commit_fails_so_no_reply_grants_an_unrecorded_lease()
    {
        LeaseDiskWriter? none = null;
        var writer = new Dhcp6JournalWriter(() => none, ServerDuid, LeasePath);
        await Assert.ThrowsAsync<LeaseStoreWriteException>(() => writer.WriteAsync([V6(1, DateTimeOffset.UtcNow.AddHours(1))], []));

        // A writer already stopped: the same.
        var store = LeaseStore.Open(LeasePath, DateTimeOffset.UtcNow);
        var disk = store.DiskWriter;
        await store.DisposeAsync();
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => new Dhcp6JournalWriter(() => disk, ServerDuid, LeasePath).WriteAsync([V6(1, DateTimeOffset.UtcNow.AddHours(1))], []));
    }

    private async Task WaitForJournal(Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string text;
        while (!done(text = File.Exists(LeaseFile.JournalPath(LeasePath)) ? File.ReadAllText(LeaseFile.JournalPath(LeasePath)) : "") && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.True(done(text), $"journal: {text}");
    }
}
