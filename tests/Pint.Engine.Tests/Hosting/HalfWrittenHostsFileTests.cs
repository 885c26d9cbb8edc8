using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// Issue #7, "a hosts file replaced half-written": the running server's addn-hosts file is overwritten in place with
/// only its first part, cut inside a line, and left so. The server keeps answering, every complete line keeps its
/// address, the cut line never yields a wrong address, and the log names the file and the cut line.
/// </summary>
public sealed class HalfWrittenHostsFileTests
{
    private static readonly (string Address, string[] Names)[] Lines =
    [
        ("10.0.0.10", ["host10"]),
        ("10.0.0.11", ["host11", "alias11"]),
        ("10.0.0.12", ["host12", "alias12"]),
        ("10.0.0.13", ["host13"]),
    ];

    private static string Text => string.Concat(Lines.Select(l => $"{l.Address} {string.Join(' ', l.Names)}\n"));

    /// <summary>The one address a name may ever answer: its line's; a cut name comes from the cut third line.</summary>
    private static string RightAddress(string name) => Lines.FirstOrDefault(l => l.Names.Contains(name)).Address ?? Lines[2].Address;

    [Fact]
    public async Task A_server_started_while_its_hosts_file_is_half_written_serves_the_complete_lines_and_says_which_line_it_skipped()
    {
        // dnsmasq starts and skips the bad line; refusing to start would leave the network without DNS after a restart.
        var cut = string.Concat(Lines[..2].Select(l => $"{l.Address} {string.Join(' ', l.Names)}\n")) + "10.0.0.1";
        await using var server = await WatchedHostsServer.StartAsync(cut);
        Assert.Equal(["10.0.0.11"], await server.AskAsync("alias11"));
        Assert.Equal([WatchedHostsServer.ConfigAddress], await server.AskAsync(WatchedHostsServer.ConfigName));
        Assert.Empty(await server.AskAsync("host12"));
        await server.WaitForLogAsync(l => l.Contains($"{server.HostsPath}:3"), $"naming {server.HostsPath}:3");
    }

    [Theory]
    [InlineData("10.0.0.1", null, false)] // cut inside the address: 10.0.0.12 must not become 10.0.0.1
    [InlineData("10.0.0.1", null, true)]
    [InlineData("10.0.0.12 ", null, false)] // the address whole, no name yet
    [InlineData("10.0.0.12 hos", "hos", false)] // cut inside the name: dnsmasq 2.90 serves "hos" as 10.0.0.12
    [InlineData("10.0.0.12 hos", "hos", true)]
    [InlineData("10.0.0.12 host12 al", "al", false)] // cut inside an alias: "host12" and "al" both serve 10.0.0.12
    public async Task A_file_cut_inside_a_line_keeps_every_complete_line_and_never_serves_a_wrong_address(
        string cutLine, string? cutNameServed, bool throughDirectory)
    {
        await using var server = await WatchedHostsServer.StartAsync(Text, throughDirectory);
        await server.WaitForAnswerAsync("host13", "10.0.0.13");
        var names = Lines.SelectMany(l => l.Names).Append(cutLine.Split(' ')[^1]).Where(n => n.Length > 0 && !char.IsDigit(n[0])).Distinct().ToArray();

        var violations = new List<string>();
        async Task Sample()
        {
            foreach (var name in names)
            {
                var answer = await server.AskAsync(name);
                var complete = Lines[..2].Any(l => l.Names.Contains(name)); // lines 1 and 2 stay whole in the cut file
                string[] allowed = complete ? [RightAddress(name)] : ["", RightAddress(name)];
                if (!allowed.Contains(string.Join(",", answer))) violations.Add($"{name} -> [{string.Join(", ", answer)}]");
            }
            if (await server.AskAsync(WatchedHostsServer.ConfigName) is not [WatchedHostsServer.ConfigAddress])
                violations.Add($"{WatchedHostsServer.ConfigName} lost");
        }

        // Overwritten in place, as an editor or a copy that crashed leaves it: truncated, then part of the text.
        var cut = string.Concat(Lines[..2].Select(l => $"{l.Address} {string.Join(' ', l.Names)}\n")) + cutLine;
        File.WriteAllText(server.HostsPath, cut);

        var diagnostic = server.WaitForLogAsync(l => l.Contains($"{server.HostsPath}:3"), $"naming {server.HostsPath}:3");
        while (!diagnostic.IsCompleted) await Sample();
        var line = await diagnostic;
        if (cutNameServed is not null) await server.WaitForAnswerAsync(cutNameServed, "10.0.0.12");
        await Sample();

        Assert.True(violations.Count == 0, $"wrong answers with the cut file:\n{string.Join('\n', violations.Distinct())}");
        Assert.True(line.Length < 500, $"the diagnostic is not one short line: {line}");
        Assert.Equal(Pint.Engine.Hosting.PintServerState.Running, server.State);
    }
}
