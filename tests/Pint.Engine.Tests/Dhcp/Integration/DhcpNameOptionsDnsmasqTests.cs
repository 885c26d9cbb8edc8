using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// Pi-hole's and OpenWrt's name lines side by side with dnsmasq 2.90: dhcp-name-match tags a client that calls itself
/// wpad, dhcp-ignore-names drops that name, and the lease files list the same leases with the same names.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpNameOptionsDnsmasqTests
{
    [Fact]
    public void A_client_named_wpad_gets_no_name_and_another_keeps_its_own_as_with_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        var wpad = lab.AddClientInterface("52:54:00:77:07:01");
        var laptop = lab.AddClientInterface("52:54:00:77:07:02");
        const string lines = "no-ping\ndhcp-name-match=set:hostname-ignore,wpad\ndhcp-ignore-names=tag:hostname-ignore";

        string[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            var config = LabConfig.Write(lab, name, lines);
            var leaseFile = LabConfig.LeaseFile(lab, name);
            using (start(lab, config))
            {
                Assert.NotNull(DhcpClients.Udhcpc(lab, wpad, "wpad", tries: 8));
                Assert.NotNull(DhcpClients.Udhcpc(lab, laptop, "laptop", tries: 8));
                LeaseFileChecks.WaitFor(leaseFile, l => l.Count == 2, TimeSpan.FromSeconds(5));
            }
            // Every field but the expiry (the servers ran at different moments).
            return File.ReadAllLines(leaseFile).Select(l => string.Join(' ', l.Split(' ').Skip(1))).Order(StringComparer.Ordinal).ToArray();
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.Contains(dnsmasq, l => l.StartsWith("52:54:00:77:07:01 ") && l.Contains(" * ")); // the reference dropped the name
        Assert.Equal(dnsmasq, pint);
    }

    [Fact]
    public void A_client_that_comes_back_without_a_name_keeps_the_name_of_its_lease_as_with_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        var nic = lab.AddClientInterface("52:54:00:77:07:11");

        string[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            var config = LabConfig.Write(lab, name, "no-ping");
            var leaseFile = LabConfig.LeaseFile(lab, name);
            using (start(lab, config))
            {
                var first = DhcpClients.Udhcpc(lab, nic, "keeper", tries: 8);
                Assert.NotNull(first);
                LeaseFileChecks.WaitFor(leaseFile, l => l.Count == 1 && l[0].HostName == "keeper", TimeSpan.FromSeconds(5));
                // The same client again, asking for its address but sending no host name option.
                Assert.NotNull(DhcpClients.Udhcpc(lab, nic, hostName: null, tries: 8, requested: first["ip"]));
                Thread.Sleep(1500); // the lease file follows a change within a second
            }
            return File.ReadAllLines(leaseFile).Select(l => string.Join(' ', l.Split(' ').Skip(1))).ToArray();
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.Contains(" keeper ", Assert.Single(dnsmasq)); // the reference kept the name
        Assert.Equal(dnsmasq, pint);
    }
}
