using System.Net;
using System.Net.Sockets;
using Pint.Engine.Hosting;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

public sealed class PortInUseTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pint-port-" + Guid.NewGuid().ToString("N"));

    public PortInUseTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_taken_DNS_port_is_a_clear_error_naming_the_port_and_its_holder()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var conf = Path.Combine(_dir, "pint.conf");
        File.WriteAllText(conf, $"port={port}\nlisten-address=127.0.0.1\nbind-interfaces\nno-hosts\nno-resolv\n");

        var host = PintServerHost.Load(conf, new PintHostOptions { WatchConfig = false });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"port {port}", e.Message);
        if (OperatingSystem.IsLinux())
            Assert.Contains($"pid {Environment.ProcessId}", e.Message); // the holder is this very test process
        Assert.Equal(PintServerState.Faulted, host.State);
        Assert.Empty(host.Services);
    }
}
