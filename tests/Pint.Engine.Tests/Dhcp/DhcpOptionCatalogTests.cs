using Pint.Engine.Config;
using Pint.Engine.Management;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>Set/Get/Remove-PintDhcpOption's engine side: dhcp-option= lines written, replaced and checked like the server reads them.</summary>
public sealed class DhcpOptionCatalogTests : IDisposable
{
    private readonly string _directory = DhcpTestTools.TempDirectory();

    private string ConfigPath => Path.Combine(_directory, "pint.conf");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private PintConfig Load() => ConfigLoader.Load(ConfigPath, new ConfigLoadOptions { AllowUnsupported = true }).Config;

    private void Edit(Action<ConfigEditSession, PintConfig> edit)
    {
        using var session = ConfigEditSession.Open(ConfigPath);
        edit(session, Load());
        session.Commit();
    }

    [Fact]
    public void Set_appends_by_name_then_replaces_the_line_with_the_same_number_and_tags()
    {
        File.WriteAllText(ConfigPath, "dhcp-range=10.0.0.10,10.0.0.50\n");
        Edit((s, c) => DhcpOptionCatalog.Set(s, c, 3, ["10.0.0.1"], []));
        Edit((s, c) => DhcpOptionCatalog.Set(s, c, 3, ["10.0.0.2"], ["lab"]));
        Edit((s, c) => DhcpOptionCatalog.Set(s, c, 3, ["10.0.0.254"], []));
        Edit((s, c) => DhcpOptionCatalog.Set(s, c, 224, ["01:02"], []));

        Assert.Equal([
            "dhcp-range=10.0.0.10,10.0.0.50",
            "dhcp-option=option:router,10.0.0.254",
            "dhcp-option=tag:lab,option:router,10.0.0.2",
            "dhcp-option=224,01:02"], File.ReadAllLines(ConfigPath));
        var listed = DhcpOptionCatalog.List(Load(), ConfigPath).ToList();
        Assert.Equal([(3, "router", "10.0.0.254", ""), (3, "router", "10.0.0.2", "lab"), (224, null, "01:02", "")],
            listed.Select(o => (o.OptionId, o.Name, string.Join(',', o.Value), string.Join(',', o.Tag))));
        Assert.Equal(3, listed[1].Line);
    }

    [Theory]
    [InlineData(3, "10.0.0.300", "Option 3 (router): '10.0.0.300' is not an IPv4 address")]
    [InlineData(26, "99999", "Option 26 (mtu): '99999' is not a number from 0 to 65535")]
    [InlineData(0, "1", "numbered 1 to 254")]
    public void A_value_the_server_could_not_encode_is_refused_before_anything_is_written(int option, string value, string message)
    {
        const string original = "dhcp-range=10.0.0.10,10.0.0.50\n";
        File.WriteAllText(ConfigPath, original);
        var e = Assert.Throws<PintEditException>(() => Edit((s, c) => DhcpOptionCatalog.Set(s, c, option, [value], [])));
        Assert.Contains(message, e.Message);
        Assert.Equal(PintEditError.InvalidValue, e.Error);
        Assert.Equal(original, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void A_bad_tag_or_a_comma_inside_a_value_is_refused()
    {
        File.WriteAllText(ConfigPath, "");
        Assert.Throws<PintEditException>(() => Edit((s, c) => DhcpOptionCatalog.Set(s, c, 3, ["10.0.0.1"], ["a b"])));
        Assert.Throws<PintEditException>(() => Edit((s, c) => DhcpOptionCatalog.Set(s, c, 6, ["10.0.0.1,10.0.0.2"], [])));
        Assert.Equal("", File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void Remove_deletes_exactly_the_listed_line()
    {
        File.WriteAllText(ConfigPath, "dhcp-option=option:router,10.0.0.1\ndhcp-option=tag:lab,3,10.0.0.2\ndhcp-option-force=42,10.0.0.7\n");
        var listed = DhcpOptionCatalog.List(Load(), ConfigPath).ToList();
        Assert.True(listed[2].Force);
        Edit((s, c) => DhcpOptionCatalog.Remove(s, c, listed[1]));
        Edit((s, c) => DhcpOptionCatalog.Remove(s, c, DhcpOptionCatalog.List(c, ConfigPath).Single(o => o.OptionId == 42)));
        Assert.Equal(["dhcp-option=option:router,10.0.0.1"], File.ReadAllLines(ConfigPath));
    }
}
