using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// The lease file as scripts written for dnsmasq.leases read it: after the same clients did the same things (a new
/// lease, a renewal, asking for another address while it holds one, a release), Pint's file lists the same leases as dnsmasq 2.90's, one
/// line per live lease, and so it does again once each server restarted on its file.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpDnsmasqLeaseFileTests
{
    private const string Renewing = "52:54:00:77:04:01";
    private const string Asking = "52:54:00:77:04:02";
    private const string Releasing = "52:54:00:77:04:03";
    private const string Other = "10.77.0.140";

    [Fact]
    public void After_renew_move_and_release_the_lease_file_lists_what_dnsmasqs_lists_and_keeps_it_across_a_restart()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dhclient", "dnsmasq", "ss");
        if (lab is null) return;
        var nics = new[] { Renewing, Asking, Releasing }.ToDictionary(m => m, lab.AddClientInterface);

        (string[] Live, string[] Restarted) Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            var config = LabConfig.Write(lab, name, "no-ping");
            var leaseFile = LabConfig.LeaseFile(lab, name);
            DhcpClients.DhclientForget(lab, nics[Releasing]);
            using (start(lab, config))
            {
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[Renewing], "renewing"));
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[Renewing], "renewing"));
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[Asking], "asking"));
                // dnsmasq keeps a client on the address it holds: what the client asks for in DISCOVER does not move it.
                Assert.NotEqual(Other, DhcpClients.Udhcpc(lab, nics[Asking], "asking", requested: Other)?["ip"]);
                var bound = DhcpClients.Dhclient(lab, nics[Releasing], "releasing");
                Assert.NotNull(bound);
                // The release goes unicast from the leased address, as a client that configured it sends it.
                lab.Configure(nics[Releasing], bound["new_ip_address"]);
                DhcpClients.DhclientRelease(lab, nics[Releasing]);
                lab.Unconfigure(nics[Releasing]);
                // dnsmasq rewrites its file at once; Pint's snapshot follows within a second.
                LeaseFileChecks.WaitFor(leaseFile, l => l.Count == 2, TimeSpan.FromSeconds(5));
                Thread.Sleep(1500);
            }
            var live = Lines(leaseFile);
            using (start(lab, config)) Thread.Sleep(1500);
            return (live, Lines(leaseFile));
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.True(dnsmasq.Live.Length == 2, "dnsmasq's file after the release: " + string.Join(" | ", dnsmasq.Live)); // the reference did what this test expects of it
        Assert.Equal(dnsmasq.Live, pint.Live);
        Assert.Equal(dnsmasq.Restarted, pint.Restarted);
        Assert.Equal(pint.Live, pint.Restarted);
    }

    /// <summary>Every field of each line but the expiry time (the two servers ran at different moments), in file order ignored.</summary>
    private static string[] Lines(string leaseFile)
    {
        LeaseFileChecks.AssertOneLinePerLiveLease(leaseFile, DateTimeOffset.UtcNow);
        return File.ReadAllLines(leaseFile).Select(l => string.Join(' ', l.Split(' ').Skip(1))).Order(StringComparer.Ordinal).ToArray();
    }
}
