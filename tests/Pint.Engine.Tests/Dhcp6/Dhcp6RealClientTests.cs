using Xunit;

namespace Pint.Engine.Tests.Dhcp6;

/// <summary>Real DHCPv6 clients (ISC dhclient -6, dhcpcd) against Pint, and against dnsmasq 2.90 for the same config.</summary>
[Collection("dhcp-netns")]
public class Dhcp6RealClientTests
{
    private const string ClientDuid = "00:03:00:01:52:54:00:00:00:25";

    [Fact]
    public void Dhclient_gets_an_address_the_lease_file_records_it_and_release_removes_it()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhclient", "ss");
        if (lab is null) return;
        lab.StartPint(lab.WriteConfig("pint"));
        var bound = lab.Dhclient(lab.Net.ClientLink, ClientDuid);
        Assert.NotNull(bound);
        var address = bound!["new_ip6_address"];
        Assert.StartsWith("fd00:77::1", address);
        var (duid, leases) = lab.ReadLeaseFile("pint");
        Assert.Matches("^duid 00:01:00:01:([0-9a-f]{2}:){9}[0-9a-f]{2}$", duid);
        var line = Assert.Single(leases).Split(' ');
        Assert.Equal([address, "*", ClientDuid], line[2..]);

        lab.DhclientRelease(lab.Net.ClientLink);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (lab.ReadLeaseFile("pint").Leases.Length > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.Empty(lab.ReadLeaseFile("pint").Leases);
        Assert.Equal(duid, lab.ReadLeaseFile("pint").Duid);
    }

    [Fact]
    public void Dhcpcd_gets_an_address_with_the_configured_options()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhcpcd", "ss");
        if (lab is null) return;
        lab.StartPint(lab.WriteConfig("pint"));
        var bound = lab.Dhcpcd(lab.Net.ClientLink);
        Assert.NotNull(bound);
        Assert.StartsWith("fd00:77::1", bound!["new_dhcp6_ia_na1_ia_addr1"]);
        Assert.Equal("fd00:77::1 fd00:77::53", bound["new_dhcp6_name_servers"]);
        Assert.Equal("lab.test example.test", bound["new_dhcp6_domain_search"]);
        Assert.Equal("43200", bound["new_dhcp6_ia_na1_ia_addr1_vltime"]);
    }

    [Fact]
    public void Pint_gives_what_dnsmasq_gives_for_the_same_config()
    {
        using var lab = Dhcp6Lab.TryCreate("dotnet", "dhcpcd", "dhclient", "dnsmasq", "ss");
        if (lab is null) return;
        string[] fields = ["new_dhcp6_ia_na1_ia_addr1", "new_dhcp6_ia_na1_ia_addr1_pltime", "new_dhcp6_ia_na1_ia_addr1_vltime",
            "new_dhcp6_ia_na1_t1", "new_dhcp6_ia_na1_t2", "new_dhcp6_name_servers", "new_dhcp6_domain_search"];

        (IReadOnlyDictionary<string, string> Dhcpcd, IReadOnlyDictionary<string, string> Dhclient, string[] LeaseIds) Serve(bool pint, string name)
        {
            var config = lab.WriteConfig(name);
            var server = pint ? lab.StartPint(config) : lab.StartDnsmasq(config);
            try
            {
                var dhcpcd = lab.Dhcpcd(lab.Net.ClientLink) ?? throw new Xunit.Sdk.XunitException($"{name}: dhcpcd got nothing");
                var dhclient = lab.Dhclient(lab.Net.ClientLink, ClientDuid) ?? throw new Xunit.Sdk.XunitException($"{name}: dhclient got nothing");
                lab.DhclientRelease(lab.Net.ClientLink);
                // dnsmasq rewrites its lease file in place (truncate, then write): a read can catch it empty, so wait for
                // a file that still holds dhcpcd's lease and no longer dhclient's, and use that read.
                var deadline = DateTime.UtcNow.AddSeconds(10);
                var leases = lab.ReadLeaseFile(name).Leases;
                while ((leases.Length == 0 || leases.Any(l => l.EndsWith(ClientDuid, StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                    leases = lab.ReadLeaseFile(name).Leases;
                }
                // EXPIRY IAID ADDRESS HOSTNAME DUID: all but the expiry must match.
                return (dhcpcd, dhclient, leases.Select(l => string.Join(' ', l.Split(' ')[1..])).Order().ToArray());
            }
            finally
            {
                Dhcp6Lab.Stop(server);
            }
        }

        var dnsmasq = Serve(false, "dnsmasq");
        var pint = Serve(true, "pint");
        foreach (var field in fields)
            Assert.True(dnsmasq.Dhcpcd.GetValueOrDefault(field) == pint.Dhcpcd.GetValueOrDefault(field),
                $"dhcpcd {field}: dnsmasq gave '{dnsmasq.Dhcpcd.GetValueOrDefault(field)}', Pint '{pint.Dhcpcd.GetValueOrDefault(field)}'");
        foreach (var field in new[] { "new_ip6_address", "new_dhcp6_name_servers", "new_dhcp6_domain_search", "new_preferred_life", "new_max_life" })
            Assert.True(dnsmasq.Dhclient.GetValueOrDefault(field) == pint.Dhclient.GetValueOrDefault(field),
                $"dhclient {field}: dnsmasq gave '{dnsmasq.Dhclient.GetValueOrDefault(field)}', Pint '{pint.Dhclient.GetValueOrDefault(field)}'");
        Assert.Equal(dnsmasq.LeaseIds, pint.LeaseIds);
    }
}
