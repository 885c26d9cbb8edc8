using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Management;
using Xunit;

namespace Pint.PowerShell.Tests;

/// <summary>Set-PintDhcpRange picks the range to change by its subnet (Windows' ScopeId), -ScopeId or -Name.</summary>
public sealed class DhcpRangeCmdletTests : IDisposable
{
    private readonly PowerShellHost _ps = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _ps.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Moving_the_only_range_of_a_subnet_rewrites_its_line_in_place()
    {
        var conf = Write("# lab\ndomain=lab.test\n  dhcp-range=set:lab,10.5.0.100,10.5.0.200,12h   # office\nserver=1.1.1.1\n");
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.5.0.50 -EndRange 10.5.0.150", conf);

        Assert.Empty(errors);
        Assert.Equal("# lab\ndomain=lab.test\n  dhcp-range=set:lab,10.5.0.50,10.5.0.150,12h   # office\nserver=1.1.1.1\n", File.ReadAllText(conf));
    }

    [Fact]
    public void A_range_overlapping_another_subnets_range_is_refused_naming_that_line()
    {
        const string text = "dhcp-range=10.5.0.100,10.5.0.200,255.255.255.0\ndhcp-range=10.5.1.10,10.5.1.20,255.255.255.0\n";
        var conf = Write(text);
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.5.0.150 -EndRange 10.5.1.15", conf);

        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("overlaps", error.Exception.Message);
        Assert.Contains("pint.conf:2", error.Exception.Message);
        Assert.Equal(text, File.ReadAllText(conf));
    }

    [Fact]
    public void A_range_picked_by_Name_is_checked_against_the_other_range_of_its_subnet()
    {
        const string text = "dhcp-range=set:a,10.5.0.10,10.5.0.40,12h\ndhcp-range=set:b,10.5.0.100,10.5.0.200,12h\n";
        var conf = Write(text);
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -Name b -StartRange 10.5.0.30 -EndRange 10.5.0.150", conf);

        var error = Assert.Single(errors);
        Assert.Contains("overlaps the range 10.5.0.10-10.5.0.40 at", error.Exception.Message);
        Assert.Contains("pint.conf:1", error.Exception.Message);
        Assert.Equal(text, File.ReadAllText(conf));

        (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -Name b -StartRange 10.5.0.50 -EndRange 10.5.0.150", conf);
        Assert.Empty(errors);
        Assert.Equal("dhcp-range=set:a,10.5.0.10,10.5.0.40,12h\ndhcp-range=set:b,10.5.0.50,10.5.0.150,12h\n", File.ReadAllText(conf));
    }

    [Fact]
    public void Two_ranges_in_the_subnet_without_Name_or_ScopeId_is_an_error_naming_both_lines()
    {
        const string text = "dhcp-range=set:a,10.5.0.10,10.5.0.40,12h\n# second half\ndhcp-range=set:b,10.5.0.100,10.5.0.200,12h\n";
        var conf = Write(text);
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.5.0.50 -EndRange 10.5.0.90", conf);

        var error = Assert.Single(errors);
        Assert.Contains("pint.conf:1", error.Exception.Message);
        Assert.Contains("pint.conf:3", error.Exception.Message);
        Assert.Contains("-Name", error.Exception.Message);
        Assert.Equal(text, File.ReadAllText(conf));
    }

    [Fact]
    public void ScopeId_picks_the_range_of_that_network()
    {
        // 10.5.1.50 is in both the /16 of the first line and the /24 of the second.
        var conf = Write("dhcp-range=10.5.0.10,10.5.0.20,255.255.0.0\ndhcp-range=10.5.1.100,10.5.1.200,255.255.255.0,1h\n");
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.5.1.50 -EndRange 10.5.1.150", conf);
        Assert.Contains("-ScopeId", Assert.Single(errors).Exception.Message);

        (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -ScopeId 10.5.1.0 -StartRange 10.5.1.50 -EndRange 10.5.1.150", conf);
        Assert.Empty(errors);
        Assert.Equal("dhcp-range=10.5.0.10,10.5.0.20,255.255.0.0\ndhcp-range=10.5.1.50,10.5.1.150,255.255.255.0,1h\n", File.ReadAllText(conf));
    }

    [Fact]
    public void A_range_outside_its_ScopeId_is_refused_and_a_ScopeId_without_a_range_adds_one()
    {
        const string text = "dhcp-range=10.5.0.100,10.5.0.200,255.255.255.0\n";
        var conf = Write(text);
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -ScopeId 10.5.0.0 -StartRange 10.6.0.50 -EndRange 10.6.0.150", conf);
        Assert.Contains("not in the scope 10.5.0.0", Assert.Single(errors).Exception.Message);
        (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -ScopeId 10.5.0.1 -StartRange 10.5.0.50 -EndRange 10.5.0.150", conf);
        Assert.Contains("its network is 10.5.0.0", Assert.Single(errors).Exception.Message);
        Assert.Equal(text, File.ReadAllText(conf));

        // As a row of a Windows scope export does.
        (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -ScopeId 10.7.0.0 -StartRange 10.7.0.50 -EndRange 10.7.0.150 -SubnetMask 255.255.255.0", conf);
        Assert.Empty(errors);
        Assert.Equal(text + "dhcp-range=10.7.0.50,10.7.0.150,255.255.255.0\n", File.ReadAllText(conf));
    }

    [Fact]
    public void WhatIf_names_the_replaced_line_and_writes_nothing()
    {
        const string text = "domain=lab.test\ndhcp-range=10.5.0.100,10.5.0.200,12h\n";
        var conf = Write(text);
        var (_, errors, _) = Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.5.0.50 -EndRange 10.5.0.150 -WhatIf", conf);
        Assert.Empty(errors);
        Assert.Equal(text, File.ReadAllText(conf));

        // What -WhatIf prints: the pending change, with the line it replaces.
        using var session = ConfigEditSession.Open(conf);
        DhcpRangeCatalog.Set(session, ConfigLoader.Load(conf).Config, System.Net.IPAddress.Parse("10.5.0.50"), System.Net.IPAddress.Parse("10.5.0.150"), null, null, null);
        var change = Assert.Single(session.PendingChanges);
        Assert.Equal((ConfigChangeKind.Replace, 2, "dhcp-range=10.5.0.50,10.5.0.150,12h"), (change.Kind, change.Line, change.NewText));
    }

    private string Write(string text)
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, text);
        return conf;
    }

    private (System.Collections.ObjectModel.Collection<PSObject>, IReadOnlyList<ErrorRecord>, IReadOnlyList<string>) Run(string script, string conf) =>
        _ps.Run(script, new Dictionary<string, object?> { ["c"] = conf });
}
