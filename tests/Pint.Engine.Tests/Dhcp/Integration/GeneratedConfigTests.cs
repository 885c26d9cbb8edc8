using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// Configs as the tools that run dnsmasq write them (issue #15's corpus, TestData/Config), started as they are on the
/// real dnsmasq 2.90 and on Pint in a network namespace, with the bridge's name, its address and the file paths
/// changed to the lab's: a client gets the same lease, its name answers the same, and the pid file holds the pid.
/// </summary>
[Collection("dhcp-netns")]
public class GeneratedConfigTests
{
    private const string Mac = "52:54:00:77:06:01";

    [Fact]
    public void Lxc_net_config_starts_and_serves_a_container_as_dnsmasq_does()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dig", "dnsmasq", "ss");
        if (lab is null) return;
        var nic = lab.AddClientInterface(Mac);
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Config", "lxc-net-lxcbr0.conf"));

        (string? Address, string Name, bool PidFileHeldPid) Serve(Func<NetnsLab, string, ServerProcess> start, string server, string extra)
        {
            var pidFile = Path.Combine(lab.Directory, server + ".pid");
            var config = Path.Combine(lab.Directory, server + ".conf");
            // The one line changed beyond names and paths: dnsmasq's bind-interfaces DHCP socket needs SO_BINDTODEVICE,
            // which the gVisor sandbox CI runs in refuses ("error binding DHCP socket to device"); Pint needs no such call.
            File.WriteAllText(config, template
                .Replace("\nbind-interfaces\n", "\n")
                .Replace("/run/lxc/dnsmasq.pid", pidFile)
                .Replace("/var/lib/misc/dnsmasq.lxcbr0.leases", Path.Combine(lab.Directory, server + ".leases"))
                .Replace("lxcbr0", lab.ServerLink)
                .Replace("10.0.3.1", NetnsLab.ServerAddress.ToString())
                .Replace("10.0.3.2,10.0.3.254", "10.77.0.100,10.77.0.150")
                + extra);
            using var process = start(lab, config);
            // dnsmasq's first OFFERs go unicast and the sandbox refuses its ARP injection ("No such device"): it takes
            // a few tries before one arrives.
            var lease = DhcpClients.Udhcpc(lab, nic, "container1", tries: 8);
            var address = lease?["ip"];
            if (address is not null) lab.Configure(nic, address);
            var name = lab.InClient("dig", $"+short +time=2 +tries=1 @{NetnsLab.ServerAddress} container1.lxc").Output.Trim();
            lab.Unconfigure(nic);
            bool pidHeld = File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == process.Id.ToString();
            return (address, name, pidHeld);
        }

        // The lab's ServerProcess gives dnsmasq --pid-file= on its command line; the config's own line is the one tested.
        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq", "no-resolv\n");
        var pint = Serve(ServerProcess.StartPint, "pint", "no-resolv\n");

        Assert.NotNull(dnsmasq.Address); // the reference served the config as this test expects
        Assert.Equal(dnsmasq.Address, dnsmasq.Name);
        Assert.Equal((dnsmasq.Address, dnsmasq.Name), (pint.Address, pint.Name));
        Assert.True(pint.PidFileHeldPid, "Pint's pid file holds its process id while it serves");
    }
}
