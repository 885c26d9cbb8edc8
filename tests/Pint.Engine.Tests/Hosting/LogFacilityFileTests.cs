using System.Text.RegularExpressions;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>log-facility=/path: lines are written in batches off the server's threads, yet none is lost or reordered.</summary>
public sealed class LogFacilityFileTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_flood_of_transaction_lines_all_reach_the_file_in_order_in_dnsmasq_shape()
    {
        var path = Path.Combine(_dir.Path, "dnsmasq.log");
        var log = (LogFacility)LogFacility.Create(path, _dir.Path, NullPintLog.Instance);
        for (var i = 0; i < 20_000; i++) log.Write(PintLogLevel.Information, "dhcp", $"DHCPACK(eth0) 10.0.{i / 256}.{i % 256} 52:54:00:00:00:01");
        await log.DisposeAsync();

        var lines = File.ReadAllLines(path);
        Assert.Equal(20_000, lines.Length);
        Assert.Matches(new Regex(@"^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} pint\[\d+\]: DHCPACK\(eth0\) 10\.0\.0\.0 52:54:00:00:00:01$"), lines[0]);
        Assert.EndsWith(": DHCPACK(eth0) 10.0.78.31 52:54:00:00:00:01", lines[^1]);
    }

    [Fact]
    public async Task A_line_shows_up_in_the_file_without_waiting_for_more()
    {
        var path = Path.Combine(_dir.Path, "dnsmasq.log");
        var log = (LogFacility)LogFacility.Create(path, _dir.Path, NullPintLog.Instance);
        log.Write(PintLogLevel.Information, "dhcp", "DHCPDISCOVER(eth0) 52:54:00:00:00:02");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        do
        {
            await Task.Delay(20);
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            text = await reader.ReadToEndAsync();
        } while (!text.Contains("DHCPDISCOVER") && DateTime.UtcNow < deadline);
        Assert.Contains("DHCPDISCOVER(eth0) 52:54:00:00:00:02", text);
        await log.DisposeAsync();
    }
}
