using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>dhcp-hostsfile: each line a dhcp-host value, from a file or every file of a directory.</summary>
public class DhcpHostsFileTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string line) =>
        ConfigLoader.Load(_dir.Write("pint.conf", $"dhcp-range=10.0.0.10,10.0.0.50\n{line}\n"), new ConfigLoadOptions { WorkingDirectory = _dir.Path });

    [Fact]
    public void Each_line_is_a_reservation_with_its_file_and_line_and_comments_and_blanks_are_skipped()
    {
        var file = _dir.Write("hosts.dhcp", "# libvirt writes this\n52:54:00:aa:bb:01,10.0.0.5,alpha\n\n  52:54:00:aa:bb:02,beta  # a comment\n");
        var loaded = Load("dhcp-hostsfile=hosts.dhcp");
        Assert.Empty(loaded.Diagnostics);
        Assert.Empty(loaded.Config.Dhcp.Hosts); // the config's own lines: what the cmdlets edit
        var hosts = loaded.Config.Dhcp.HostsFileHosts;
        Assert.Equal(["alpha", "beta"], hosts.Select(h => h.HostName));
        Assert.Equal("10.0.0.5", hosts[0].Address!.ToString());
        Assert.Equal((file, 4), (hosts[1].Source.File, hosts[1].Source.Line));
        Assert.Contains(file, loaded.Files); // watched: a change is read again
    }

    [Fact]
    public void A_bad_line_is_a_warning_naming_file_and_line_and_the_rest_is_served()
    {
        var file = _dir.Write("hosts.dhcp", "52:54:00:aa:bb:01,10.0.0.5,alpha\n52:54:00:zz:bb:02,beta\n52:54:00:aa:bb:03,gamma\n");
        var loaded = Load("dhcp-hostsfile=hosts.dhcp");
        var warning = Assert.Single(loaded.Diagnostics);
        Assert.Equal((file, 2, DiagnosticSeverity.Warning), (warning.File, warning.Line, warning.Severity));
        Assert.Contains("52:54:00:zz:bb:02", warning.Message);
        Assert.Equal(["alpha", "gamma"], loaded.Config.Dhcp.HostsFileHosts.Select(h => h.HostName));
    }

    [Fact]
    public void A_directory_is_read_file_by_file_in_order_skipping_editor_backups()
    {
        _dir.Write("hosts.d/20-b", "52:54:00:aa:bb:02,beta\n");
        _dir.Write("hosts.d/10-a", "52:54:00:aa:bb:01,alpha\n");
        _dir.Write("hosts.d/10-a~", "52:54:00:aa:bb:09,backup\n");
        var loaded = Load("dhcp-hostsfile=hosts.d");
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal(["alpha", "beta"], loaded.Config.Dhcp.HostsFileHosts.Select(h => h.HostName));
    }

    [Fact]
    public void A_missing_file_is_a_warning_on_the_config_line_not_an_error()
    {
        var loaded = Load("dhcp-hostsfile=missing.dhcp");
        Assert.False(loaded.HasErrors);
        var warning = Assert.Single(loaded.Diagnostics);
        Assert.Equal((2, "dhcp-hostsfile"), (warning.Line, warning.Option));
    }
}
