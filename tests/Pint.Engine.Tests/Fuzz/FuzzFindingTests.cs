using Pint.Engine.Config;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Xunit;

namespace Pint.Engine.Tests.Fuzz;

/// <summary>The inputs the fuzzer found problems with, minimised, kept so the fixes stay fixed.</summary>
public class FuzzFindingTests
{
    [Theory]
    [InlineData("ptr-record=l,.\u00bd")] // empty first label
    [InlineData("ptr-record=5,a..b")]
    [InlineData("ptr-record=x,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    public void Ptr_record_target_that_is_no_DNS_name_is_a_config_error_not_a_crash_at_start(string line)
    {
        var result = ConfigLoader.LoadText("no-hosts\nno-resolv\n" + line, "fuzz.conf");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ptr-record", error.Option);
        Assert.Equal(3, error.Line);
        // What the server does at start: this used to throw FormatException from DnsName.Encode.
        _ = new DnsResponder(DnsSetup.Build(result.Config, SystemFacts.Live, Path.GetTempPath()).Options!);
    }

    [Fact]
    public void Long_ptr_record_target_with_spaces_is_still_accepted()
    {
        var result = ConfigLoader.LoadText("ptr-record=_http._tcp.lan,\"New Employee Page._http._tcp.lan\"", "fuzz.conf");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Upstream_reply_claiming_65535_answers_and_authorities_is_rejected_without_sizing_arrays_by_the_claim()
    {
        // An 87-byte reply whose header claims 0xFFFF answers and 0xFFFF authority records (found by dns-upstream).
        var reply = Convert.FromHexString(
            "001781800001FFFFFFFF000004686F737404636F7270076578616D706C650000010001C00C0001000100000E1000045DB8D822" +
            "C00C0006000100000E100016C00CC00C0000000100001C2000000E10001275000000012C");
        var name = DnsName.FromTextKeepCase("host.corp.example");
        UpstreamReply.TryParse(reply, 0x0017, name, DnsType.A, 60, out _); // JIT outside the measurement

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejection = UpstreamReply.TryParse(reply, 0x0017, name, DnsType.A, 60, out _);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DnsRejection.Truncated, rejection);
        Assert.True(allocated < 4096, $"allocated {allocated:N0} bytes for an 87-byte reply");
    }

    [Fact]
    public void Long_unknown_option_name_costs_no_typo_search()
    {
        var line = new string('x', 4000) + "=1";
        ConfigLoader.LoadText("port=53", "warm.conf");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ConfigLoader.LoadText(line, "fuzz.conf");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith("unknown option 'xxx", error.Message);
        Assert.DoesNotContain("did you mean", error.Message);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated:N0} bytes for one 4 KB line");
    }
}
