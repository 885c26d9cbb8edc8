using System.Net;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class HostsFileTests
{
    [Fact]
    public void Parses_addresses_names_and_comments()
    {
        var result = HostsFile.Parse("127.0.0.1\tlocalhost\n# comment\n\n192.168.1.5 nas nas.lan  # storage\r\n::1 ip6-localhost ip6-loopback\n", "hosts");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Entries.Count);
        Assert.Equal((IPAddress.Parse("192.168.1.5"), new ConfigSource("hosts", 4)), (result.Entries[1].Address, result.Entries[1].Source));
        Assert.Equal(["nas", "nas.lan"], result.Entries[1].Names);
        Assert.Equal(IPAddress.IPv6Loopback, result.Entries[2].Address);
    }

    [Theory]
    [InlineData("300.1.1.1 host", "bad address '300.1.1.1'")]
    [InlineData("nas 10.0.0.1", "bad address 'nas'")]
    [InlineData("10.0.0.1", "no name after address")]
    [InlineData("10.0.0.1 good bad!name", "bad name 'bad!name'")]
    public void Bad_lines_are_reported_and_skipped(string bad, string wording)
    {
        var result = HostsFile.Parse($"10.0.0.9 before\n{bad}\n10.0.0.10 after\n", "hosts");
        Assert.Equal(["before", "after"], result.Entries.Select(e => e.Names[0]));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("hosts", 2), (error.File, error.Line));
        Assert.Contains(wording, error.Message);
    }

    [Fact]
    public void Loader_reads_addn_hosts_files_and_directories()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "addn-hosts=extra.hosts\naddn-hosts=hosts.d\naddn-hosts=missing.hosts\n");
        dir.Write("extra.hosts", "10.0.0.1 one\nbogus line\n");
        dir.Write("hosts.d/b", "10.0.0.3 three\n");
        dir.Write("hosts.d/a", "10.0.0.2 two\n");
        var result = ConfigLoader.Load(dir.Combine("main.conf"), new ConfigLoadOptions { WorkingDirectory = dir.Path });
        Assert.Equal(["one", "two", "three"], result.Config.Dns.AddnHostsEntries.Select(e => e.Names[0]));
        Assert.Equal([dir.Combine("main.conf"), dir.Combine("extra.hosts"), dir.Combine("hosts.d/a"), dir.Combine("hosts.d/b")], result.Files);
        Assert.Contains(result.Diagnostics, d => d.File == dir.Combine("extra.hosts") && d.Line == 2 && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(result.Diagnostics, d => d.Line == 3 && d.Option == "addn-hosts" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Hosts_files_are_skipped_when_not_wanted()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "addn-hosts=extra.hosts\n");
        dir.Write("extra.hosts", "10.0.0.1 one\n");
        var result = ConfigLoader.Load(dir.Combine("main.conf"), new ConfigLoadOptions { WorkingDirectory = dir.Path, ReadHostsFiles = false });
        Assert.Empty(result.Config.Dns.AddnHostsEntries);
        Assert.Equal([dir.Combine("extra.hosts")], result.Config.Dns.AddnHostsPaths.Select(p => Path.Combine(dir.Path, p)));
    }
}
