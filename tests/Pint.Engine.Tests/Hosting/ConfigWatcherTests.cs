using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>The watcher behind live reload: no change may slip between a reload reading the files and watching them again.</summary>
public sealed class ConfigWatcherTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_write_that_lands_while_the_reload_reads_the_files_is_reloaded_too()
    {
        var hosts = _dir.Write("hosts", "10.0.0.10 host10\n");
        var reloads = 0;
        var reloadedAgain = new TaskCompletionSource();
        ConfigWatcher? watcher = null;
        watcher = new ConfigWatcher([hosts], () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                // The reload has read the file; a writer gets in before it watches the files again, as the host does.
                File.AppendAllText(hosts, "10.0.0.11 host11\n");
                watcher!.Watch([hosts]);
            }
            else
            {
                reloadedAgain.TrySetResult();
            }
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(50));
        await using (watcher)
        {
            File.AppendAllText(hosts, "10.0.0.12 host12\n");
            var finished = await Task.WhenAny(reloadedAgain.Task, Task.Delay(WatchedHostsServer.Deadline));
            Assert.True(finished == reloadedAgain.Task, "the write made during the reload was never reloaded: the server would serve the old names until the next edit");
        }
    }
}
