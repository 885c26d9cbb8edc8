using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// The encapsulated forms of dhcp-option side by side with dnsmasq 2.90, as dnsmasq.conf.example writes them:
/// vendor:CLASS (option 43 for clients of that vendor class only), encap:N (sub-options inside option N, the
/// iSCSI/Etherboot block of option 175) and vi-encap:N (option 125 for an enterprise number). Real udhcpc clients
/// with different vendor classes ask for the options; what each gets must be byte for byte what dnsmasq sends.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpVendorOptionsDnsmasqTests
{
    private const string Lines = """
        no-ping
        dhcp-option=vendor:PXEClient,1,0.0.0.0
        dhcp-option=vendor:PXEClient,6,2b
        dhcp-option=vendor:MSFT,2,1i
        dhcp-option=vendor:Etherboot,60,"Etherboot"
        dhcp-option=encap:175, 1, 5b
        dhcp-option=encap:175, 176, 1b
        dhcp-option=encap:175, 177, string
        dhcp-option=encap:175, 190, user
        dhcp-option=vi-encap:4491,1,10.77.0.5
        dhcp-option=vi-encap:4491,2,"cable"
        dhcp-option=vi-encap:311,7,3b
        """;

    private static readonly string[] Seen = ["opt43", "opt175", "opt125", "ip"];

    [Fact]
    public void Vendor_encapsulated_and_vi_encap_options_reach_clients_as_from_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        (string Mac, string Extra)[] clients =
        [
            ("52:54:00:77:08:01", "-V PXEClient:Arch:00000:UNDI:002001 -O 43 -O 175 -O 125"),
            ("52:54:00:77:08:02", "-V MSFT_5.0 -O 43 -O 125"),
            ("52:54:00:77:08:03", "-V Etherboot-5.4 -O 43 -O 175"),
            ("52:54:00:77:08:04", "-V other -O 43 -O 175 -O 125"),
            ("52:54:00:77:08:05", "-V PXEClient"), // asks for none of them
        ];
        var nics = clients.Select(c => lab.AddClientInterface(c.Mac)).ToArray();

        string[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            using (start(lab, LabConfig.Write(lab, name, Lines)))
            {
                return clients.Select((c, i) =>
                {
                    var bound = DhcpClients.Udhcpc(lab, nics[i], extra: c.Extra, tries: 8) ?? throw new Xunit.Sdk.XunitException($"{name}: no lease for {c.Mac}");
                    return $"{c.Mac} {string.Join(' ', Seen.Select(k => $"{k}={bound.GetValueOrDefault(k, "-")}"))}";
                }).ToArray();
            }
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var pint = Serve(ServerProcess.StartPint, "pint");

        Assert.Contains(dnsmasq, l => l.StartsWith("52:54:00:77:08:01 ") && !l.Contains("opt43=-")); // the reference sent option 43 to the PXE client
        Assert.True(dnsmasq.SequenceEqual(pint), $"dnsmasq:\n{string.Join('\n', dnsmasq)}\npint:\n{string.Join('\n', pint)}");
    }
}
