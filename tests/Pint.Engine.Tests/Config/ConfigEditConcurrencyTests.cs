using System.Diagnostics;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class ConfigEditConcurrencyTests
{
    [Fact]
    public void Concurrent_sessions_lose_no_appends()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write("dnsmasq.conf", "# shared\n");
        const int writers = 6, appendsEach = 10;
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                using var session = ConfigEditSession.Open(path, TimeSpan.FromSeconds(60));
                session.Append("txt-record", $"w{w}-{i}.test,x");
                session.Commit();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var result = ConfigLoader.Load(path);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(writers * appendsEach, result.Config.Dns.TxtRecords.Select(t => t.Name).Distinct().Count());
        Assert.StartsWith("# shared\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_lock_held_by_another_process_blocks_the_session_until_released()
    {
        var flock = ConfigTestTools.RequireTool("flock");
        using var dir = new TempConfigDirectory();
        var path = dir.Write("dnsmasq.conf", "port=53\n");
        var lockPath = path + ".lock";
        File.WriteAllText(lockPath, "");

        // flock(1) takes the same flock(2) lock .NET uses for FileShare.None on Linux.
        using var holder = Process.Start(new ProcessStartInfo(flock, [lockPath, "sleep", "2"]))!;
        Thread.Sleep(500);
        var timeout = Assert.Throws<TimeoutException>(() => ConfigEditSession.Open(path, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("being edited by another session", timeout.Message);

        var waited = Stopwatch.StartNew();
        using (var session = ConfigEditSession.Open(path, TimeSpan.FromSeconds(30)))
        {
            session.Append("no-resolv", null);
            session.Commit();
        }
        Assert.True(holder.HasExited);
        Assert.True(waited.Elapsed > TimeSpan.FromMilliseconds(500), $"session did not wait for the other process ({waited.Elapsed})");
        Assert.Equal("port=53\nno-resolv\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_session_holds_the_lock_against_another_process()
    {
        var flock = ConfigTestTools.RequireTool("flock");
        using var dir = new TempConfigDirectory();
        var path = dir.Write("dnsmasq.conf", "port=53\n");
        using (ConfigEditSession.Open(path))
        {
            Assert.Equal(1, ConfigTestTools.Run(flock, "--nonblock", path + ".lock", "true").ExitCode);
        }
        Assert.Equal(0, ConfigTestTools.Run(flock, "--nonblock", path + ".lock", "true").ExitCode);
    }
}
