using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class IncludeTests
{
    private static ConfigLoadResult Load(TempConfigDirectory dir, string main = "main.conf") =>
        ConfigLoader.Load(dir.Combine(main), new ConfigLoadOptions { WorkingDirectory = dir.Path });

    [Fact]
    public void Conf_file_is_read_in_place_and_relative_to_the_working_directory()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "server=1.1.1.1\nconf-file=sub/extra.conf\nserver=3.3.3.3\n");
        dir.Write("sub/extra.conf", "server=2.2.2.2\n");
        var result = Load(dir);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["1.1.1.1", "2.2.2.2", "3.3.3.3"], result.Config.Dns.Servers.Select(s => s.Address!.ToString()));
        Assert.Equal(new ConfigSource(dir.Combine("sub/extra.conf"), 1), result.Config.Dns.Servers[1].Source);
        Assert.Equal([dir.Combine("main.conf"), dir.Combine("sub/extra.conf")], result.Files);
    }

    [Fact]
    public void Conf_dir_reads_files_in_byte_order_and_skips_backup_hidden_and_emacs_files()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "conf-dir=d\n");
        foreach (var name in new[] { "b.conf", "a.conf", "C.conf", "10.conf", "9.conf", ".hidden", "x~", "#y#", "c.bak" })
            dir.Write("d/" + name, $"txt-record=t.test,{name}\n");
        Directory.CreateDirectory(dir.Combine("d/sub.conf"));
        var result = Load(dir);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["10.conf", "9.conf", "C.conf", "a.conf", "b.conf", "c.bak"], result.Config.Dns.TxtRecords.Select(t => t.Texts[0]));
    }

    [Theory]
    [InlineData("conf-dir=d,.bak", "a.conf|c.txt")]
    [InlineData("conf-dir=d,*.conf", "a.conf")]
    [InlineData("conf-dir=d,*.conf,*.txt", "a.conf|c.txt")]
    [InlineData("conf-dir=d,.bak,.txt", "a.conf")]
    [InlineData("conf-dir=d,*.conf,.txt", "a.conf")]
    public void Conf_dir_filters_behave_as_in_dnsmasq(string line, string expected)
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", line + "\n");
        foreach (var name in new[] { "a.conf", "b.bak", "c.txt" }) dir.Write("d/" + name, $"txt-record=t.test,{name}\n");
        var result = Load(dir);
        Assert.Equal(expected.Split('|'), result.Config.Dns.TxtRecords.Select(t => t.Texts[0]));
    }

    [Fact]
    public void Include_cycle_is_reported_not_followed()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "conf-file=b.conf\n");
        dir.Write("b.conf", "port=5353\nconf-file=main.conf\n");
        var result = Load(dir);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((dir.Combine("b.conf"), 2), (error.File, error.Line));
        Assert.Contains("include cycle: " + dir.Combine("main.conf") + " -> " + dir.Combine("b.conf") + " -> " + dir.Combine("main.conf"), error.Message);
        Assert.Equal(5353, result.Config.Dns.Port);
    }

    [Fact]
    public void Self_include_is_a_cycle()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "conf-dir=.\n");
        var result = Load(dir);
        Assert.Contains(result.Diagnostics, d => d.Message.StartsWith("include cycle"));
    }

    [Fact]
    public void Missing_includes_are_errors_at_the_including_line()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "# includes\nconf-file=nope.conf\nconf-dir=nodir\n");
        var result = Load(dir);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Equal((2, $"cannot read '{dir.Combine("nope.conf")}': not found"), (result.Diagnostics[0].Line, result.Diagnostics[0].Message));
        Assert.Equal((3, "conf-dir"), (result.Diagnostics[1].Line, result.Diagnostics[1].Option));
        Assert.Contains("cannot read directory", result.Diagnostics[1].Message);
    }

    [Fact]
    public void Missing_main_file_is_a_diagnostic_not_an_exception()
    {
        var result = ConfigLoader.Load("/nonexistent/pint/test.conf");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("/nonexistent/pint/test.conf", 0), (error.File, error.Line));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Single_use_options_are_checked_across_includes()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "port=53\nconf-file=more.conf\n");
        dir.Write("more.conf", "port=54\n");
        var error = Assert.Single(Load(dir).Diagnostics);
        Assert.Equal(dir.Combine("more.conf"), error.File);
        Assert.Contains($"already given at {dir.Combine("main.conf")}:1", error.Message);
    }

    [Fact]
    public void Include_order_matches_dnsmasq()
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", $"conf-dir={dir.Combine("d")}\n");
        foreach (var name in new[] { "b.conf", "A.conf", "1.conf" }) dir.Write("d/" + name, "bad-option-" + name[0] + "\n");
        // dnsmasq stops at the first error, so the file it names is the first one it read.
        var first = ConfigTestTools.Run(dnsmasq, "--test", "-C", dir.Combine("main.conf")).Output;
        var ours = Load(dir).Diagnostics[0];
        Assert.Contains($"of {ours.File}", first);
    }
}
