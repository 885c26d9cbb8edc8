using System.Diagnostics;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>
/// tftp-unique-root and tftp-lowercase side by side with dnsmasq 2.90, each server in turn on 127.0.0.1:69 with the same
/// config: curl asks for names in mixed case; a client with a directory of its own (named by its address) is served
/// from there, other names come from the root, and a backslash counts as a slash.
/// </summary>
public class TftpClientRootDnsmasqTests
{
    [Fact]
    public async Task Unique_roots_and_lower_cased_names_are_served_as_by_dnsmasq()
    {
        var curl = ConfigTestTools.RequireTool("curl");
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        using var dir = new TempConfigDirectory();
        dir.Write("root/boot.txt", "from the root\n");
        dir.Write("root/only-root.txt", "shared\n");
        dir.Write("root/127.0.0.1/boot.txt", "from the client's own directory\n");
        dir.Write("root/127.0.0.1/sub/deep.txt", "deep\n");
        var config = dir.Write("tftp.conf", $"enable-tftp\ntftp-root={dir.Combine("root")}\ntftp-unique-root\ntftp-lowercase\n");
        string[] names = ["BOOT.TXT", "Only-Root.txt", "sub/DEEP.txt", "missing.txt"];

        async Task<string[]> FetchAll()
        {
            var results = new List<string>();
            foreach (var name in names)
            {
                var start = new ProcessStartInfo(curl) { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var arg in new[] { "-s", "--max-time", "5", $"tftp://127.0.0.1/{name}" }) start.ArgumentList.Add(arg);
                using var process = Process.Start(start)!;
                var body = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                results.Add($"{name}: exit {process.ExitCode} {body.Trim()}");
            }
            return [.. results];
        }

        string[] reference;
        using (var process = new DnsmasqProcess(dnsmasq, config, DnsmasqProcess.FreeLoopbackPort()))
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(10));
            reference = await FetchAll();
        }
        string[] pint;
        var pintConfig = dir.Write("pint.conf", $"conf-file={config}\nport=0\nlisten-address=127.0.0.1\n");
        await using (var host = PintServerHost.Load(pintConfig))
        {
            await host.StartAsync();
            pint = await FetchAll();
        }

        Assert.Equal("BOOT.TXT: exit 0 from the client's own directory", reference[0]); // the reference did as the options say
        Assert.Equal(reference, pint);
    }
}
