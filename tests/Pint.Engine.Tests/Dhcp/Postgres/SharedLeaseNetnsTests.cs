using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Pint.Engine.Dhcp.Leases.Postgres;
using Pint.Engine.Tests.Dhcp.Integration;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp.Postgres;

/// <summary>
/// Two Pint service hosts (src/Pint.Service) in network namespaces of their own on one bridge, sharing a throwaway
/// PostgreSQL (reached over its unix socket, so no network address outside the lab), with real clients (udhcpc,
/// dhclient), perfdhcp and a relayed load generator in the client namespace.
/// </summary>
[Collection("dhcp-netns")]
public sealed partial class SharedLeaseNetnsTests(ITestOutputHelper output)
{
    private const string ServerB = "10.77.0.3";

    private static string Config(NetnsLab lab, string name, string connectionString, string? failover)
    {
        var main = Path.Combine(lab.Directory, name + ".conf");
        var pint = Path.Combine(lab.Directory, name + "-pint.conf");
        File.WriteAllText(main, $"port=0\nno-ping\ndhcp-authoritative\ndhcp-range=10.77.0.10,10.77.0.250,255.255.255.0,1h\n" +
            $"dhcp-leasefile={Path.Combine(lab.Directory, name + ".leases")}\nconf-file={pint}\n");
        File.WriteAllText(pint, $"pint-lease-store=postgresql,{connectionString}\npint-server-id={name}\n" + (failover is null ? "" : failover + "\n"));
        return main;
    }

    private static async Task<string> SocketConnectionStringAsync(PostgresTestServer database)
    {
        var tcp = new NpgsqlConnectionStringBuilder(await database.CreateDatabaseAsync());
        // The unix socket: the servers' namespaces have a loopback of their own, the file system is shared.
        return $"Host={database.SocketDirectory};Port={database.Port};Username=postgres;Database={tcp.Database};Timeout=3;Command Timeout=3";
    }

    private static async Task<Dictionary<IPAddress, SharedLease>> RowsAsync(PostgresTestServer database, string connectionString)
    {
        var tcp = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1" }.ConnectionString;
        await using var reader = new PostgresLeaseBackend(new() { ConnectionString = tcp, ServerId = "test-reader" });
        return (await reader.LoadLiveAsync()).ToDictionary(r => r.Address);
    }

    private static DhcpLoadGenerator Generator(NetnsLab lab, string relay, string server) =>
        DhcpLoadGenerator.Create(lab.ClientNamespace, IPAddress.Parse(relay), new IPEndPoint(IPAddress.Parse(server), 67));

    private static async Task<Dictionary<string, IPAddress>> RunAsync(NetnsLab lab, string relay, string server, IReadOnlyList<string> macs, TimeSpan limit, int window)
    {
        using var generator = Generator(lab, relay, server);
        using var stop = new CancellationTokenSource(limit);
        await generator.RunAsync(macs, window, stop.Token);
        return generator.Acked.ToDictionary();
    }

    private static string[] Macs(int count, int salt) => Enumerable.Range(0, count).Select(i => DhcpLoadGenerator.Mac(salt << 12 | i)).ToArray();

    [Fact]
    public async Task Two_servers_in_load_balance_serve_real_clients_and_load_without_a_double_lease_and_one_survives_kill_9()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "ss", "udhcpc", "dhclient", "perfdhcp");
        if (lab is null) return;
        await using var database = await PostgresTestServer.StartNewAsync();
        var connectionString = await SocketConnectionStringAsync(database);
        var bNamespace = lab.AddSecondServer(ServerB);
        foreach (var relay in new[] { "10.77.0.2", "10.77.0.4", "10.77.0.5", "10.77.0.6" })
            NetnsLab.Run("ip", $"-n {lab.ClientNamespace} addr add {relay}/24 dev {lab.ClientSegment}");
        const string timing = "partner-down=3,heartbeat=1";
        using var a = ServerProcess.StartPint(lab, Config(lab, "dhcp-a", connectionString, $"pint-dhcp-failover=lab,dhcp-b,load-balance,role=primary,{timing}"), lab.ServerNamespace);
        using var b = ServerProcess.StartPint(lab, Config(lab, "dhcp-b", connectionString, $"pint-dhcp-failover=lab,dhcp-a,load-balance,role=secondary,{timing}"), bNamespace);
        await Task.Delay(1500); // both heartbeats written: each sees its partner up

        // Real clients on the bridge: each DISCOVER reaches both servers, the one whose share it is answers.
        var udhcpc = DhcpClients.Udhcpc(lab, lab.AddClientInterface("52:54:00:79:00:01"), "real-one", tries: 5);
        var dhclient = DhcpClients.Dhclient(lab, lab.AddClientInterface("52:54:00:79:00:02"), "real-two");
        Assert.NotNull(udhcpc);
        Assert.NotNull(dhclient);
        var rows = await RowsAsync(database, connectionString);
        Assert.Equal("52:54:00:79:00:01", rows[IPAddress.Parse(udhcpc["ip"])].HardwareAddress);
        Assert.Equal("real-one", rows[IPAddress.Parse(udhcpc["ip"])].HostName);
        Assert.Equal("52:54:00:79:00:02", rows[IPAddress.Parse(dhclient["new_ip_address"])].HardwareAddress);
        output.WriteLine($"udhcpc served by {rows[IPAddress.Parse(udhcpc["ip"])].ServerId}, dhclient by {rows[IPAddress.Parse(dhclient["new_ip_address"])].ServerId}");

        // Load on both at once: perfdhcp at each, and the generator asking each server for every client (each answers
        // its half, so a client's unanswered half holds its window slot: the window is the whole list).
        // The pool holds 241 addresses: 2 real clients, 100 generated, up to 2 x 60 from perfdhcp and one more real client fit.
        var macs = Macs(100, 7);
        var perfA = PerfdhcpAsync(lab, "10.77.0.4", NetnsLab.ServerAddress.ToString(), "00:0c:01:00:00:00");
        var perfB = PerfdhcpAsync(lab, "10.77.0.5", ServerB, "00:0c:02:00:00:00");
        var loads = await Task.WhenAll(
            RunAsync(lab, "10.77.0.2", NetnsLab.ServerAddress.ToString(), macs, TimeSpan.FromSeconds(8), macs.Length),
            RunAsync(lab, "10.77.0.6", ServerB, macs, TimeSpan.FromSeconds(8), macs.Length));
        var (perfAcksA, perfAcksB) = (await perfA, await perfB);
        output.WriteLine($"generator: A acked {loads[0].Count}, B acked {loads[1].Count}; perfdhcp ACKs: A {perfAcksA}, B {perfAcksB}");
        Assert.Empty(loads[0].Keys.Intersect(loads[1].Keys)); // one server per client
        var acked = loads[0].Concat(loads[1]).ToDictionary();
        Assert.Equal(macs.Length, acked.Count);
        Assert.Equal(acked.Count, acked.Values.Distinct().Count());
        rows = await RowsAsync(database, connectionString);
        foreach (var (mac, address) in acked) Assert.Equal(mac, rows[address].HardwareAddress);
        Assert.DoesNotContain(IPAddress.Parse(udhcpc["ip"]), acked.Values);
        Assert.True(perfAcksA > 0 && perfAcksB > 0, "perfdhcp got no ACK from one of the servers");
        // Every ACK perfdhcp got is a row of its clients (perfdhcp also checks its addresses are unique).
        Assert.True(rows.Values.Count(r => r.HardwareAddress.StartsWith("00:0c:0", StringComparison.Ordinal)) >= perfAcksA + perfAcksB);

        // kill -9 of A while its clients renew: every ACK it sent before dying is in the database.
        var ofA = loads[0].Keys.ToArray();
        var renewStart = DateTimeOffset.UtcNow;
        using (var renew = Generator(lab, "10.77.0.2", NetnsLab.ServerAddress.ToString()))
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            var run = renew.RunAsync(ofA, window: 4, stop.Token);
            while (renew.Acked.Count < ofA.Length / 3 && !run.IsCompleted) await Task.Delay(1);
            a.Crash();
            stop.CancelAfter(TimeSpan.FromMilliseconds(300));
            await run;
            rows = await RowsAsync(database, connectionString);
            output.WriteLine($"A renewed {renew.Acked.Count} of {ofA.Length} before kill -9");
            Assert.True(renew.Acked.Count >= ofA.Length / 3);
            foreach (var (mac, address) in renew.Acked)
            {
                Assert.Equal(mac, rows[address].HardwareAddress);
                Assert.True(rows[address].Expires >= renewStart.AddHours(1).AddSeconds(-5), $"{address}: A's last ACK to {mac} is not in the database");
            }
        }

        // B counts A down after partner-down and serves every client, A's included, each on the address it had.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(b.HasExited);
        var survivor = await RunAsync(lab, "10.77.0.6", ServerB, macs, TimeSpan.FromSeconds(20), 16);
        Assert.Equal(macs.Length, survivor.Count);
        foreach (var (mac, address) in acked) Assert.Equal(address, survivor[mac]);
        var third = lab.AddClientInterface("52:54:00:79:00:03");
        var taken = DhcpClients.Udhcpc(lab, third, "real-three", tries: 5);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task The_database_stopped_and_restarted_mid_load_loses_no_acknowledged_lease()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "ss");
        if (lab is null) return;
        await using var database = await PostgresTestServer.StartNewAsync();
        var connectionString = await SocketConnectionStringAsync(database);
        lab.Configure(lab.ClientLink, "10.77.0.2");
        using var a = ServerProcess.StartPint(lab, Config(lab, "dhcp-a", connectionString, null), lab.ServerNamespace);
        var macs = Macs(120, 8);
        var first = await RunAsync(lab, "10.77.0.2", NetnsLab.ServerAddress.ToString(), macs, TimeSpan.FromSeconds(20), 16);
        Assert.Equal(macs.Length, first.Count);

        // The clients renew round after round: PostgreSQL crashes a third of the way into round 2, stays down for
        // round 3 and comes back for round 4. Each MAC's last ACK is remembered with the start of its round.
        var last = new Dictionary<string, (IPAddress Address, DateTimeOffset RoundStart)>();
        async Task<int> RoundAsync(Func<DhcpLoadGenerator, Task>? midway = null)
        {
            var roundStart = DateTimeOffset.UtcNow;
            using var renew = Generator(lab, "10.77.0.2", NetnsLab.ServerAddress.ToString());
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = renew.RunAsync(macs, window: 2, stop.Token);
            if (midway is not null) await midway(renew);
            await run;
            foreach (var (mac, address) in renew.Acked) last[mac] = (address, roundStart);
            return renew.Acked.Count;
        }
        var counts = new List<int> { await RoundAsync() };
        counts.Add(await RoundAsync(async renew =>
        {
            while (renew.Acked.Count < macs.Length / 3) await Task.Delay(1);
            database.Stop("immediate");
        }));
        counts.Add(await RoundAsync());
        await database.StartAsync();
        counts.Add(await RoundAsync());
        output.WriteLine($"renewals acked per round (crash in round 2, down in round 3, back for round 4): {string.Join(", ", counts)}");
        Assert.All(counts, c => Assert.Equal(macs.Length, c));
        Assert.All(last, p => Assert.Equal(first[p.Key], p.Value.Address));

        // Written back once it answers: the last renewal acknowledged to each client is in the database.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> missing;
        do
        {
            await Task.Delay(500);
            var rows = await RowsAsync(database, connectionString);
            missing = last.Where(p => !rows.TryGetValue(p.Value.Address, out var row) || row.HardwareAddress != p.Key
                    || row.Expires < p.Value.RoundStart.AddHours(1).AddSeconds(-5))
                .Select(p => $"{p.Key}={p.Value.Address}").ToList();
        }
        while (missing.Count > 0 && DateTime.UtcNow < deadline);
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged renewal(s) not in the database: {string.Join(", ", missing.Take(5))}");
        Assert.False(a.HasExited);
    }

    /// <summary>perfdhcp relayed from <paramref name="relay"/> to one server: 60 clients at 60/s; returns the ACKs it received.</summary>
    private async Task<int> PerfdhcpAsync(NetnsLab lab, string relay, string server, string baseMac)
    {
        var (_, text) = await Task.Run(() => lab.InClient("perfdhcp", $"-4 -l {relay} -r 60 -R 60 -n 60 -p 3 -b mac={baseMac} {server}", 20000));
        var ack = AckStatistics().Match(text);
        Assert.True(ack.Success, $"perfdhcp gave no REQUEST-ACK statistics: {text}");
        Assert.Contains("non unique addresses: 0", text[ack.Index..]);
        output.WriteLine($"perfdhcp to {server}: {ack.Groups[1].Value} ACKs");
        return int.Parse(ack.Groups[1].Value);
    }

    [GeneratedRegex(@"REQUEST-ACK\*+\s+sent packets: \d+\s+received packets: (\d+)")]
    private static partial Regex AckStatistics();
}
