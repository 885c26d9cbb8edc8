using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// dhcp-vendorclass, dhcp-userclass, dhcp-mac and dhcp-ignore side by side with dnsmasq 2.90: tags set from option 60,
/// option 77 and the hardware address choose the options real udhcpc clients get, and a client tagged for dhcp-ignore
/// gets no lease from either server.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpClassOptionsDnsmasqTests
{
    private const string Lines = """
        no-ping
        dhcp-vendorclass=set:pxe,PXEClient
        dhcp-userclass=set:kiosk,kiosk
        dhcp-mac=set:lab,52:54:00:77:0a:*
        dhcp-mac=set:banned,52:54:00:77:0b:*
        dhcp-ignore=tag:banned
        dhcp-option=tag:pxe,option:ntp-server,10.77.0.7
        dhcp-option=tag:kiosk,option:mtu,1400
        dhcp-option=tag:lab,option:tftp-server,lab-tftp
        """;

    private static readonly string[] Seen = ["ip", "ntpsrv", "mtu", "tftp"];

    [Fact]
    public void Class_and_mac_tags_choose_options_and_ignored_clients_get_nothing_as_with_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        (string Mac, string Extra)[] clients =
        [
            ("52:54:00:77:0c:01", "-V PXEClient:Arch:00000 -O 42 -O 26 -O 66"),
            ("52:54:00:77:0c:02", "-x 0x4d:056b696f736b -O 42 -O 26 -O 66"), // user class "kiosk" (RFC 3004: length-prefixed)
            ("52:54:00:77:0a:03", "-V other -O 42 -O 26 -O 66"),
            ("52:54:00:77:0b:04", "-O 42 -O 26 -O 66"),
        ];
        var nics = clients.Select(c => lab.AddClientInterface(c.Mac)).ToArray();

        string[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            using (start(lab, LabConfig.Write(lab, name, Lines)))
            {
                return clients.Select((c, i) =>
                {
                    var bound = DhcpClients.Udhcpc(lab, nics[i], extra: c.Extra, tries: i == 3 ? 3 : 8);
                    return bound is null ? $"{c.Mac} no lease" : $"{c.Mac} {string.Join(' ', Seen.Select(k => $"{k}={bound.GetValueOrDefault(k, "-")}"))}";
                }).ToArray();
            }
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.Equal("52:54:00:77:0b:04 no lease", dnsmasq[3]); // the reference ignored the banned client
        Assert.Contains("ntpsrv=10.77.0.7", dnsmasq[0]);          // and tagged the PXE client by its vendor class
        Assert.Contains("mtu=1400", dnsmasq[1]);                  // the kiosk by its user class
        Assert.Contains("tftp=lab-tftp", dnsmasq[2]);             // and the lab machine by its MAC
        Assert.True(dnsmasq.SequenceEqual(pint), $"dnsmasq:\n{string.Join('\n', dnsmasq)}\npint:\n{string.Join('\n', pint)}");
    }
}
