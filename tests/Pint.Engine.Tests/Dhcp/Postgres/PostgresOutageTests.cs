using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>The database going away: a PostgreSQL server of its own (stopped and started again), and fake dead servers.</summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static LeaseClient Client(int n) => new($"52:54:00:77:{n >> 8 & 0xff:x2}:{n & 0xff:x2}", null, "c" + n);

    [Fact]
    public async Task DatabaseStoppedMidway_OperationsFailFast_QueueReplaysWhenItIsBack_NothingAcknowledgedIsLost()
    {
        await using var server = await PostgresTestServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var a = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-a", OperationTimeout = Timeout });
        await using var b = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-b", OperationTimeout = Timeout });
        await a.EnsureSchemaAsync();

        // Leases server A holds: 20 for an hour, one (10.30.0.99) for a few seconds, so that it ends during the outage.
        var held = new List<SharedLease>();
        for (var i = 1; i <= 20; i++)
            held.Add((await a.ClaimAsync(IPAddress.Parse($"10.30.0.{i}"), Client(i), "lan", TimeSpan.FromHours(1))).Lease!);
        var shortLease = (await a.ClaimAsync(IPAddress.Parse("10.30.0.99"), Client(99), "lan", TimeSpan.FromSeconds(4))).Lease!;

        // Claims in flight from both servers when the database dies: every one that returned Won was acknowledged.
        var acknowledged = new ConcurrentDictionary<IPAddress, string>();
        var failures = new ConcurrentBag<Exception>();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stopLoad.IsCancellationRequested && n < 4000; n++)
            {
                var address = IPAddress.Parse($"10.31.{worker}.{n % 250 + 1}");
                if (n >= 250) address = IPAddress.Parse($"10.{32 + n / 250}.{worker}.{n % 250 + 1}");
                try
                {
                    var result = await (worker % 2 == 0 ? a : b).ClaimAsync(address, Client(worker << 12 | n), "load", TimeSpan.FromHours(1));
                    if (result.Won) acknowledged[address] = Client(worker << 12 | n).Key;
                }
                catch (Exception exception) { failures.Add(exception); await Task.Delay(20); }
            }
        })).ToArray();
        await Task.Delay(400);
        server.Stop("immediate"); // a crash: no shutdown checkpoint, the committed rows must come back from the WAL
        var afterStop = acknowledged.Count;

        // While it is down: every operation fails with the documented exception, within the timeout.
        async Task FailsFast(string what, Func<Task> operation)
        {
            var stopwatch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<LeaseBackendUnavailableException>(operation);
            output.WriteLine($"{what}: {error.GetType().Name} after {stopwatch.ElapsedMilliseconds} ms ({error.InnerException?.GetType().Name})");
            Assert.True(stopwatch.Elapsed < Timeout + TimeSpan.FromSeconds(1), $"{what} took {stopwatch.ElapsedMilliseconds} ms");
        }
        await FailsFast("claim", () => a.ClaimAsync(IPAddress.Parse("10.30.1.1"), Client(500), "lan", TimeSpan.FromHours(1)));
        await FailsFast("renew", () => a.RenewAsync(held[0].Address, Client(1), TimeSpan.FromHours(1)));
        await FailsFast("release", () => b.ReleaseAsync(held[1].Address, Client(2)));
        await FailsFast("load", () => b.LoadLiveAsync());
        Assert.False(await new HeartbeatWriter(a, new() { Role = FailoverRole.Primary, PartnerServerId = "dhcp-b" }).BeatOnceAsync());
        Assert.Equal(PartnerStatus.Unknown,
            (await new PartnerStateReader(b, new() { Role = FailoverRole.Secondary, PartnerServerId = "dhcp-a" }).RefreshAsync()).Status);

        await Task.Delay(300);
        stopLoad.Cancel();
        await Task.WhenAll(load);
        Assert.All(failures, f => Assert.IsType<LeaseBackendUnavailableException>(f));
        output.WriteLine($"load: {acknowledged.Count} claims acknowledged ({afterStop} when the database stopped), {failures.Count} failed");

        // Server A keeps renewing its own leases offline: queued (and fsync'ed to its journal) before each ACK.
        var journal = Path.Combine(server.Root, "a-renewals.journal");
        var queue = new OfflineRenewalQueue("dhcp-a", journal);
        var now = DateTimeOffset.UtcNow;
        var renewedTo = now.AddHours(2);
        foreach (var lease in held) Assert.True(queue.TryEnqueue(lease, renewedTo, null, now));
        Assert.True(queue.TryEnqueue(shortLease, renewedTo, null, now));
        var replayWhileDown = await queue.ReplayAsync(a);
        Assert.NotNull(replayWhileDown.StoppedBy);
        Assert.Equal(21, replayWhileDown.Remaining);

        // The server restarts too: the queue comes back from its journal.
        queue = new OfflineRenewalQueue("dhcp-a", journal);
        Assert.Equal(21, queue.Count);

        var untilShortLeaseEnds = shortLease.Expires!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500);
        if (untilShortLeaseEnds > TimeSpan.Zero) await Task.Delay(untilShortLeaseEnds);
        await server.StartAsync();

        // While A was cut off the partner swept the ended lease and an administrator held 10.30.0.20.
        Assert.Equal(shortLease.Address, Assert.Single(await b.ExpireAsync()).Address);
        await b.DeclineAsync(held[19].Address, "lan", TimeSpan.FromMinutes(10));

        var report = await queue.ReplayAsync(a);
        Assert.Null(report.StoppedBy);
        Assert.Equal(19, report.Applied);
        Assert.Equal(1, report.Reinserted);
        Assert.Equal(held[19].Address, Assert.Single(report.Conflicts).Renewal.Address);
        Assert.Equal(0, report.Remaining);
        Assert.Equal(0, new OfflineRenewalQueue("dhcp-a", journal).Count);

        // Every renewal is in the database, seen through the other server.
        foreach (var lease in held.Take(19).Append(shortLease))
        {
            var row = await b.GetAsync(lease.Address);
            Assert.Equal(lease.ClientKey, row!.ClientKey);
            Assert.InRange(row.Expires!.Value, renewedTo.AddSeconds(-1), renewedTo.AddSeconds(1));
        }
        // Nothing acknowledged before the crash is lost.
        var live = (await b.LoadLiveAsync("load")).ToDictionary(l => l.Address, l => l.ClientKey);
        foreach (var (address, key) in acknowledged)
            Assert.True(live.TryGetValue(address, out var stored) && stored == key, $"acknowledged claim of {address} lost");
        Assert.True(acknowledged.Count > 0);
    }

    [Fact]
    public async Task ServerThatAcceptsButNeverAnswers_FailsWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(100);
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () => { try { while (true) accepted.Add(await silent.AcceptSocketAsync()); } catch (Exception) { } });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var backend = new PostgresLeaseBackend(new()
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=none",
            ServerId = "dhcp-a",
            OperationTimeout = TimeSpan.FromMilliseconds(800),
        });
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<LeaseBackendUnavailableException>(() => backend.ClaimAsync(IPAddress.Parse("10.0.0.1"), Client(1), "lan", TimeSpan.FromHours(1)));
        output.WriteLine($"silent server: {stopwatch.ElapsedMilliseconds} ms, {error.Message}");
        Assert.InRange(stopwatch.ElapsedMilliseconds, 700, 1600);
        Assert.Equal("claim", error.Operation);
        silent.Stop();
        foreach (var socket in accepted) socket.Dispose();
    }

    [Fact]
    public async Task NothingListening_FailsAtOnce()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        await using var backend = new PostgresLeaseBackend(new()
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=none",
            ServerId = "dhcp-a",
        });
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<LeaseBackendUnavailableException>(() => backend.EnsureSchemaAsync());
        await Assert.ThrowsAsync<LeaseBackendUnavailableException>(() => backend.LoadLiveAsync());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"{stopwatch.ElapsedMilliseconds} ms");
    }
}
