using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>The backend against a real PostgreSQL (one server for the collection, a fresh database per test).</summary>
[Collection("postgres")]
public sealed class PostgresLeaseBackendTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static LeaseClient Client(int n, bool clientId = false) =>
        new($"52:54:00:{n >> 16 & 0xff:x2}:{n >> 8 & 0xff:x2}:{n & 0xff:x2}", clientId ? $"01:52:54:00:{n >> 16 & 0xff:x2}:{n >> 8 & 0xff:x2}:{n & 0xff:x2}" : null, "client" + n);

    private static IPAddress Address(int last, int third = 0) => IPAddress.Parse($"10.18.{third}.{last}");

    private async Task<(PostgresLeaseBackend A, PostgresLeaseBackend B)> TwoServersAsync(int maxPoolSize = 40)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync(maxPoolSize);
        var a = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-a" });
        var b = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-b" });
        await a.EnsureSchemaAsync();
        await b.EnsureSchemaAsync();
        return (a, b);
    }

    [Fact]
    public async Task Schema_IsCreated_AndRunningTheMigrationAgainChangesNothing()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        await using var a = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-a" });
        await using var b = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "dhcp-b" });
        // Two servers starting together: the advisory lock lets one migrate, the other finds version 1.
        var found = await Task.WhenAll(a.EnsureSchemaAsync(), b.EnsureSchemaAsync());
        Assert.Equal([0, 1], found.Order());
        Assert.Equal(PostgresLeaseSchema.CurrentVersion, await a.EnsureSchemaAsync());

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM pint_schema_version", connection))
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        await using (var command = new NpgsqlCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_name LIKE 'pint_%'", connection))
            Assert.Equal("pint_leases,pint_schema_version,pint_servers", await command.ExecuteScalarAsync());
        await using (var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'pint_leases'::regclass AND contype = 'p'", connection))
            Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Claim_CommittedByOneServer_IsVisibleToTheOtherAtOnce_AndTheLoserLearnsTheHolder()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        var won = await a.ClaimAsync(Address(10), Client(1), "lan", Hour);
        Assert.True(won.Won);
        Assert.Equal("dhcp-a", won.Lease!.ServerId);
        Assert.InRange(won.Lease.Expires!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));

        var seen = await b.GetAsync(Address(10));
        Assert.Equal(Client(1).HardwareAddress, seen!.HardwareAddress);
        Assert.Equal("client1", seen.HostName);
        Assert.Single(await b.LoadLiveAsync("lan"));

        var lost = await b.ClaimAsync(Address(10), Client(2), "lan", Hour);
        Assert.False(lost.Won);
        Assert.Equal(Client(1).Key, lost.Holder!.ClientKey);
        Assert.Equal("dhcp-a", lost.Holder.ServerId);

        // The same client again (through either server) wins: its own row.
        Assert.True((await b.ClaimAsync(Address(10), Client(1), "lan", Hour)).Won);
    }

    [Fact]
    public async Task OfferThenAck_SameClientTakesItsOffer_OtherClientsCannot()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        var offer = await a.ClaimAsync(Address(11), Client(1), "lan", TimeSpan.FromSeconds(30), SharedLeaseState.Offered);
        Assert.Equal(SharedLeaseState.Offered, offer.Lease!.State);
        Assert.False((await b.ClaimAsync(Address(11), Client(2), "lan", TimeSpan.FromSeconds(30), SharedLeaseState.Offered)).Won);
        var ack = await a.ClaimAsync(Address(11), Client(1), "lan", Hour);
        Assert.Equal(SharedLeaseState.Active, ack.Lease!.State);
    }

    [Fact]
    public async Task ClientIdentifier_IsTheIdentity_WhenPresent()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        var withId = Client(5, clientId: true);
        Assert.True((await a.ClaimAsync(Address(12), withId, "lan", Hour)).Won);
        // Same MAC without the client id is another client.
        Assert.False((await b.ClaimAsync(Address(12), Client(5), "lan", Hour)).Won);
        Assert.Single(await b.FindByClientIdAsync(withId.ClientId!));
        Assert.Single(await b.FindByHardwareAddressAsync(withId.HardwareAddress));
        Assert.Empty(await b.FindByHardwareAddressAsync("52:54:00:99:99:99"));
    }

    [Fact]
    public async Task Renew_ThroughTheOtherServer_ExtendsTheLease_AndMovesTheOwner()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        var first = (await a.ClaimAsync(Address(20), Client(1), "lan", TimeSpan.FromMinutes(10))).Lease!;
        var renewed = await b.RenewAsync(Address(20), Client(1) with { HostName = null }, Hour);
        Assert.True(renewed.Renewed);
        Assert.Equal("dhcp-b", renewed.Lease!.ServerId);
        Assert.Equal("client1", renewed.Lease.HostName); // kept when the renewal carries none
        Assert.True(renewed.Lease.Expires > first.Expires!.Value.AddMinutes(40));

        var other = await a.RenewAsync(Address(20), Client(2), Hour);
        Assert.False(other.Renewed);
        Assert.Equal(Client(1).Key, other.Holder!.ClientKey);
        var none = await a.RenewAsync(Address(21), Client(1), Hour);
        Assert.False(none.Renewed);
        Assert.Null(none.Holder);
    }

    [Fact]
    public async Task Release_FreesTheAddressForAnotherClient_OnlyTheHolderCanRelease()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        await a.ClaimAsync(Address(30), Client(1), "lan", Hour);
        Assert.False(await b.ReleaseAsync(Address(30), Client(2)));
        Assert.True(await b.ReleaseAsync(Address(30), Client(1)));
        Assert.Null(await a.GetAsync(Address(30)));
        Assert.True((await a.ClaimAsync(Address(30), Client(2), "lan", Hour)).Won);
    }

    [Fact]
    public async Task Decline_HoldsTheAddressFromEveryone_UntilTheHoldRunsOut()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        await a.ClaimAsync(Address(40), Client(1), "lan", Hour);
        var held = await b.DeclineAsync(Address(40), "lan", TimeSpan.FromSeconds(1), Client(1));
        Assert.Equal(SharedLeaseState.Declined, held.State);
        Assert.False((await a.ClaimAsync(Address(40), Client(1), "lan", Hour)).Won); // not even the decliner
        Assert.False(await a.ReleaseAsync(Address(40), Client(1)));
        Assert.Empty(await a.LoadLiveAsync());
        await Task.Delay(1200);
        Assert.True((await a.ClaimAsync(Address(40), Client(2), "lan", Hour)).Won);
    }

    [Fact]
    public async Task ExpireSweep_RemovesOnlyEndedRows_AndAnExpiredAddressCanBeClaimedAgain()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        await a.ClaimAsync(Address(50), Client(1), "lan", TimeSpan.FromMilliseconds(300));
        await a.ClaimAsync(Address(51), Client(2), "lan", TimeSpan.FromMilliseconds(300));
        await a.ClaimAsync(Address(52), Client(3), "lan", Hour);
        await a.ClaimAsync(Address(53), Client(4), "lan", null); // infinite
        await Task.Delay(500);
        Assert.Equal(2, (await b.LoadLiveAsync()).Count);
        // An expired row is taken over by a new client even before any sweep.
        Assert.True((await b.ClaimAsync(Address(51), Client(9), "lan", Hour)).Won);
        var swept = await b.ExpireAsync();
        Assert.Equal(Address(50), Assert.Single(swept).Address);
        Assert.Empty(await b.ExpireAsync());
        Assert.Equal([Address(51), Address(52), Address(53)], (await a.LoadLiveAsync()).Select(l => l.Address));
        Assert.Null((await a.GetAsync(Address(53)))!.Expires);
    }

    [Fact]
    public async Task ManyParallelClaims_500ClientsOverTwoServers_OnA24_NeverLeaseOneAddressTwice()
    {
        var (a, b) = await TwoServersAsync(maxPoolSize: 50);
        await using var _a = a; await using var _b = b;
        var pool = Enumerable.Range(1, 254).Select(i => Address(i, 200)).ToArray();
        var wins = new ConcurrentDictionary<int, IPAddress>();
        // Each server's own view of taken addresses (as its in-memory lease table would be): its wins and the holders
        // its lost claims reported. It is only a hint: the database decides.
        var knownTaken = new[] { new ConcurrentDictionary<IPAddress, bool>(), new ConcurrentDictionary<IPAddress, bool>() };
        var attempts = 0;
        var lost = 0;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, token) =>
        {
            var side = n % 2;
            var backend = side == 0 ? a : b;
            var client = Client(n);
            // Neighbouring clients on both servers start their search at the same address: maximal contention.
            for (var i = 0; i < pool.Length; i++)
            {
                var address = pool[(n / 4 + i) % pool.Length];
                if (knownTaken[side].ContainsKey(address)) continue;
                Interlocked.Increment(ref attempts);
                var result = await backend.ClaimAsync(address, client, "lan-200", Hour, cancellationToken: token);
                knownTaken[side][address] = true;
                if (result.Won) { Assert.True(wins.TryAdd(n, address)); return; }
                Interlocked.Increment(ref lost);
                Assert.NotNull(result.Holder);
                Assert.NotEqual(client.Key, result.Holder!.ClientKey);
            }
        });
        stopwatch.Stop();
        output.WriteLine($"500 clients, 2 servers, /24: {wins.Count} won, {attempts} claims ({lost} lost: address taken meanwhile) in {stopwatch.ElapsedMilliseconds} ms ({attempts / stopwatch.Elapsed.TotalSeconds:0} claims/s)");

        Assert.Equal(254, wins.Count); // the pool is full, and every address went to exactly one client
        Assert.Equal(254, wins.Values.Distinct().Count());
        var rows = await a.LoadLiveAsync("lan-200");
        Assert.Equal(254, rows.Count);
        foreach (var row in rows)
            Assert.Equal(row.Address, wins.Single(w => Client(w.Key).Key == row.ClientKey).Value);
        Assert.Contains(rows, r => r.ServerId == "dhcp-a");
        Assert.Contains(rows, r => r.ServerId == "dhcp-b");
    }

    [Fact]
    public async Task ClaimThroughput_OneServerAndTwoServers()
    {
        var (a, b) = await TwoServersAsync(maxPoolSize: 32);
        await using var _a = a; await using var _b = b;
        const int count = 2000;
        async Task<double> RunAsync(PostgresLeaseBackend[] servers, int third)
        {
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, token) =>
            {
                var result = await servers[n % servers.Length].ClaimAsync(
                    IPAddress.Parse($"10.{third}.{n / 250}.{n % 250 + 1}"), Client(third << 12 | n), "bench", Hour, cancellationToken: token);
                Assert.True(result.Won);
            });
            return count / stopwatch.Elapsed.TotalSeconds;
        }
        await RunAsync([a], 99); // warm-up (JIT, pools)
        var one = await RunAsync([a], 100);
        var two = await RunAsync([a, b], 101);
        output.WriteLine($"{count} committed claims, 32 in flight: one server {one:0}/s, two servers {two:0}/s");
        Assert.Equal(count * 3, (await a.LoadLiveAsync("bench")).Count);
    }

    [Fact]
    public async Task Heartbeats_PartnerIsUpWhileItBeats_AndDownWhenItStops()
    {
        var (a, b) = await TwoServersAsync();
        await using var _a = a; await using var _b = b;
        var settingsA = new FailoverSettings { Role = FailoverRole.Primary, PartnerServerId = "dhcp-b", PartnerDownAfter = TimeSpan.FromSeconds(1) };
        var settingsB = new FailoverSettings { Role = FailoverRole.Secondary, PartnerServerId = "dhcp-a", PartnerDownAfter = TimeSpan.FromSeconds(1) };
        var readerOnB = new PartnerStateReader(b, settingsB);
        Assert.Equal(PartnerStatus.Unknown, readerOnB.Current.Status);
        Assert.Equal(PartnerStatus.Down, (await readerOnB.RefreshAsync()).Status); // never beat

        var writerOnA = new HeartbeatWriter(a, settingsA with { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        using (var running = new CancellationTokenSource())
        {
            var loop = writerOnA.RunAsync(running.Token);
            await Task.Delay(500);
            var up = await readerOnB.RefreshAsync();
            Assert.Equal(PartnerStatus.Up, up.Status);
            Assert.True(up.HeartbeatAge < TimeSpan.FromSeconds(1));
            running.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        }
        var row = await b.ReadHeartbeatAsync("dhcp-a");
        Assert.Equal("loadbalance/primary", row!.Role);
        await Task.Delay(1300);
        Assert.Equal(PartnerStatus.Down, (await readerOnB.RefreshAsync()).Status);
        Assert.Equal(PartnerStatus.Down, readerOnB.Current.Status);
    }
}
