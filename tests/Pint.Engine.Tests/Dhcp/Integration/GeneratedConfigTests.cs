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

    /// <summary>
    /// lxc-net, libvirt's default network, an LXD bridge, NetworkManager's shared mode and OpenWrt: each file as the tool writes
    /// it, with the bridge, its network and the paths made the lab's. The one line changed beyond names and paths:
    /// dnsmasq's bind-interfaces DHCP socket needs SO_BINDTODEVICE, which the gVisor sandbox CI runs in refuses
    /// ("error binding DHCP socket to device"); Pint needs no such call. The file's own lease file line is used where it
    /// has one; libvirt's has none (dnsmasq's default would be the machine's), so the lab's is added for both servers.
    /// dnsmasq's first OFFERs go unicast and the sandbox refuses its ARP injection: udhcpc gets a few tries.
    /// </summary>
    [Theory]
    [InlineData("lxc-net-lxcbr0.conf", "lxcbr0=>{link}; 10.0.3.2,10.0.3.254=>{range}; 10.0.3.1=>{server}", ".lxc")]
    [InlineData("libvirt-default.conf", "virbr0=>{link}; 192.168.122.2,192.168.122.254=>{range}", "")]
    [InlineData("lxd-lxdbr0.conf", "lxdbr0=>{link}; 10.42.7.2,10.42.7.254=>{range}; 10.42.7.1=>{server}", ".lxd")]
    [InlineData("networkmanager-shared.conf", "10.42.0.10,10.42.0.254=>{range}; 10.42.0.1=>{server}", "")]
    // OpenWrt's ubus is a build option of OpenWrt's own dnsmasq (Debian's has none and refuses the line), and the lab
    // has no dnsmasq user; its reservation moves onto the lab's network with the range.
    [InlineData("openwrt-dnsmasq.conf", "enable-ubus=dnsmasq\n=>; user=dnsmasq\ngroup=dnsmasq\n=>; 192.168.1.100,192.168.1.249=>{range}; 192.168.1.10,=>10.77.0.10,", ".lan")]
    public void A_generated_config_starts_and_serves_a_client_as_dnsmasq_does(string file, string replacements, string domain)
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dig", "dnsmasq", "ss");
        if (lab is null) return;
        var nic = lab.AddClientInterface(Mac);
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Config", file));

        (string? Address, string Name, bool PidFileHeldPid) Serve(Func<NetnsLab, string, ServerProcess> start, string server)
        {
            var dir = Directory.CreateDirectory(Path.Combine(lab.Directory, server)).FullName;
            File.WriteAllText(Path.Combine(dir, "hostsfile"), "");
            File.WriteAllText(Path.Combine(dir, "addnhosts"), "");
            Directory.CreateDirectory(Path.Combine(dir, "conf.d"));
            var leases = Path.Combine(dir, "leases");
            var text = System.Text.RegularExpressions.Regex.Replace(template, @"^(pid-file|dhcp-leasefile|dhcp-hostsfile|addn-hosts|conf-dir|conf-file|resolv-file)=(.+)$", m => m.Groups[1].Value switch
            {
                "pid-file" => $"pid-file={Path.Combine(dir, "pid")}",
                "dhcp-leasefile" => $"dhcp-leasefile={leases}",
                "dhcp-hostsfile" => $"dhcp-hostsfile={Path.Combine(dir, "hostsfile")}",
                "addn-hosts" => $"addn-hosts={Path.Combine(dir, "addnhosts")}",
                "conf-file" => $"conf-file={Path.Combine(dir, "addnhosts")}", // OpenWrt's includes, empty here
                "resolv-file" => $"resolv-file={Path.Combine(dir, "addnhosts")}",
                _ => $"conf-dir={Path.Combine(dir, "conf.d")}",
            }, System.Text.RegularExpressions.RegexOptions.Multiline);
            text = text.Replace("\nbind-interfaces\n", "\n");
            foreach (var pair in replacements.Split("; "))
            {
                var (from, to) = (pair.Split("=>")[0], pair.Split("=>")[1]);
                text = text.Replace(from, to.Replace("{link}", lab.ServerLink).Replace("{range}", "10.77.0.100,10.77.0.150")
                    .Replace("{server}", NetnsLab.ServerAddress.ToString()));
            }
            if (!text.Contains("dhcp-leasefile=")) text += $"\ndhcp-leasefile={leases}\n";
            var config = Path.Combine(dir, file);
            File.WriteAllText(config, text + "\nno-resolv\n");
            using var process = start(lab, config);
            var lease = DhcpClients.Udhcpc(lab, nic, "guest1", tries: 8);
            var address = lease?["ip"];
            if (address is not null) lab.Configure(nic, address);
            var name = lab.InClient("dig", $"+short +time=2 +tries=1 @{NetnsLab.ServerAddress} guest1{domain}").Output.Trim();
            lab.Unconfigure(nic);
            var pidFile = Path.Combine(dir, "pid");
            return (address, name, File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == process.Id.ToString());
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.NotNull(dnsmasq.Address); // the reference served the config as this test expects
        Assert.Equal(dnsmasq.Address, dnsmasq.Name); // and named the client in DNS
        Assert.Equal((dnsmasq.Address, dnsmasq.Name), (pint.Address, pint.Name));
        // The lab's ServerProcess gives dnsmasq --pid-file= on its command line; the config's own line is Pint's to honour.
        if (template.Contains("\npid-file=/")) Assert.True(pint.PidFileHeldPid, "Pint's pid file holds its process id while it serves");
    }
}
