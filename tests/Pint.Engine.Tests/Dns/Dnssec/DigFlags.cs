using System.Diagnostics;
using System.Text.RegularExpressions;
using Pint.Engine.Tests.Config;

namespace Pint.Engine.Tests.Dns.Dnssec;

/// <summary>What a DNSSEC comparison looks at in dig's answer: the status, whether AD is set, and the EDE code.</summary>
internal sealed partial record DigFlags(string Status, bool Ad, string? Ede, string Text)
{
    public override string ToString() => $"{Status}{(Ad ? " ad" : "")}{(Ede is null ? "" : $" EDE {Ede}")}";

    public static async Task<DigFlags> AskAsync(int port, string query)
    {
        var start = new ProcessStartInfo(ConfigTestTools.RequireTool("dig")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "@127.0.0.1", "-p", port.ToString(), "+tries=1", "+time=5" }) start.ArgumentList.Add(arg);
        foreach (var arg in query.Split(' ')) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var status = StatusPattern().Match(text);
        var flags = FlagsPattern().Match(text);
        var ede = EdePattern().Match(text);
        return new DigFlags(status.Success ? status.Groups[1].Value : "no answer",
            flags.Success && flags.Groups[1].Value.Split(' ').Contains("ad"), ede.Success ? ede.Groups[1].Value : null, text);
    }

    [GeneratedRegex(@"status: (\w+)")] private static partial Regex StatusPattern();
    [GeneratedRegex(@";; flags: ([a-z ]*);")] private static partial Regex FlagsPattern();
    [GeneratedRegex(@"; EDE: (\d+)")] private static partial Regex EdePattern();
}
