using Pint.Engine.Hosting;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// Issue #7: a hosts file replaced by binary garbage or by one 10 MB line. The server keeps running and answering
/// the config's own names, never serves a name from the garbage, and logs one short, printable line naming the file
/// and line.
/// </summary>
public sealed class GarbageHostsFileTests
{
    private const string Text = "10.0.0.10 host10\n10.0.0.11 host11\n";

    public static TheoryData<string, bool> Garbage => new()
    {
        { "binary", false },
        { "binary", true },
        { "one 10 MB line", false },
        { "one 10 MB line", true },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task A_hosts_file_replaced_by_garbage_is_reported_in_one_short_line_and_the_config_names_still_answer(string kind, bool throughDirectory)
    {
        await using var server = await WatchedHostsServer.StartAsync(Text, throughDirectory);
        await server.WaitForAnswerAsync("host10", "10.0.0.10");

        File.WriteAllBytes(server.HostsPath, kind == "binary" ? RandomBytes(256 * 1024) : HugeLine());

        var report = server.WaitForLogAsync(l => l.Contains($"{server.HostsPath}:"), $"naming {server.HostsPath}");
        while (!report.IsCompleted)
        {
            Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
            Assert.Contains(string.Join(",", await server.AskAsync("host10")), new[] { "", "10.0.0.10" });
        }
        var line = await report;

        Assert.True(line.Length < 500, $"the diagnostic is {line.Length} characters long: {line[..Math.Min(line.Length, 600)]}");
        Assert.DoesNotContain(line, char.IsControl);
        Assert.True(server.Log.Lines.Sum(l => l.Length) < 100_000, $"the log grew to {server.Log.Lines.Sum(l => l.Length)} characters");
        Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
        Assert.Equal(PintServerState.Running, server.State);

        // And the file written properly again is served again.
        File.WriteAllText(server.HostsPath, "10.0.0.12 host12\n");
        await server.WaitForAnswerAsync("host12", "10.0.0.12");
    }

    /// <summary>10 MB of a name-like character and no line break: one line that never ends.</summary>
    private static byte[] HugeLine()
    {
        var bytes = new byte[10 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        return bytes;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
