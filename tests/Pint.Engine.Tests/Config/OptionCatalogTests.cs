using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class OptionCatalogTests
{
    [Fact]
    public void Unknown_option_is_an_error_with_a_suggestion_when_close()
    {
        var error = ConfigAssert.SingleError("dhcp-rnage=10.0.0.1,10.0.0.9", "unknown option 'dhcp-rnage'");
        Assert.EndsWith("did you mean 'dhcp-range'?", error.Message);
        Assert.Contains("did you mean 'port'?", ConfigAssert.SingleError("PORT=53", "unknown option 'PORT'").Message);
        Assert.DoesNotContain("did you mean", ConfigAssert.SingleError("frobnicate-everything", "unknown option").Message);
    }

    [Fact]
    public void Known_but_unimplemented_option_is_an_error_naming_it()
    {
        var error = ConfigAssert.SingleError("dhcp-luascript=/etc/lease.lua", "option 'dhcp-luascript' is a dnsmasq option that Pint does not implement yet");
        Assert.Equal("dhcp-luascript", error.Option);
    }

    [Fact]
    public void Allow_unsupported_turns_that_error_into_a_warning()
    {
        var result = ConfigAssert.Load("no-round-robin\nport=5353", allowUnsupported: true);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.False(result.HasErrors);
        Assert.Equal(5353, result.Config.Dns.Port);
        // Unknown options stay errors.
        Assert.True(ConfigAssert.Load("bind-dynamo", allowUnsupported: true).HasErrors);
    }

    [Fact]
    public void Arity_is_checked_for_unimplemented_options_too() =>
        ConfigAssert.SingleError("no-round-robin=yes", "is a flag and takes no value");

    [Fact]
    public void Every_option_handler_is_for_an_option_dnsmasq_knows()
    {
        // A handler under a name the catalog lacks would never run: the line would be "unknown option" instead.
        Assert.All(OptionHandlers.All.Keys, name => Assert.NotNull(DnsmasqOptionCatalog.Find(name)));
    }

    [Fact]
    public void Catalog_holds_every_long_option_of_dnsmasq_help()
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        var (_, help) = ConfigTestTools.Run(dnsmasq, "--help");
        var names = System.Text.RegularExpressions.Regex.Matches(help, @"--([a-zA-Z][a-zA-Z0-9-]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(names.Count > 150, help);
        Assert.DoesNotContain(names, n => DnsmasqOptionCatalog.Find(n) is null);
        Assert.Equal(names.Count, DnsmasqOptionCatalog.Options.Count);
    }

    [Fact]
    public void Catalog_arity_matches_dnsmasq_for_every_option()
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        using var dir = new TempConfigDirectory();
        var disagreements = new List<string>();
        // Spot-check a spread of options rather than all 187 (each is a process start).
        foreach (var option in DnsmasqOptionCatalog.Options.Where((_, i) => i % 6 == 0))
        {
            var withValue = dir.Write("v.conf", option.Name + "=x\n");
            var extraneous = ConfigTestTools.Run(dnsmasq, "--test", "-C", withValue).Output.Contains("extraneous parameter");
            if (extraneous != (option.Arity == OptionArity.None)) disagreements.Add(option.Name);
        }
        Assert.Empty(disagreements);
    }
}
