using Pint.Engine.Hosting;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// dnsmasq polls its resolv.conf and takes the servers of a changed file; no-poll turns that off. Pint reloads when
/// the file changes, and with no-poll does not.
/// </summary>
public sealed class ResolvFilePollTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pint-poll-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<PintServerHost> StartAsync(string extra)
    {
        var resolv = Path.Combine(_dir, "resolv.conf");
        File.WriteAllText(resolv, "nameserver 192.0.2.1\n");
        for (var attempt = 1; ; attempt++)
        {
            var conf = Path.Combine(_dir, "pint.conf");
            File.WriteAllText(conf, $"port={DnsmasqProcess.FreeLoopbackPort()}\nlisten-address=127.0.0.1\nbind-interfaces\nno-hosts\nresolv-file={resolv}\n{extra}");
            var host = PintServerHost.Load(conf, new PintHostOptions());
            try
            {
                await host.StartAsync();
                return host;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("already in use"))
            {
                await host.DisposeAsync();
            }
        }
    }

    private async Task<bool> ReloadsWhenResolvChangesAsync(PintServerHost host)
    {
        await Task.Delay(700); // past the watcher's first look at the file
        File.WriteAllText(Path.Combine(_dir, "resolv.conf"), "nameserver 192.0.2.2\n");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "resolv.conf"), DateTime.UtcNow.AddSeconds(5));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(4);
        while (DateTime.UtcNow < deadline && host.LastReload is null) await Task.Delay(100);
        return host.LastReload is { Applied: true };
    }

    [Fact]
    public async Task A_changed_resolv_file_is_taken_without_a_signal()
    {
        await using var host = await StartAsync("");
        Assert.True(await ReloadsWhenResolvChangesAsync(host));
    }

    [Fact]
    public async Task With_no_poll_a_changed_resolv_file_waits_for_a_reload()
    {
        await using var host = await StartAsync("no-poll\n");
        Assert.False(await ReloadsWhenResolvChangesAsync(host));
    }
}
