using Pint.Engine.Config;
using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>The dnssec options, accepted and refused as dnsmasq 2.90 --test does (observed), and what they set up.</summary>
public class DnssecConfigTests
{
    private static ConfigLoadResult Load(string text)
    {
        using var dir = new TempConfigDirectory();
        return ConfigLoader.Load(dir.Write("dnsmasq.conf", text), new ConfigLoadOptions { ReadHostsFiles = false });
    }

    [Theory]
    [InlineData("dnssec", true)]
    [InlineData("dnssec-check-unsigned", true)]
    [InlineData("dnssec-check-unsigned=no", true)]
    [InlineData("dnssec-check-unsigned=yes", false)]
    [InlineData("trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D", true)]
    [InlineData("trust-anchor=.,20326,8,2,E06D", true)]
    [InlineData("trust-anchor=.,20326,8,2,zz", false)]
    [InlineData("trust-anchor=.,abc,8,2,E06D", false)]
    [InlineData("trust-anchor=.,70000,8,2,E06D", false)]
    [InlineData("trust-anchor=.,20326,8", false)]
    [InlineData("trust-anchor=IN,.,20326,8,2,E06D", false)]
    [InlineData("dnssec-timestamp=/var/lib/pint/ts", true)]
    [InlineData("proxy-dnssec", true)]
    [InlineData("dnssec-debug", true)]
    [InlineData("dnssec-no-timecheck", true)]
    public void Lines_are_accepted_as_dnsmasq_accepts_them(string line, bool accepted)
    {
        var result = Load(line + "\n");
        Assert.True(accepted == !result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        if (!accepted) Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Dnssec_with_anchors_becomes_the_validator_settings()
    {
        var result = Load("dnssec\ndnssec-check-unsigned=no\ndnssec-no-timecheck\n"
            + "trust-anchor=.,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\ntrust-anchor=example.,1,13,2,AABB\n");
        Assert.False(result.HasErrors);
        var dns = result.Config.Dns;
        Assert.Equal([".", "example"], dns.TrustAnchors.Select(a => a.Domain));
        var settings = DnsSetup.Build(result.Config, SystemFacts.Live, "/").Options!.Dnssec!;
        Assert.False(settings.CheckUnsigned);
        Assert.True(settings.NoTimeCheck);
        Assert.Equal(2, settings.TrustAnchors.Count);
    }

    [Fact]
    public void Without_dnssec_there_is_no_validator_and_check_unsigned_defaults_on()
    {
        var result = Load("trust-anchor=.,20326,8,2,E06D\n");
        Assert.Null(DnsSetup.Build(result.Config, SystemFacts.Live, "/").Options!.Dnssec);
        Assert.True(Load("dnssec\n").Config.Dns.DnssecCheckUnsigned);
    }

    [Fact]
    public void Shipped_trust_anchors_file_has_both_root_keys()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "trust-anchors.conf");
        var result = ConfigLoader.Load(Path.GetFullPath(path), new ConfigLoadOptions { ReadHostsFiles = false });
        Assert.False(result.HasErrors);
        Assert.Equal([20326, 38696], result.Config.Dns.TrustAnchors.Select(a => (int)a.KeyTag));
    }
}
