using System.Net;
using Pint.Engine.Dhcp.Leases;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// No acknowledged lease is lost: the service host is killed with SIGKILL while many clients are mid-exchange;
/// every ACK the clients received must be in the lease file with its journal, the restarted server must offer each of
/// those clients its address again, and the lease file itself must read as dnsmasq.leases does (one whole line per
/// live lease) both at the moment of the crash and after the restart.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpCrashDurabilityTests(ITestOutputHelper output)
{
    private const int Clients = 230;
    private const int AcksBeforeCrash = 80;

    [Fact]
    public async Task Every_acked_lease_survives_kill_9_under_load()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "ss");
        if (lab is null) return;
        var leaseFile = Path.Combine(lab.Directory, "crash.leases");
        var config = Path.Combine(lab.Directory, "crash.conf");
        File.WriteAllText(config, $"port=0\nno-ping\ndhcp-range=10.77.0.10,10.77.0.250,255.255.255.0,12h\ndhcp-leasefile={leaseFile}\n");
        lab.Configure(lab.ClientLink, "10.77.0.2");
        var relay = IPAddress.Parse("10.77.0.2");
        var server = new IPEndPoint(NetnsLab.ServerAddress, 67);
        var macs = Enumerable.Range(0, Clients).Select(DhcpLoadGenerator.Mac).ToArray();

        Dictionary<string, IPAddress> acked;
        using (var pint = ServerProcess.StartPint(lab, config))
        {
            // Every client holds a lease first, so the load below renews: a journal appended to in place of the
            // lease file would now list those clients twice.
            using (var first = DhcpLoadGenerator.Create(lab.ClientNamespace, relay, server))
            using (var stopFirst = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await first.RunAsync(macs, window: 48, stopFirst.Token);
                acked = first.Acked.ToDictionary();
            }
            Assert.Equal(Clients, acked.Count);

            using var load = DhcpLoadGenerator.Create(lab.ClientNamespace, relay, server);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = load.RunAsync(macs, window: 48, stop.Token);
            while (load.Acked.Count < AcksBeforeCrash && !run.IsCompleted) await Task.Delay(1);
            pint.Crash();
            stop.CancelAfter(TimeSpan.FromMilliseconds(300)); // replies already on their way still count as ACKed
            await run;
            output.WriteLine($"{load.Acked.Count} of {Clients} renewals ACKed before the kill");
            Assert.True(load.Acked.Count >= AcksBeforeCrash, $"only {load.Acked.Count} ACKs before the crash");
            foreach (var (mac, address) in load.Acked) acked[mac] = address;
        }

        // What a script reading dnsmasq.leases sees after the crash: whole lines, one per client.
        LeaseFileChecks.AssertOneLinePerLiveLease(leaseFile, DateTimeOffset.UtcNow);

        var read = LeaseFile.ReadWithJournal(leaseFile);
        foreach (var d in read.Diagnostics) output.WriteLine(d.ToString());
        var onDisk = read.Active(DateTimeOffset.UtcNow).ToDictionary(l => l.HardwareAddress, l => l.Address);
        var lost = acked.Where(a => !onDisk.TryGetValue(a.Key, out var address) || !address.Equals(a.Value)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} ACKed lease(s) missing from the file, e.g. {string.Join(", ", lost.Take(5))}");

        // The restarted server loads the file and knows every ACKed client: each is offered its address again.
        using (var pint = ServerProcess.StartPint(lab, config))
        using (var check = DhcpLoadGenerator.Create(lab.ClientNamespace, relay, server))
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await check.DiscoverAsync(acked.Keys.ToList(), window: 48, stop.Token);
            var forgotten = acked.Where(a => !check.Offered.TryGetValue(a.Key, out var offered) || !offered.Equals(a.Value)).ToList();
            Assert.True(forgotten.Count == 0, $"{forgotten.Count} client(s) not offered their ACKed address after restart, e.g. {string.Join(", ", forgotten.Take(5))}");

            // The restart folded the journal into the lease file: it alone now lists every ACKed client, once.
            var file = LeaseFileChecks.AssertOneLinePerLiveLease(leaseFile, DateTimeOffset.UtcNow).ToDictionary(l => l.HardwareAddress, l => l.Address);
            var missing = acked.Where(a => !file.TryGetValue(a.Key, out var address) || !address.Equals(a.Value)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} ACKed lease(s) not in the lease file after restart, e.g. {string.Join(", ", missing.Take(5))}");
        }
    }
}
