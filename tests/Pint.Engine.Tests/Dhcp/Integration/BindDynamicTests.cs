using System.Diagnostics;
using System.Net;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>
/// bind-dynamic as libvirt and OpenWrt use it: listening on the interface's addresses, and on an address added to
/// it while the server runs, as dnsmasq 2.90 does.
/// </summary>
[Collection("dhcp-netns")]
public class BindDynamicTests
{
    [Fact]
    public void An_address_added_to_the_interface_while_serving_answers_DNS_as_with_dnsmasq()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "dig", "dnsmasq", "ss");
        if (lab is null) return;
        lab.Configure(lab.ClientLink, "10.77.0.50");
        // The answer's address, or "" for no answer (dig prints why on the same stream).
        string Ask(string server) =>
            lab.InClient("dig", $"+short +time=1 +tries=1 @{server} probe.lab.test").Output.Trim() is var output && IPAddress.TryParse(output, out _) ? output : "";

        (string First, string Added) Serve(Func<NetnsLab, string, ServerProcess> start, string name, string added)
        {
            var config = LabConfig.Write(lab, name, $"interface={lab.ServerLink}\nbind-dynamic\nhost-record=probe.lab.test,10.9.9.9");
            using var server = start(lab, config);
            var first = Ask(NetnsLab.ServerAddress.ToString());
            lab.AddServerAddress(added);
            // dnsmasq hears of the address from netlink; Pint looks every two seconds.
            var answer = "";
            for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(8) && answer.Length == 0; Thread.Sleep(250))
                answer = Ask(added);
            return (first, answer);
        }

        var dnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq", "10.77.0.2");
        var pint = Serve(ServerProcess.StartPint, "pint", "10.77.0.3");

        Assert.Equal(("10.9.9.9", "10.9.9.9"), dnsmasq); // the reference did what this test expects of it
        Assert.Equal(dnsmasq, pint);
    }
}
