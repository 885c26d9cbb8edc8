using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// Issue #7: a hosts file replaced by renaming a temporary file over it, or deleted and written again later. The
/// server answers throughout; a missing file is logged by name (dnsmasq 2.90 drops its names on reload and says
/// "failed to load names from ..."), and its names come back when it reappears.
/// </summary>
public sealed class ReplacedHostsFileTests
{
    private const string OldText = "10.0.0.10 old-only\n10.0.0.50 kept\n";
    private const string NewText = "10.0.0.50 kept\n10.0.0.20 new-one\n10.0.0.21 new-two\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_renamed_over_the_hosts_file_is_served_and_the_names_it_keeps_never_stop_answering(bool throughDirectory)
    {
        await using var server = await WatchedHostsServer.StartAsync(OldText, throughDirectory);
        await server.WaitForAnswerAsync("kept", "10.0.0.50");

        // Written next to it under a name dnsmasq (and so Pint) does not read from a hosts directory, then renamed.
        var temp = server.Combine(".hosts.tmp");
        File.WriteAllText(temp, NewText);
        File.Move(temp, server.HostsPath, overwrite: true);

        var done = server.WaitForAnswerAsync("new-two", "10.0.0.21");
        while (!done.IsCompleted) Assert.Equal(["10.0.0.50"], await server.AskAsync("kept"));
        await done;
        await server.WaitForAnswerAsync("new-one", "10.0.0.20");
        await server.WaitForAnswerAsync("old-only");
        Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
    }

    [Theory]
    [InlineData(false)] // addn-hosts names the file, which is deleted
    [InlineData(true)] // addn-hosts names a directory, which is deleted with its file
    public async Task A_deleted_hosts_file_is_logged_by_name_and_its_names_come_back_when_it_is_written_again(bool throughDirectory)
    {
        await using var server = await WatchedHostsServer.StartAsync(OldText, throughDirectory);
        await server.WaitForAnswerAsync("kept", "10.0.0.50");
        var named = throughDirectory ? Path.GetDirectoryName(server.HostsPath)! : server.HostsPath;

        if (throughDirectory) Directory.Delete(named, recursive: true);
        else File.Delete(named);
        var missing = server.WaitForLogAsync(l => l.Contains($"'{named}'") && l.Contains("not found"), $"saying '{named}' is missing");
        while (!missing.IsCompleted)
            Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
        await missing;
        await server.WaitForAnswerAsync("kept");

        Directory.CreateDirectory(Path.GetDirectoryName(server.HostsPath)!);
        File.WriteAllText(server.HostsPath, NewText);
        await server.WaitForAnswerAsync("new-two", "10.0.0.21");
        await server.WaitForAnswerAsync("kept", "10.0.0.50");
        Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
    }

    [Fact]
    public async Task Editor_temporaries_and_backups_in_a_hosts_directory_are_not_read_as_dnsmasq_skips_them()
    {
        await using var server = await WatchedHostsServer.StartAsync(OldText, throughDirectory: true);
        // Observed with dnsmasq 2.90: in an addn-hosts directory, names starting with '.', ending in '~' or
        // starting and ending with '#' are skipped; "#x" and "x#" are read.
        File.WriteAllText(server.Combine(".hosts.swp"), "10.0.9.1 swap-only\n");
        File.WriteAllText(server.Combine("hosts~"), "10.0.9.2 backup-only\n");
        File.WriteAllText(server.Combine("#hosts#"), "10.0.9.3 autosave-only\n");
        File.WriteAllText(server.Combine("#extra"), "10.0.9.4 extra-one\n");
        File.WriteAllText(server.Combine("extra#"), "10.0.9.5 extra-two\n");

        await server.WaitForAnswerAsync("extra-one", "10.0.9.4");
        await server.WaitForAnswerAsync("extra-two", "10.0.9.5");
        Assert.Empty(await server.AskAsync("swap-only"));
        Assert.Empty(await server.AskAsync("backup-only"));
        Assert.Empty(await server.AskAsync("autosave-only"));
    }
}
