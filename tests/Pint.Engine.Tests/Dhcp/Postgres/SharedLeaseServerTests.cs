using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Leases.Postgres;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Server;
using Pint.Engine.Tests.Dhcp.Integration;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>
/// Two DHCP servers (the real DhcpServer over UDP on loopback, each with its own relay socket) on one PostgreSQL
/// database: one address never goes to two clients, failover splits and takes over clients, and the database going
/// away loses no acknowledged lease.
/// </summary>
[Collection("postgres")]
public sealed class SharedLeaseServerTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private static readonly DhcpRange Range = new(IPAddress.Parse("127.0.0.10"), IPAddress.Parse("127.0.0.250"), IPAddress.Parse("255.255.255.0"), LeaseTime: TimeSpan.FromHours(1));

    /// <summary>One server: its ledger, store, DHCP server and the relay socket its replies come back to.</summary>
    private sealed class Node : IAsyncDisposable
    {
        public required LeaseStore Leases { get; init; }
        public required DhcpServer Server { get; init; }
        public required int RelayPort { get; init; }
        public required SharedLeaseLedger Ledger { get; init; }
        private bool _disposed;

        /// <summary>A generator playing the relay agent the server answers (a generator is used once, so a socket each time).</summary>
        public DhcpLoadGenerator Generator()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, RelayPort));
            return new DhcpLoadGenerator(socket, IPAddress.Loopback, Server.LocalEndPoint);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            await Server.DisposeAsync();
            await Leases.DisposeAsync();
        }
    }

    private async Task<Node> StartNodeAsync(string connectionString, string serverId, string directory, FailoverSettings? failover = null)
    {
        int relayPort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            relayPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var backend = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = serverId, OperationTimeout = TimeSpan.FromSeconds(2) });
        var ledger = new SharedLeaseLedger(backend, new OfflineRenewalQueue(serverId, Path.Combine(directory, serverId + ".offline")),
            failover is null ? [] : [("lab", failover, (IReadOnlyList<IPAddress>)[])],
            address => DhcpScopeId.TextOf(address, [Range]), line => output.WriteLine($"{serverId}: {line}"));
        var live = await ledger.OpenAsync();
        var leases = LeaseStore.OpenShared(ledger, live, DateTimeOffset.UtcNow);
        var options = new DhcpServerOptions { ServerPort = 0, RelayPort = relayPort, ClientPort = relayPort, Ranges = [Range], Authoritative = true };
        var server = new DhcpServer(options, leases, bindAddress: IPAddress.Loopback);
        server.Start();
        ledger.Start(leases.AddGrantedElsewhere, TimeSpan.FromMilliseconds(500));
        return new Node { Leases = leases, Server = server, RelayPort = relayPort, Ledger = ledger };
    }

    private static string[] Macs(int count, int salt) => Enumerable.Range(0, count).Select(i => DhcpLoadGenerator.Mac(salt << 12 | i)).ToArray();

    /// <summary>DORA for each MAC, 16 at a time (all at once with <paramref name="unanswered"/>: a client the server leaves unanswered holds its slot).</summary>
    private static async Task<Dictionary<string, IPAddress>> RunAsync(Node node, IReadOnlyList<string> macs, TimeSpan limit, bool unanswered = false)
    {
        using var generator = node.Generator();
        using var stop = new CancellationTokenSource(limit);
        await generator.RunAsync(macs, window: unanswered ? macs.Count : 16, stop.Token);
        return generator.Acked.ToDictionary();
    }

    private static async Task<Dictionary<IPAddress, SharedLease>> RowsAsync(string connectionString)
    {
        await using var reader = new PostgresLeaseBackend(new() { ConnectionString = connectionString, ServerId = "test-reader" });
        return (await reader.LoadLiveAsync()).ToDictionary(r => r.Address);
    }

    [Fact]
    public async Task Two_servers_answering_everyone_never_lease_one_address_twice()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        var directory = DhcpTestTools.TempDirectory();
        await using var a = await StartNodeAsync(connectionString, "dhcp-a", directory);
        await using var b = await StartNodeAsync(connectionString, "dhcp-b", directory);

        // No failover: both answer every client, at once, from one 241-address pool; each offers from its own view.
        var macsA = Macs(110, 1);
        var macsB = Macs(110, 2);
        var runs = await Task.WhenAll(RunAsync(a, macsA, TimeSpan.FromSeconds(30)), RunAsync(b, macsB, TimeSpan.FromSeconds(30)));
        var acked = runs[0].Concat(runs[1]).ToList();
        output.WriteLine($"A acked {runs[0].Count}, B acked {runs[1].Count}; offers dropped after repeated losses: A {a.Server.Counters.Dropped(DhcpDropReason.AddressTakenByPartner)}, B {b.Server.Counters.Dropped(DhcpDropReason.AddressTakenByPartner)}; commit failures A {a.Server.Counters.CommitFailures} B {b.Server.Counters.CommitFailures}");

        Assert.Equal(220, acked.Count);
        var twice = acked.GroupBy(p => p.Value).Where(g => g.Count() > 1).ToList();
        Assert.True(twice.Count == 0, $"addresses leased twice: {string.Join(", ", twice.Select(g => $"{g.Key} to {string.Join("+", g.Select(p => p.Key))}"))}");
        // Every ACK is the database's row for that address, written before the ACK left.
        var rows = await RowsAsync(connectionString);
        foreach (var (mac, address) in acked)
        {
            Assert.True(rows.TryGetValue(address, out var row), $"{address} acked to {mac} has no row");
            Assert.Equal(mac, row.HardwareAddress);
            Assert.Equal("127.0.0.0", row.Scope);
        }
        // A lease acknowledged by one server is in the other's table within its sync interval.
        await WaitUntilAsync(() => runs[0].All(p => b.Leases.FindByAddress(p.Value)?.HardwareAddress == p.Key), TimeSpan.FromSeconds(5), "B to see A's leases");
    }

    [Fact]
    public async Task Load_balance_splits_clients_by_hash_and_the_survivor_takes_all_when_its_partner_stops()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync();
        var directory = DhcpTestTools.TempDirectory();
        var timing = new { Beat = TimeSpan.FromMilliseconds(300), Down = TimeSpan.FromSeconds(2) };
        var settingsA = new FailoverSettings { Role = FailoverRole.Primary, PartnerServerId = "dhcp-b", HeartbeatInterval = timing.Beat, PartnerDownAfter = timing.Down };
        var settingsB = settingsA with { Role = FailoverRole.Secondary, PartnerServerId = "dhcp-a" };
        await using var a = await StartNodeAsync(connectionString, "dhcp-a", directory, settingsA);
        var b = await StartNodeAsync(connectionString, "dhcp-b", directory, settingsB);
        await WaitUntilAsync(() => a.Ledger.Failovers[0].Partner.Current.Status == PartnerStatus.Up, TimeSpan.FromSeconds(5), "A to see B's heartbeat");

        // Every client asks A: A answers exactly the clients in its half of the RFC 3074 buckets.
        var macs = Macs(120, 3);
        var ownedByA = macs.Where(m => FailoverDecision.OwnsBucket(LoadBalanceHash.ComputeForHardwareAddress(m), settingsA)).ToHashSet();
        Assert.InRange(ownedByA.Count, 30, 90);
        var first = await RunAsync(a, macs, TimeSpan.FromSeconds(6), unanswered: true);
        Assert.Equal(ownedByA.OrderBy(m => m), first.Keys.OrderBy(m => m));
        Assert.Equal(macs.Length - ownedByA.Count, a.Server.Counters.Dropped(DhcpDropReason.PartnersClient));

        // B asked for the rest answers them.
        var second = await RunAsync(b, macs.Where(m => !ownedByA.Contains(m)).ToArray(), TimeSpan.FromSeconds(10));
        Assert.Equal(macs.Length - ownedByA.Count, second.Count);

        // B stops (its heartbeat with it): after partner-down A answers every client, B's included, each keeping its address.
        await b.DisposeAsync();
        await WaitUntilAsync(() => a.Ledger.Failovers[0].Partner.Current.Status == PartnerStatus.Down, TimeSpan.FromSeconds(10), "A to count B down");
        var afterB = await RunAsync(a, macs, TimeSpan.FromSeconds(15));
        Assert.Equal(macs.Length, afterB.Count);
        foreach (var (mac, address) in second) Assert.Equal(address, afterB[mac]);
        var rows = await RowsAsync(connectionString);
        Assert.All(afterB, p => Assert.Equal(p.Key, rows[p.Value].HardwareAddress));
        Assert.Equal(afterB.Count, afterB.Values.Distinct().Count());
    }

    [Fact]
    public async Task Database_away_renewals_go_on_new_leases_wait_and_nothing_acknowledged_is_lost()
    {
        await using var database = await PostgresTestServer.StartNewAsync();
        var connectionString = await database.CreateDatabaseAsync();
        var directory = DhcpTestTools.TempDirectory();
        await using var a = await StartNodeAsync(connectionString, "dhcp-a", directory);
        var held = Macs(60, 4);
        var first = await RunAsync(a, held, TimeSpan.FromSeconds(20));
        Assert.Equal(held.Length, first.Count);
        var rowsBefore = await RowsAsync(connectionString);

        database.Stop("immediate");
        // Held leases renew (queued durably for the database), new clients get nothing.
        await Task.Delay(1100); // the renewed expiry is later than the first one by at least a second
        var renewed = await RunAsync(a, held, TimeSpan.FromSeconds(30));
        var newcomers = await RunAsync(a, Macs(10, 5), TimeSpan.FromSeconds(8));
        output.WriteLine($"during the outage: {renewed.Count} renewals acked, {newcomers.Count} new leases, {a.Ledger.OfflineRenewals} queued");
        Assert.Equal(held.Length, renewed.Count);
        Assert.All(renewed, p => Assert.Equal(first[p.Key], p.Value));
        Assert.Empty(newcomers);
        Assert.False(a.Ledger.DatabaseAvailable);

        await database.StartAsync();
        await WaitUntilAsync(() => a.Ledger.OfflineRenewals == 0 && a.Ledger.DatabaseAvailable, TimeSpan.FromSeconds(20), "the offline renewals to be written back");
        var rows = await RowsAsync(connectionString);
        foreach (var (mac, address) in renewed)
        {
            Assert.Equal(mac, rows[address].HardwareAddress);
            Assert.True(rows[address].Expires > rowsBefore[address].Expires, $"{address}: the renewal made during the outage is not in the database");
        }
        // New clients are served again.
        Assert.Equal(10, (await RunAsync(a, Macs(10, 5), TimeSpan.FromSeconds(15))).Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
