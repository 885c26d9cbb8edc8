using Pint.Soak;
using Xunit;

namespace Pint.Engine.Tests.Soak;

/// <summary>
/// The bench/soak run, short: one `pint` service host under DNS, DHCP and TFTP load at once for about half a
/// minute; memory flat, no descriptor left open, every answer right. The minutes-long run is bench/soak/run.sh.
/// </summary>
public class SoakTests
{
    [Fact]
    public async Task Service_host_under_mixed_load_keeps_memory_and_descriptors_flat_and_answers_right()
    {
        // DHCP is served on port 67 (the relay replies too): that takes root.
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.False(IsCi, "CI=true but the soak test cannot bind DHCP port 67 (needs root)");
            throw new SoakSkipException("the soak test needs root for DHCP port 67");
        }
        var settings = new SoakSettings(PintServiceProcess.Locate(AppContext.BaseDirectory), TimeSpan.FromSeconds(36),
            WarmUp: TimeSpan.FromSeconds(10), SampleEvery: TimeSpan.FromSeconds(2), DnsQueriesPerSecond: 1000)
        {
            // Shared CI machines stall the server now and then, and pint's DNS socket keeps the default receive
            // buffer, so some UDP queries are dropped (the summary shows the kernel's drop count per socket; see
            // bench/RESULTS.md, Soak). A server that stops answering still fails; wrong answers, DHCP and TFTP errors
            // and leaks fail at the first one.
            MaxDnsLossFraction = 0.05,
            // No error after the warm-up, as in the bench. TFTP downloads that heard nothing after their request were
            // new RRQs from a reused client port taken for resends (fixed; see Tftp/TftpClientEndpointTests).
            MaxErrorsAfterWarmUp = 0,
            // Eighteen seconds is short enough for the GC heap and tiered JIT to still be settling on a loaded machine
            // (13 % was seen once under four busy loops); a leak of a kilobyte per query still shows at 1,000 qps.
            // The minutes-long bench keeps 10 %.
            MaxSecondHalfRssGrowth = 0.15,
        };

        var (samples, verdict) = await SoakRun.RunAsync(settings);

        var table = SoakSample.Header + "\n" + string.Join("\n", samples) + "\n" + verdict.Summary;
        Assert.True(verdict.Passed, string.Join("\n", verdict.Failures) + "\n" + table);
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Marks the test skipped (xunit 2's dynamic-skip message prefix) when the machine cannot run it.</summary>
internal sealed class SoakSkipException(string reason) : Exception("$XunitDynamicSkip$" + reason);
