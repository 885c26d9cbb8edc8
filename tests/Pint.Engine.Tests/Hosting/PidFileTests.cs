using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>pid-file=: written once the server serves, as dnsmasq 2.90 writes it ("PID\n"), and gone after the stop.</summary>
public class PidFileTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<PintServerHost> StartAsync(string pidLine)
    {
        var conf = _dir.Write("pint.conf", $"port={DnsmasqProcess.FreeLoopbackPort()}\nlisten-address=127.0.0.1\nno-resolv\nno-hosts\n{pidLine}\n");
        var host = PintServerHost.Load(conf, new PintHostOptions { WorkingDirectory = _dir.Path, WatchConfig = false });
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task The_pid_file_holds_the_process_id_while_serving_and_is_removed_at_stop()
    {
        var host = await StartAsync("pid-file=pint.pid");
        var path = _dir.Combine("pint.pid");
        Assert.Equal($"{Environment.ProcessId}\n", File.ReadAllText(path));
        await host.StopAsync();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Pid_file_without_a_value_writes_none()
    {
        var host = await StartAsync("pid-file");
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.pid"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_pid_file_that_cannot_be_written_stops_the_start_naming_it()
    {
        var conf = _dir.Write("pint.conf", $"port={DnsmasqProcess.FreeLoopbackPort()}\nlisten-address=127.0.0.1\nno-resolv\nno-hosts\npid-file=no-such-dir/pint.pid\n");
        var host = PintServerHost.Load(conf, new PintHostOptions { WorkingDirectory = _dir.Path, WatchConfig = false });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("pid-file", e.Message);
        Assert.Contains("no-such-dir", e.Message);
        Assert.Equal(PintServerState.Faulted, host.State);
    }
}
