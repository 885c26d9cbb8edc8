using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>The same config served by Pint and by dnsmasq 2.90: the same udhcpc clients must be given the same fields.</summary>
[Collection("dhcp-netns")]
public class DhcpDnsmasqComparisonTests
{
    private static readonly string[] Fields = ["ip", "subnet", "broadcast", "router", "dns", "domain", "lease", "hostname", "serverid"];

    [Fact]
    public void Pint_offers_what_dnsmasq_offers_for_the_same_config()
    {
        using var lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dnsmasq", "ss");
        if (lab is null) return;
        string[] macs = [LabConfig.ReservedMac, "52:54:00:77:03:01", "52:54:00:77:03:02"];
        var nics = macs.Select(lab.AddClientInterface).ToArray();

        IReadOnlyDictionary<string, string>[] Serve(Func<NetnsLab, string, ServerProcess> start, string name)
        {
            // no-ping: dnsmasq would otherwise probe each dynamic address for up to 3 s before offering it.
            using var server = start(lab, LabConfig.Write(lab, name, "no-ping"));
            return nics.Select((nic, i) => DhcpClients.Udhcpc(lab, nic, $"cmp-{i}") ?? throw new Xunit.Sdk.XunitException($"{name}: no lease for {macs[i]}")).ToArray();
        }

        var fromDnsmasq = Serve(ServerProcess.StartDnsmasq, "dnsmasq");
        var fromPint = Serve(ServerProcess.StartPint, "pint");
        for (var i = 0; i < macs.Length; i++)
            foreach (var field in Fields)
                Assert.True(fromDnsmasq[i].GetValueOrDefault(field) == fromPint[i].GetValueOrDefault(field),
                    $"{macs[i]} {field}: dnsmasq gave '{fromDnsmasq[i].GetValueOrDefault(field)}', Pint '{fromPint[i].GetValueOrDefault(field)}'");
    }
}
