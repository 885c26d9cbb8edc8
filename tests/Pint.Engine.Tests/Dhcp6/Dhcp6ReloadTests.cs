using System.Text.Json;
using Pint.Engine.Hosting.Control;
using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>
/// A reload that changes only DHCPv6 options (and hosts and ranges) is taken in place (issue #16): the service host
/// keeps the DHCPv6 service, its socket and its counters, and the next REPLY a real client (dhcpcd) gets carries the
/// new options.
/// </summary>
[Collection("dhcp-netns")]
public class Dhcp6ReloadTests
{
    [Fact]
    public async Task A_reload_changing_dhcpv6_options_reaches_the_next_reply_on_the_same_socket()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhcpcd", "ss");
        if (lab is null) return;
        var nic = lab.Net.ClientLink;
        // An IPv4 range too: the DHCPv6 service then commits through the DHCPv4 store's writer, which a reload keeps.
        var config = lab.WriteConfig("reload", "dhcp-range=10.77.0.10,10.77.0.250,255.255.255.0,12h\n");
        var socket = Path.Combine(lab.Directory, "reload.sock");
        lab.StartPint(config);

        var first = lab.Dhcpcd(nic) ?? throw new Xunit.Sdk.XunitException("dhcpcd got nothing");
        Assert.Equal("fd00:77::1 fd00:77::53", first["new_dhcp6_name_servers"]);
        Assert.Equal("lab.test example.test", first["new_dhcp6_domain_search"]);
        var before = await Dhcp6Status(socket);
        Assert.True(before.Counters["received"] >= 2, $"received {before.Counters["received"]}");

        File.WriteAllText(config, File.ReadAllText(config)
            .Replace("dhcp-option=option6:dns-server,[::],[fd00:77::53]", "dhcp-option=option6:dns-server,[fd00:77::54]")
            .Replace("dhcp-option=option6:domain-search,lab.test,example.test", "dhcp-option=option6:domain-search,reloaded.test"));
        var reloaded = await ControlClient.SendAsync(socket, new ControlRequest("reload"));
        Assert.True(reloaded.Ok, reloaded.Error);
        var status = reloaded.Result!.Value.Deserialize<ServerStatus>(ControlJson.Options)!;
        Assert.True(status.LastReload is { Applied: true }, status.LastReload?.Error);

        // The same service: the same socket and interfaces, and its counters went on (a restarted one starts at 0).
        var after = await Dhcp6Status(socket);
        Assert.Equal(before.Endpoints, after.Endpoints);
        Assert.True(after.Counters["received"] >= before.Counters["received"], $"received {before.Counters["received"]} then {after.Counters["received"]}: restarted");

        var second = lab.Dhcpcd(nic) ?? throw new Xunit.Sdk.XunitException("dhcpcd got nothing after the reload");
        Assert.Equal("fd00:77::54", second["new_dhcp6_name_servers"]);
        Assert.Equal("reloaded.test", second["new_dhcp6_domain_search"]);
        Assert.Equal(first["new_dhcp6_ia_na1_ia_addr1"], second["new_dhcp6_ia_na1_ia_addr1"]);
        var last = await Dhcp6Status(socket);
        Assert.Equal(before.Endpoints, last.Endpoints);
        Assert.True(last.Counters["received"] > after.Counters["received"]);
        Assert.True(last.Counters["received"] >= before.Counters["received"] + 2, "the counters started again: the service was restarted");
    }

    [Fact]
    public async Task A_reload_adding_an_ipv4_range_to_a_dhcpv6_only_config_starts_dhcpv4_and_keeps_the_ipv6_lease()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhcpcd", "ss");
        if (lab is null) return;
        var nic = lab.Net.ClientLink;
        var config = lab.WriteConfig("grow");
        var socket = Path.Combine(lab.Directory, "grow.sock");
        lab.StartPint(config);
        var first = lab.Dhcpcd(nic) ?? throw new Xunit.Sdk.XunitException("dhcpcd got nothing");

        // DHCPv6 held the lease file alone; now DHCPv4 owns it and DHCPv6 writes through it.
        File.AppendAllText(config, "dhcp-range=10.77.0.10,10.77.0.250,255.255.255.0,12h\n");
        var reloaded = await ControlClient.SendAsync(socket, new ControlRequest("reload"));
        Assert.True(reloaded.Ok, reloaded.Error);
        var status = reloaded.Result!.Value.Deserialize<ServerStatus>(ControlJson.Options)!;
        Assert.True(status.LastReload is { Applied: true }, status.LastReload?.Error);
        var running = (await ControlClient.SendAsync(socket, new ControlRequest("status"))).Result!.Value.Deserialize<ServerStatus>(ControlJson.Options)!;
        Assert.Contains(running.Services, s => s.Name == "dhcp");
        Assert.Contains(running.Services, s => s.Name == "dhcp6");

        // The DHCPv6 lease made before is still the client's, and a new exchange is written to the shared file.
        var second = lab.Dhcpcd(nic) ?? throw new Xunit.Sdk.XunitException("dhcpcd got nothing after the reload");
        Assert.Equal(first["new_dhcp6_ia_na1_ia_addr1"], second["new_dhcp6_ia_na1_ia_addr1"]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!lab.ReadLeaseFile("grow").Leases.Any(l => l.Contains(second["new_dhcp6_ia_na1_ia_addr1"], StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Contains(lab.ReadLeaseFile("grow").Leases, l => l.Contains(second["new_dhcp6_ia_na1_ia_addr1"], StringComparison.Ordinal));
    }

    private static async Task<ServiceStatus> Dhcp6Status(string socket)
    {
        var response = await ControlClient.SendAsync(socket, new ControlRequest("status"));
        Assert.True(response.Ok, response.Error);
        var status = response.Result!.Value.Deserialize<ServerStatus>(ControlJson.Options)!;
        return status.Services.Single(s => s.Name == "dhcp6");
    }
}
