using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp6.Server;
using Pint.Engine.Tests.Dhcp.Integration;
using Xunit;
using Xunit.Abstractions;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// No acknowledged lease is lost when one server serves both families from one lease file (issue #16): the service
/// host serves an IPv4 range to udhcpc (and to a stream of relayed DHCPv4 clients, so snapshots are always being
/// written and the DHCPv6 record often is in the journal alone) and an IPv6 range to dhclient -6, is killed with
/// SIGKILL right after the DHCPv6 REPLY, and the lease file with its journal holds every lease acknowledged;
/// restarted, it gives each client the same address.
/// </summary>
[Collection("dhcp-netns")]
public class Dhcp6DualStackCrashTests(ITestOutputHelper output)
{
    private const string ClientDuid = "00:03:00:01:52:54:00:00:00:66";

    [Fact]
    public void A_dhcpv6_lease_survives_kill_9_beside_a_dhcpv4_one_and_the_restarted_server_gives_the_same_address()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhclient", "udhcpc", "ss");
        if (lab is null) return;
        var nic = lab.Net.ClientLink;
        var config = lab.WriteConfig("dual", "no-ping\ndhcp-range=10.77.0.10,10.77.0.250,255.255.255.0,12h\n");
        var leaseFile = lab.LeaseFile("dual");

        lab.Net.Configure(nic, "10.77.0.2"); // the relay address the DHCPv4 load comes from
        var macs = Enumerable.Range(1, 120).Select(DhcpLoadGenerator.Mac).ToArray();
        var acked = new ConcurrentDictionary<string, IPAddress>();
        string v4, v6;
        string? duidLine;
        var server = lab.StartPint(config);
        using var stopLoad = new CancellationTokenSource();
        Task load = Task.CompletedTask;
        try
        {
            lab.Net.WaitForUdpListener(67, server, TimeSpan.FromSeconds(10));
            var bound4 = DhcpClients.Udhcpc(lab.Net, nic) ?? throw new Xunit.Sdk.XunitException("udhcpc got no lease");
            v4 = bound4["ip"];
            load = Task.Run(async () =>
            {
                while (!stopLoad.IsCancellationRequested)
                {
                    using var round = DhcpLoadGenerator.Create(lab.Net.ClientNamespace, IPAddress.Parse("10.77.0.2"), new IPEndPoint(NetnsLab.ServerAddress, 67));
                    try { await round.RunAsync(macs, window: 16, stopLoad.Token); }
                    finally { foreach (var (mac, address) in round.Acked) acked[mac] = address; }
                }
            });
            var bound6 = lab.Dhclient(nic, ClientDuid) ?? throw new Xunit.Sdk.XunitException("dhclient -6 got no lease");
            v6 = bound6["new_ip6_address"];
        }
        finally
        {
            // kill -9 at once: the REPLY has left, the snapshot (at most one a second) may not have been written.
            Crash(server);
            stopLoad.CancelAfter(TimeSpan.FromMilliseconds(300)); // ACKs already on their way still count
            load.Wait(TimeSpan.FromSeconds(10));
            KillDhclient(lab, nic);
        }
        var journal = File.Exists(LeaseFile.JournalPath(leaseFile)) ? File.ReadAllText(LeaseFile.JournalPath(leaseFile)) : "";
        output.WriteLine($"v4 {v4}, v6 {v6}, {acked.Count} relayed DHCPv4 clients ACKed; at the kill the journal held the DHCPv6 lease: " +
            $"{journal.Contains(v6)}, the file: {File.ReadAllText(leaseFile).Contains(v6)}");

        // The file with its journal, as the next start reads it: every lease, the server DUID.
        var read = LeaseFile.ReadWithJournal(leaseFile);
        Assert.Empty(read.Diagnostics);
        var onDisk = read.Active(DateTimeOffset.UtcNow).ToDictionary(l => l.HardwareAddress, l => l.Address);
        Assert.Contains(v4, onDisk.Values.Select(a => a.ToString()));
        Assert.True(acked.Count > 0, "no DHCPv4 load was served");
        var lost = acked.Where(a => !onDisk.TryGetValue(a.Key, out var address) || !address.Equals(a.Value)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} ACKed DHCPv4 lease(s) missing, e.g. {string.Join(", ", lost.Take(5))}");
        var six = Dhcp6LeaseFile.Read(leaseFile);
        Assert.Empty(six.Problems);
        var lease = Assert.Single(six.Leases, l => l.ClientIdText == ClientDuid);
        Assert.Equal(v6, lease.Address.ToString());
        Assert.False(lease.IsExpiredAt(DateTimeOffset.UtcNow));
        Assert.NotNull(six.ServerDuid);
        duidLine = read.DuidLine;

        // Restarted on those files: the same addresses to the same clients, and the same server DUID.
        server = lab.StartPint(config);
        try
        {
            lab.Net.WaitForUdpListener(67, server, TimeSpan.FromSeconds(10));
            var again6 = lab.Dhclient(nic, ClientDuid) ?? throw new Xunit.Sdk.XunitException("dhclient -6 got no lease after the restart");
            Assert.Equal(v6, again6["new_ip6_address"]);
            var again4 = DhcpClients.Udhcpc(lab.Net, nic) ?? throw new Xunit.Sdk.XunitException("udhcpc got no lease after the restart");
            Assert.Equal(v4, again4["ip"]);
            // The restart folded the journal into the file: dnsmasq's layout, DHCPv4 lines then duid then DHCPv6.
            var (duid, leases) = lab.ReadLeaseFile("dual");
            Assert.Equal(duidLine, duid);
            Assert.Contains(leases, l => l.Split(' ') is [_, _, var address, _, ClientDuid] && address == v6);
            Assert.Contains(File.ReadAllLines(leaseFile).TakeWhile(l => !l.StartsWith("duid ", StringComparison.Ordinal)), l => l.Split(' ')[2] == v4);
        }
        finally
        {
            KillDhclient(lab, nic);
            Dhcp6Lab.Stop(server);
        }
    }

    private static void Crash(Process server)
    {
        if (!server.HasExited) server.Kill(entireProcessTree: true); // SIGKILL
        server.WaitForExit();
    }

    /// <summary>The dhclient -6 daemon left behind, so the next run starts as the same client asking afresh.</summary>
    private static void KillDhclient(Dhcp6Lab lab, string nic)
    {
        var pidFile = Path.Combine(lab.Directory, $"dh6-{nic}.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
        File.Delete(pidFile);
    }
}
