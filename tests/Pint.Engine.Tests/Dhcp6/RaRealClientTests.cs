using System.Diagnostics;
using System.Text.RegularExpressions;
using Pint.Engine.Hosting.Control;
using Pint.Engine.Tests.Dhcp.Integration;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// Router advertisements in the netns lab (server end fd00:77::1/64): the client namespace's kernel does SLAAC from
/// Pint's RAs, rdisc6 sees what it sees from dnsmasq 2.90 on the same config, and malformed solicitations change nothing.
/// </summary>
[Collection("dhcp-netns")]
public partial class RaRealClientTests
{
    private static string Config(Dhcp6Lab lab, string name, string body)
    {
        var path = Path.Combine(lab.Directory, name + ".conf");
        File.WriteAllText(path, $"no-resolv\nno-hosts\ndhcp-leasefile={lab.LeaseFile(name)}\n{body.Replace("LINK", lab.Net.ServerLink)}\n");
        return path;
    }

    /// <summary>rdisc6's report of the first RA answering its solicitation, one normalised line each, without the link-layer address; empty when none came.</summary>
    private static string[] Rdisc6(Dhcp6Lab lab)
    {
        var (_, output) = lab.Net.InClient("rdisc6", $"-1 -w 2000 -r 5 {lab.Net.ClientLink}", 20000);
        return output.Split('\n').Select(l => Spaces().Replace(l.Trim(), " ")).Where(l => l.Length > 0 && !l.StartsWith("Soliciting", StringComparison.Ordinal)
            && !l.StartsWith("Source link-layer address", StringComparison.Ordinal) && l != "Timed out." && !l.StartsWith("No response", StringComparison.Ordinal)).ToArray();
    }

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();

    /// <summary>The client end's global addresses, as `ip -6 addr` shows them.</summary>
    private static string ClientAddresses(Dhcp6Lab lab) =>
        NetnsLab.Run("ip", $"-n {lab.Net.ClientNamespace} -6 addr show dev {lab.Net.ClientLink} scope global").Output;

    private static string WaitForSlaac(Dhcp6Lab lab)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var shown = "";
        while (DateTime.UtcNow < deadline)
        {
            shown = ClientAddresses(lab);
            if (SlaacAddress().Match(shown) is { Success: true } m) return m.Value;
            Thread.Sleep(200);
        }
        throw new Xunit.Sdk.XunitException("the client configured no SLAAC address on fd00:77::/64:\n" + shown);
    }

    [GeneratedRegex(@"fd00:77::[0-9a-f:]+/64(?= scope global[^\n]*dynamic)")]
    private static partial Regex SlaacAddress();

    [Theory]
    [InlineData("ra-only", "enable-ra\nport=0\ndhcp-range=fd00:77::,ra-only,64,12h")]
    [InlineData("slaac", "enable-ra\nport=0\ndhcp-range=fd00:77::1000,fd00:77::13e7,slaac,64,1h")]
    public void The_clients_kernel_configures_a_slaac_address_from_pints_ras(string mode, string config)
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "ss");
        if (lab is null) return;
        Assert.DoesNotMatch(SlaacAddress(), ClientAddresses(lab));
        lab.StartPint(Config(lab, "pint-" + mode, config));
        var address = WaitForSlaac(lab);
        Assert.StartsWith("fd00:77::", address);
    }

    public static TheoryData<string, string> Configs => new()
    {
        { "ra-only", "enable-ra\nport=5353\ndhcp-range=fd00:77::,ra-only,64,12h\ndhcp-option=option6:domain-search,lab.test,example.test" },
        { "slaac", "enable-ra\nport=0\ndhcp-range=fd00:77::1000,fd00:77::13e7,slaac,64,1h\ndhcp-option=option6:dns-server,[::],[fd00:77::53]" },
        { "ra-stateless", "port=5353\ndhcp-range=fd00:77::,ra-stateless,ra-names,64,5m\nra-param=LINK,mtu:1400,high,30" },
        { "stateful", "enable-ra\nport=5353\ndhcp-range=fd00:77::1000,fd00:77::13e7,64\nra-param=LINK,mtu:off,low,60,0" },
        { "ra-names", "enable-ra\nport=0\ndhcp-range=fd00:77::1000,fd00:77::13e7,ra-names,off-link,64,deprecated" },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Rdisc6_sees_from_pint_what_it_sees_from_dnsmasq(string mode, string config)
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dnsmasq", "rdisc6", "ss");
        if (lab is null) return;
        string[] Observe(bool pint)
        {
            var path = Config(lab, (pint ? "pint-" : "dnsmasq-") + mode, config);
            // dnsmasq serves no DHCPv6 on an RA-only config, so there is no port to wait for: rdisc6's retries cover its start.
            var server = pint ? lab.StartPint(path) : lab.Net.StartInServer("dnsmasq", $"-C {path} -k --log-facility=- --pid-file= -u root");
            try { return Rdisc6(lab); }
            finally { Dhcp6Lab.Stop(server); }
        }
        var dnsmasq = Observe(pint: false);
        Assert.Contains(dnsmasq, l => l.StartsWith("Prefix : fd00:77::/64", StringComparison.Ordinal));
        var pint = Observe(pint: true);
        Assert.True(dnsmasq.SequenceEqual(pint), $"dnsmasq:\n{string.Join("\n", dnsmasq)}\n\nPint:\n{string.Join("\n", pint)}");
    }

    [Fact]
    public void Malformed_solicitations_are_counted_and_ras_go_on()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "rdisc6", "python3", "ss");
        if (lab is null) return;
        var config = Config(lab, "pint-malformed", "enable-ra\nport=0\ndhcp-range=fd00:77::,ra-only,64,12h");
        var pint = lab.StartPint(config);
        Assert.Contains("Prefix : fd00:77::/64", Rdisc6(lab));
        // Router solicitations that break RFC 4861 6.1.1: a zero-length option, an option past the end, code 1, too short.
        const string send = "import socket;s=socket.socket(socket.AF_INET6,socket.SOCK_RAW,socket.IPPROTO_ICMPV6);"
            + "s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_MULTICAST_HOPS,255);"
            + "[s.sendto(bytes.fromhex(h),('ff02::2',0,0,socket.if_nametoindex('{0}'))) for h in "
            + "['85000000000000000100525400000001','85000000000000000105525400000001','8501000000000000','850000000000']]";
        var (code, output) = lab.Net.InClient("python3", $"-c \"{string.Format(send, lab.Net.ClientLink)}\"");
        Assert.True(code == 0, output);
        ServiceStatus Ra() => Assert.Single(ControlClient.CallAsync<ServerStatus>(Path.Combine(lab.Directory, "pint-malformed.sock"),
            new ControlRequest("status")).GetAwaiter().GetResult().Services, s => s.Name == "ra");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Ra().Counters.GetValueOrDefault("malformed") < 4 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.Equal(4, Ra().Counters["malformed"]);
        Assert.False(pint.HasExited);
        // Solicitations are still answered...
        var solicited = Ra().Counters["solicitations"];
        Assert.Contains("Prefix : fd00:77::/64", Rdisc6(lab));
        Assert.True(Ra().Counters["solicitations"] > solicited, "rdisc6's solicitation was not counted");
        // ...and the unsolicited RAs go on: one comes within the 16 s the first minute's gaps are at most.
        var sniff = "import socket;s=socket.socket(socket.AF_INET6,socket.SOCK_RAW,socket.IPPROTO_ICMPV6);s.settimeout(20);"
            + $"s.setsockopt(socket.SOL_SOCKET,25,b'{lab.Net.ClientLink}');"
            + "exec('while True:\\n d=s.recv(2000)\\n if d[0]==134: print(len(d)); break')";
        var (sniffCode, sniffOutput) = lab.Net.InClient("python3", $"-c \"{sniff}\"", 25000);
        Assert.True(sniffCode == 0, sniffOutput);
        Assert.Equal(0, Ra().Counters["errors"]);
    }
}
