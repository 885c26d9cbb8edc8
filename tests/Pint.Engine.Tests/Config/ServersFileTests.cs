using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>servers-file (server= and rev-server= lines only, watched as an include), rev-server's domains, and hostsdir.</summary>
public class ServersFileTests
{
    private static ConfigLoadResult Load(TempConfigDirectory dir) =>
        ConfigLoader.Load(dir.Combine("main.conf"), new ConfigLoadOptions { WorkingDirectory = dir.Path });

    [Fact]
    public void A_servers_file_adds_its_servers_is_watched_and_refuses_other_lines_naming_them()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "servers-file=upstreams\nserver=192.0.2.1\n");
        dir.Write("upstreams", "server=/corp.test/192.0.2.53\nrev-server=10.0.0.0/8,192.0.2.54\naddress=/ads.test/\n");
        var result = Load(dir);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((dir.Combine("upstreams"), 3), (error.File, error.Line));
        Assert.Contains("only server= and rev-server=", error.Message);
        Assert.Empty(result.Config.Dns.Addresses);
        Assert.Equal(["192.0.2.53", "192.0.2.54", "192.0.2.1"], result.Config.Dns.Servers.Select(s => s.Address!.ToString()));
        Assert.Equal(["10.in-addr.arpa"], result.Config.Dns.Servers[1].Domains);
        Assert.Contains(dir.Combine("upstreams"), result.Files);
    }

    [Theory]
    [InlineData("10.16.0.0/12", "16.10.in-addr.arpa", 16)]
    [InlineData("192.168.5.0", "0.5.168.192.in-addr.arpa", 1)]
    [InlineData("fd00:1234::/30", "4.3.2.1.0.0.d.f.ip6.arpa", 4)]
    public void Rev_server_covers_exactly_its_network(string network, string first, int count)
    {
        var result = ConfigLoader.LoadText($"rev-server={network},192.0.2.53\n", "test.conf");
        Assert.Empty(result.Diagnostics);
        var domains = Assert.Single(result.Config.Dns.Servers).Domains;
        Assert.Equal(first, domains[0]);
        Assert.Equal(count, domains.Count);
    }

    [Fact]
    public void A_bad_rev_server_network_is_an_error_naming_the_line() =>
        Assert.Contains("test.conf:1", ConfigLoader.LoadText("rev-server=10.0.0.0/33,192.0.2.53\n", "test.conf").Diagnostics.Single().ToString());

    [Fact]
    public void Hostsdir_reads_the_hosts_files_of_a_directory()
    {
        using var dir = new TempConfigDirectory();
        dir.Write("main.conf", "no-hosts\nhostsdir=hosts.d\n");
        dir.Write("hosts.d/a", "192.0.2.7 seven.test\n");
        var result = Load(dir);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Config.Dns.AddnHostsEntries, e => e.Names.Contains("seven.test"));
    }

    [Theory]
    [InlineData("servers-file")]
    [InlineData("conf-file")]
    [InlineData("addn-hosts")]
    public void A_path_holding_a_NUL_is_an_error_naming_the_line_not_a_crash(string option)
    {
        var result = ConfigLoader.LoadText($"{option}=a\0b\n", "nul.conf");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("nul.conf", 1, DiagnosticSeverity.Error), (Path.GetFileName(error.File), error.Line, error.Severity));
        Assert.Contains("NUL", error.Message);
    }
}
