using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Dns.Differential;
using Pint.Engine.Tests.Dns;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// A reload changes what the running DNS service answers on the same socket, keeps names DHCP added, and keeps
/// the cache unless the upstream setup changed (dnsmasq drops it on every SIGHUP).
/// </summary>
public sealed class ReloadTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pint-reload-" + Guid.NewGuid().ToString("N"));
    private readonly FakeUpstreamDns _upstream = new(IPAddress.Parse("192.0.2.99"));
    private PintServerHost _host = null!;
    private int _port;

    private string Conf => Path.Combine(_dir, "pint.conf");

    private string Text(string extra, IPEndPoint upstream) =>
        $"port={_port}\nlisten-address=127.0.0.1\nbind-interfaces\nno-hosts\nno-resolv\nserver={upstream.Address}#{upstream.Port}\n{extra}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        // Tests run in parallel: a port free a moment ago can be taken before the server binds it, so pick again.
        for (int attempt = 1; ; attempt++)
        {
            _port = DnsmasqProcess.FreeLoopbackPort();
            File.WriteAllText(Conf, Text("host-record=one.test,192.0.2.1\n", _upstream.EndPoint));
            _host = PintServerHost.Load(Conf, new PintHostOptions { WatchConfig = false });
            try
            {
                await _host.StartAsync();
                return;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("already in use"))
            {
                await _host.DisposeAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _upstream.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<DecodedReply> Ask(string name)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(Query(name, DnsType.A), new IPEndPoint(IPAddress.Loopback, _port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return Decode((await client.ReceiveAsync(timeout.Token)).Buffer);
    }

    private DnsService Dns => _host.Services.OfType<DnsService>().Single();

    [Fact]
    public async Task A_new_name_answers_on_the_same_service_and_the_cache_and_DHCP_names_survive()
    {
        var before = Dns;
        before.Server.DhcpNames.AddOrUpdate("laptop", IPAddress.Parse("192.0.2.50"));
        Assert.Equal(["192.0.2.99"], (await Ask("example.test")).AnswerData);
        Assert.Equal(1, _upstream.Queries);

        File.WriteAllText(Conf, Text("host-record=one.test,192.0.2.1\nhost-record=two.test,192.0.2.2\n", _upstream.EndPoint));
        var reload = await _host.ReloadAsync();

        Assert.True(reload.Applied, reload.Error);
        Assert.Same(before, Dns);
        Assert.Equal(["192.0.2.2"], (await Ask("two.test")).AnswerData);
        Assert.Equal(["192.0.2.50"], (await Ask("laptop")).AnswerData);
        Assert.Equal(["192.0.2.99"], (await Ask("example.test")).AnswerData);
        Assert.Equal(1, _upstream.Queries); // answered from the cache kept across the reload
    }

    [Fact]
    public async Task Another_upstream_drops_the_cache()
    {
        Assert.Equal(["192.0.2.99"], (await Ask("example.test")).AnswerData);
        using var other = new FakeUpstreamDns(IPAddress.Parse("192.0.2.77"));
        File.WriteAllText(Conf, Text("host-record=one.test,192.0.2.1\n", other.EndPoint));
        Assert.True((await _host.ReloadAsync()).Applied);
        Assert.Equal(["192.0.2.77"], (await Ask("example.test")).AnswerData);
        Assert.Equal(1, other.Queries);
    }

    [Fact]
    public async Task A_broken_edit_keeps_the_last_good_config_and_names_the_line()
    {
        File.WriteAllText(Conf, Text("host-record=one.test,192.0.2.1\nhost-record=bad.test,192.0.2.300\n", _upstream.EndPoint));
        var reload = await _host.ReloadAsync();
        Assert.False(reload.Applied);
        Assert.Contains("pint.conf:8", reload.Error);
        Assert.Equal(["192.0.2.1"], (await Ask("one.test")).AnswerData);
        Assert.Equal(PintServerState.Running, _host.State);
    }
}
