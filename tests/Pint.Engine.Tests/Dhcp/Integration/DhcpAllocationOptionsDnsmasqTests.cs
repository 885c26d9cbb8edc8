using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// dhcp-sequential-ip, dhcp-generate-names and dhcp-ignore-clid side by side with dnsmasq 2.90: the addresses handed
/// out from the bottom of the range in order, the names made for clients that send none, and leases kept by hardware
/// address alone; the lease files must list the same leases (all but the expiry).
/// </summary>
[Collection("dhcp-netns")]
public class DhcpAllocationOptionsDnsmasqTests
{
    [Fact]
    public void Sequential_addresses_generated_names_and_ignored_client_ids_match_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        string[] macs = ["52:54:00:77:09:31", "52:54:00:77:09:12", "52:54:00:77:09:23"];
        var nics = macs.Select(lab.AddClientInterface).ToArray();
        const string lines = "no-ping\ndhcp-sequential-ip\ndhcp-generate-names\ndhcp-ignore-clid";

        string[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            var config = LabConfig.Write(lab, name, lines);
            var leaseFile = LabConfig.LeaseFile(lab, name);
            using (start(lab, config))
            {
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[0], tries: 8));
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[1], "named", tries: 8));
                Assert.NotNull(DhcpClients.Udhcpc(lab, nics[2], tries: 8));
                LeaseFileChecks.WaitFor(leaseFile, l => l.Count == 3, TimeSpan.FromSeconds(5));
                Thread.Sleep(1200);
            }
            return File.ReadAllLines(leaseFile).Select(l => string.Join(' ', l.Split(' ').Skip(1))).Order(StringComparer.Ordinal).ToArray();
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        // The reference did what the options say: the first client got the bottom address and a name from its MAC.
        Assert.Contains(dnsmasq, l => l.StartsWith("52:54:00:77:09:31 10.77.0.100 52-54-00-77-09-31 "));
        Assert.True(dnsmasq.SequenceEqual(pint), $"dnsmasq:\n{string.Join('\n', dnsmasq)}\npint:\n{string.Join('\n', pint)}");
    }
}
