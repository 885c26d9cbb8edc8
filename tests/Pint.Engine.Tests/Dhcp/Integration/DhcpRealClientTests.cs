using System.Net;
using Pint.Engine.Dhcp.Leases;
using Xunit;

namespace Pint.Engine.Tests.Dhcp.Integration;

/// <summary>One lab and one running Pint service host, shared by the real-client tests of a class.</summary>
public sealed class PintLabFixture : IDisposable
{
    public PintLabFixture()
    {
        Lab = NetnsLab.TryCreate("dotnet", "udhcpc", "dhclient", "dig", "ss");
        if (Lab is null) return;
        Config = LabConfig.Write(Lab, "pint");
        Server = ServerProcess.StartPint(Lab, Config);
    }

    internal NetnsLab? Lab { get; }
    internal string? Config { get; }
    internal ServerProcess? Server { get; }

    internal string LeaseFile => LabConfig.LeaseFile(Lab!, "pint");

    internal IReadOnlyList<DhcpLease> FileLeases() =>
        LeaseFile is var path && File.Exists(path) ? Pint.Engine.Dhcp.Leases.LeaseFile.Read(path).Active(DateTimeOffset.UtcNow).ToList() : [];

    /// <summary>
    /// The lease file once <paramref name="done"/> holds for it (the snapshot follows a change within a second), or
    /// after 5 s; always checked to hold one line per live lease, as dnsmasq.leases does.
    /// </summary>
    internal IReadOnlyList<DhcpLease> FileLeasesOnce(Func<IReadOnlyList<DhcpLease>, bool> done)
    {
        LeaseFileChecks.WaitFor(LeaseFile, done, TimeSpan.FromSeconds(5));
        return LeaseFileChecks.AssertOneLinePerLiveLease(LeaseFile, DateTimeOffset.UtcNow);
    }

    public void Dispose()
    {
        Server?.Dispose();
        Lab?.Dispose();
    }
}

/// <summary>
/// Real DHCP clients (busybox udhcpc, ISC dhclient) in one network namespace against the Pint service host in
/// another, over a veth pair; DNS answers checked with dig against the server.
/// </summary>
[Collection("dhcp-netns")]
public class DhcpRealClientTests(PintLabFixture fixture) : IClassFixture<PintLabFixture>
{
    private NetnsLab? Lab => fixture.Lab;

    private string Dig(string arguments) => Lab!.InClient("dig", $"+short +time=2 +tries=1 @{NetnsLab.ServerAddress} {arguments}").Output.Trim();

    [Fact]
    public void A_reserved_mac_gets_its_reserved_address_and_name()
    {
        if (Lab is null) return;
        var bound = DhcpClients.Udhcpc(Lab, Lab.AddClientInterface(LabConfig.ReservedMac));
        Assert.NotNull(bound);
        Assert.Equal(LabConfig.ReservedAddress, bound["ip"]);
        Assert.Equal(LabConfig.ReservedName, bound.GetValueOrDefault("hostname"));
    }

    [Fact]
    public void A_dynamic_client_gets_a_range_address_with_router_dns_domain_and_lease_time()
    {
        if (Lab is null) return;
        var bound = DhcpClients.Udhcpc(Lab, Lab.AddClientInterface("52:54:00:77:01:01"));
        Assert.NotNull(bound);
        var address = IPAddress.Parse(bound["ip"]).GetAddressBytes();
        Assert.Equal(new byte[] { 10, 77, 0 }, address[..3]);
        Assert.InRange(address[3], 100, 150);
        Assert.Equal("255.255.255.0", bound["subnet"]);
        Assert.Equal("10.77.0.1", bound["router"]);
        Assert.Equal("10.77.0.1", bound["dns"]);
        Assert.Equal(LabConfig.Domain, bound["domain"]);
        Assert.Equal(LabConfig.LeaseSeconds.ToString(), bound["lease"]);
    }

    [Fact]
    public void The_hostname_a_client_sends_resolves_forward_and_reverse_until_dhclient_releases_it()
    {
        if (Lab is null) return;
        var nic = Lab.AddClientInterface("52:54:00:77:01:02");
        var bound = DhcpClients.Dhclient(Lab, nic, "client-two");
        Assert.NotNull(bound);
        var address = bound["new_ip_address"];
        Assert.Equal(LabConfig.Domain, bound["new_domain_name"]);
        Lab.Configure(nic, address);

        Assert.Equal(address, Dig("client-two.lab.test A"));
        Assert.Equal(address, Dig("client-two A"));
        Assert.Equal("client-two.lab.test.", Dig($"-x {address}"));
        Assert.Contains(fixture.FileLeasesOnce(f => f.Any(l => l.Address.ToString() == address)), l => l.Address.ToString() == address && l.HostName == "client-two");

        DhcpClients.DhclientRelease(Lab, nic);
        // The release is one UDP datagram; the file drops its line with the next snapshot, as dnsmasq's does.
        Assert.DoesNotContain(fixture.FileLeasesOnce(f => f.All(l => l.Address.ToString() != address)), l => l.Address.ToString() == address);
        Assert.Equal("", Dig("client-two.lab.test A"));
    }

    [Fact]
    public void An_ignored_mac_gets_no_answer()
    {
        if (Lab is null) return;
        Assert.Null(DhcpClients.Udhcpc(Lab, Lab.AddClientInterface(LabConfig.IgnoredMac), tries: 2));
        Assert.DoesNotContain(fixture.FileLeases(), l => l.HardwareAddress == LabConfig.IgnoredMac);
    }

    [Fact]
    public void The_lease_file_holds_what_the_clients_hold()
    {
        if (Lab is null) return;
        var clients = new[] { "52:54:00:77:02:01", "52:54:00:77:02:02", "52:54:00:77:02:03" };
        var held = new Dictionary<string, (string Address, long Expiry)>();
        for (var i = 0; i < clients.Length; i++)
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var bound = DhcpClients.Udhcpc(Lab, Lab.AddClientInterface(clients[i]), $"file-{i}");
            Assert.NotNull(bound);
            held[clients[i]] = (bound["ip"], before + long.Parse(bound["lease"]));
        }
        var leases = fixture.FileLeasesOnce(f => held.Keys.All(mac => f.Any(l => l.HardwareAddress == mac)));
        foreach (var (mac, (address, expiry)) in held)
        {
            var lease = Assert.Single(leases, l => l.HardwareAddress == mac);
            Assert.Equal(address, lease.Address.ToString());
            Assert.StartsWith("file-", lease.HostName);
            Assert.InRange(lease.Expires!.Value.ToUnixTimeSeconds(), expiry - 2, expiry + 5);
        }
        Assert.Equal(held.Count, held.Values.Select(h => h.Address).Distinct().Count());
    }
}
