using System.Net;
using System.Net.Sockets;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases;
using DhcpOptionCode = Pint.Engine.Dhcp.Wire.DhcpOptionCode;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Hosting.Control;
using Pint.Engine.Management;
using Xunit;
using Pint.Engine.Net;
using Pint.Engine.Dhcp;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// The DHCP service while it runs: its leases listed and removed through the control channel, and a reload taking
/// effect for the next exchange on the same socket with the same leases. Loopback only: the test plays a relay.
/// </summary>
public sealed class DhcpServiceLiveTests : IAsyncLifetime
{
    private readonly string _directory = DhcpTestTools.TempDirectory();
    private readonly UdpClient _relay = new(new IPEndPoint(IPAddress.Loopback, 0));
    private DnsService _dns = null!;
    private DhcpService _service = null!;

    private string LeasePath => Path.Combine(_directory, "pint.leases");

    private PintConfig Config(string body, string? leaseFile = null)
    {
        // no-ping: every 127.x address answers a ping, so probing would find the whole range in use.
        var text = $"domain=lab.test\nno-ping\ndhcp-leasefile={leaseFile ?? LeasePath}\n{body}";
        var loaded = ConfigLoader.LoadText(text, Path.Combine(_directory, "pint.conf"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Config;
    }

    /// <summary>The config through the setup steps, as a reload hands it to the running service.</summary>
    private PintSetupResult Setup(string body, string? leaseFile = null) =>
        PintSetup.Run(new ConfigLoadResult(Config(body, leaseFile), [], []), SystemFacts.Live, _directory);

    private PintConfig Initial => Config("dhcp-range=127.0.0.100,127.0.0.150,255.255.255.0,1h\ndhcp-option=option:router,127.0.0.254");

    public async Task InitializeAsync()
    {
        var future = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        File.WriteAllText(LeasePath, $"{future} 52:54:00:aa:bb:01 127.0.0.120 laptop *\n{future} 52:54:00:aa:bb:02 127.0.0.121 printer *\n");
        var config = Initial;
        _dns = new DnsService(DnsSetup.Build(config, SystemFacts.Live, _directory).Options!);
        var port = ((IPEndPoint)_relay.Client.LocalEndPoint!).Port;
        var options = DhcpSetup.Build(config).Options! with { ServerPort = 0, RelayPort = port, ClientPort = port };
        _service = new DhcpService(config, options, LeasePath, () => _dns, NullPintLog.Instance, IPAddress.Loopback);
        await _service.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _relay.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private bool DnsKnows(string name) => _dns.Server.DhcpNames.Find(DnsName.FromText(name)) is not null;

    private async Task<DhcpTestReply> Offer(string mac)
    {
        var client = new DhcpTestPackets(mac) { RelayAddress = IPAddress.Loopback };
        await _relay.SendAsync(client.Discover(), IPEndPoint.Parse(_service.Endpoints.Single()["udp/".Length..]));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return DhcpTestReply.Read((await _relay.ReceiveAsync(timeout.Token)).Buffer);
    }

    /// <summary>What the host does with a request it does not know: asks its services.</summary>
    private sealed class ServiceRouter(IServiceControl service) : IControlHandler
    {
        public async Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken) =>
            await service.TryHandleAsync(request, cancellationToken) ?? ControlResponse.Failure($"Unknown control command '{request.Command}'.");
    }

    [Fact]
    public async Task The_control_channel_lists_live_leases_and_removes_one_durably_with_its_dns_name()
    {
        var socket = Path.Combine(_directory, "pint.sock");
        await using var control = new ControlServer(socket, new ServiceRouter(_service), NullPintLog.Instance);
        control.Start();

        var leases = await ControlClient.CallAsync<List<PintLease>>(socket, new ControlRequest(DhcpService.LeasesCommand));
        Assert.Equal(["127.0.0.120", "127.0.0.121"], leases.Select(l => l.IPAddress));
        var laptop = leases[0];
        Assert.Equal(("laptop", PintLeaseState.Active, "127.0.0.0"), (laptop.HostName, laptop.AddressState, laptop.ScopeId));
        Assert.True(DnsKnows("laptop"));

        var removed = await ControlClient.CallAsync<PintLease>(socket, new ControlRequest(DhcpService.RemoveLeaseCommand, new Dictionary<string, string> { ["ip"] = "127.0.0.120" }));
        Assert.Equal("52:54:00:aa:bb:01", removed.ClientId);
        Assert.Null(_service.Leases!.FindByAddress(IPAddress.Parse("127.0.0.120")));
        Assert.False(DnsKnows("laptop"));
        Assert.True(DnsKnows("printer"));
        // Durable: on disk (the journal beside the file) before the answer, while the server still runs; the lease
        // file itself drops the line with its next snapshot, within a second.
        Assert.Equal(["127.0.0.121"], LeaseFile.ReadWithJournal(LeasePath).Active(DateTimeOffset.UtcNow).Select(l => l.Address.ToString()));
        LeaseFileChecks.WaitFor(LeasePath, l => l.Count == 1, TimeSpan.FromSeconds(5));
        Assert.Equal(["127.0.0.121"], LeaseFileChecks.AssertOneLinePerLiveLease(LeasePath, DateTimeOffset.UtcNow).Select(l => l.Address.ToString()));

        var again = await ControlClient.SendAsync(socket, new ControlRequest(DhcpService.RemoveLeaseCommand, new Dictionary<string, string> { ["ip"] = "127.0.0.120" }));
        Assert.False(again.Ok);
        Assert.Contains("No lease holds 127.0.0.120", again.Error);
        var bad = await ControlClient.SendAsync(socket, new ControlRequest(DhcpService.RemoveLeaseCommand, new Dictionary<string, string> { ["ip"] = "10.0.0.300" }));
        Assert.False(bad.Ok);
        Assert.Contains("10.0.0.300", bad.Error);
    }

    [Fact]
    public async Task Statistics_count_the_live_table()
    {
        var stats = Assert.Single(_service.Statistics(DateTimeOffset.UtcNow));
        Assert.Equal((2, 49, 0), (stats.InUse, stats.Free, stats.Reserved));
        await _service.RemoveLeaseAsync(IPAddress.Parse("127.0.0.121"));
        Assert.Equal(1, _service.Statistics(DateTimeOffset.UtcNow).Single().InUse);
    }

    [Fact]
    public async Task A_reload_changes_range_and_options_for_the_next_exchange_on_the_same_socket_with_the_same_leases()
    {
        var before = await Offer("52:54:00:00:00:10");
        Assert.InRange(Ipv4Of(before.YourAddress), Ipv4Of("127.0.0.100"), Ipv4Of("127.0.0.150"));
        Assert.Equal(IPAddress.Parse("127.0.0.254"), before.AddressOption(DhcpOptionCode.Router));
        var endpoint = _service.Endpoints.Single();
        var store = _service.Leases;

        var changed = Setup("dhcp-range=127.0.0.200,127.0.0.210,255.255.255.0,1h\ndhcp-option=option:router,127.0.0.253");
        Assert.True(_service.TryReconfigure(changed, new PintHostOptions { WorkingDirectory = _directory }, NullPintLog.Instance));

        var after = await Offer("52:54:00:00:00:11");
        Assert.InRange(Ipv4Of(after.YourAddress), Ipv4Of("127.0.0.200"), Ipv4Of("127.0.0.210"));
        Assert.Equal(IPAddress.Parse("127.0.0.253"), after.AddressOption(DhcpOptionCode.Router));
        Assert.Equal(endpoint, _service.Endpoints.Single());
        Assert.Same(store, _service.Leases);
        Assert.Equal(2, store!.Count);
        Assert.True(DnsKnows("laptop"));
    }

    [Fact]
    public void A_reload_that_moves_the_lease_file_asks_for_a_restart()
    {
        var moved = Setup("dhcp-range=127.0.0.100,127.0.0.150,255.255.255.0", Path.Combine(_directory, "other.leases"));
        Assert.False(_service.TryReconfigure(moved, new PintHostOptions { WorkingDirectory = _directory }, NullPintLog.Instance));
    }

    [Fact]
    public void A_reload_that_moves_the_leases_into_a_shared_database_asks_for_a_restart()
    {
        var shared = Setup("dhcp-range=127.0.0.100,127.0.0.150,255.255.255.0\npint-lease-store=postgresql,Host=/nonexistent;Database=pint;Username=pint");
        Assert.False(_service.TryReconfigure(shared, new PintHostOptions { WorkingDirectory = _directory }, NullPintLog.Instance));
        var named = Setup("dhcp-range=127.0.0.100,127.0.0.150,255.255.255.0\npint-server-id=dhcp9");
        Assert.Equal(System.Net.Dns.GetHostName() == "dhcp9", _service.TryReconfigure(named, new PintHostOptions { WorkingDirectory = _directory }, NullPintLog.Instance));
    }

    [Fact]
    public async Task A_reload_with_an_option_that_does_not_encode_keeps_the_previous_options_serving()
    {
        var broken = Setup("dhcp-range=127.0.0.200,127.0.0.210,255.255.255.0\ndhcp-option=option:router,127.0.0.999");
        Assert.Contains(broken.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.ToString().Contains("pint.conf:5") && d.Message.Contains("127.0.0.999"));
        Assert.True(_service.TryReconfigure(broken, new PintHostOptions { WorkingDirectory = _directory }, NullPintLog.Instance));
        var offer = await Offer("52:54:00:00:00:12");
        Assert.InRange(Ipv4Of(offer.YourAddress), Ipv4Of("127.0.0.100"), Ipv4Of("127.0.0.150"));
        Assert.Equal(IPAddress.Parse("127.0.0.254"), offer.AddressOption(DhcpOptionCode.Router));
    }

    [Fact]
    public void The_running_server_owns_its_lease_file()
    {
        Assert.Throws<LeaseFileInUseException>(() => LeaseStore.Open(LeasePath, DateTimeOffset.UtcNow));
        var refused = Assert.Throws<LeaseFileInUseException>(() => LeaseFileEditor.Remove(LeasePath, _ => true));
        Assert.Contains(Path.GetFullPath(LeasePath), refused.Message);
        Assert.Equal(2, LeaseFile.Read(LeasePath).Leases.Count);
    }

    private static uint Ipv4Of(IPAddress a) => Ipv4.ToValue(a);

    private static uint Ipv4Of(string a) => Ipv4Of(IPAddress.Parse(a));

    private sealed class ListLog : IPintLog
    {
        public List<string> Lines { get; } = [];

        public bool IsEnabled(PintLogLevel level) => true;

        public void Write(PintLogLevel level, string source, string message)
        {
            lock (Lines) Lines.Add(message);
        }
    }
}
