using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// dhcp-hostsfile as libvirt uses it: reservations in a file of their own that the tool rewrites while the server
/// runs. dnsmasq 2.90 and Pint give the client the address the file reserves, and the new one after the file changes
/// (dnsmasq on SIGHUP, Pint by itself).
/// </summary>
[Collection("dhcp-netns")]
public class DhcpHostsFileDnsmasqTests
{
    private const string Mac = "52:54:00:77:05:01";

    [Fact]
    public void A_reservation_in_a_dhcp_hostsfile_is_served_and_a_rewrite_of_the_file_moves_the_client()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        var nic = lab.AddClientInterface(Mac);

        (string? First, string? AfterRewrite) Serve(Func<NetnsLab, string, ServerProcess> start, string name, Action<ServerProcess> reread)
        {
            var hostsFile = Path.Combine(lab.Directory, name + ".dhcphosts");
            File.WriteAllText(hostsFile, $"# written by a tool\n{Mac},10.77.0.31,fromfile\n");
            var config = LabConfig.Write(lab, name, $"no-ping\ndhcp-hostsfile={hostsFile}");
            using var server = start(lab, config);
            var first = DhcpClients.Udhcpc(lab, nic, "client")?["ip"];
            File.WriteAllText(hostsFile, $"# written by a tool\n{Mac},10.77.0.32,fromfile\n");
            reread(server);
            return (first, DhcpClients.Udhcpc(lab, nic, "client")?["ip"]);
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq", s => { s.Hangup(); Thread.Sleep(500); });
        var pint = Serve(ServerProcess.StartPint, "pint", _ => Thread.Sleep(3000)); // the watcher polls every second

        Assert.Equal(("10.77.0.31", "10.77.0.32"), dnsmasq); // the reference did what this test expects of it
        Assert.Equal(dnsmasq, pint);
    }
}
