using System.Management.Automation;
using Pint.Engine.Management;
using Xunit;

namespace Pint.PowerShell.Tests;

public sealed class HostCmdletTests : IDisposable
{
    private readonly PowerShellHost _ps = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _ps.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void AddPintHost_writes_a_host_record_that_GetPintHost_returns_as_an_object()
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, "# lab\r\ndomain=lab.test\r\n");
        _ps.Run("Add-PintHost -ConfigPath $c -Name nas.lab.test -IPAddress 10.0.0.5", new Dictionary<string, object?> { ["c"] = conf });

        Assert.Equal("# lab\r\ndomain=lab.test\r\nhost-record=nas.lab.test,10.0.0.5\r\n", File.ReadAllText(conf));
        var (output, errors, _) = _ps.Run("Get-PintHost -ConfigPath $c", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Empty(errors);
        var host = Assert.IsType<PintHost>(Assert.Single(output).BaseObject);
        Assert.Equal(("nas.lab.test", "10.0.0.5", PintHostKind.HostRecord, 3), (host.Name, host.IPAddress, host.Kind, host.Line));
    }

    [Fact]
    public void WhatIf_leaves_the_file_byte_identical()
    {
        var conf = _dir.File("pint.conf");
        const string text = "  port = 5353   # odd spacing\n\nhost-record=a.test,10.0.0.1\n";
        File.WriteAllText(conf, text);
        var vars = new Dictionary<string, object?> { ["c"] = conf };
        _ps.Run("Add-PintHost -ConfigPath $c -Name b.test -IPAddress 10.0.0.2 -WhatIf", vars);
        _ps.Run("Remove-PintHost -ConfigPath $c -Name a.test -WhatIf", vars);
        _ps.Run("Set-PintDhcpRange -ConfigPath $c -StartRange 10.0.0.10 -EndRange 10.0.0.20 -WhatIf", vars);
        Assert.Equal(text, File.ReadAllText(conf));
    }

    [Fact]
    public void Duplicate_reservation_is_a_non_terminating_error_that_names_the_existing_line()
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, "dhcp-host=00:1b:a9:fa:98:a9,printer,10.0.0.20\n");
        var (_, errors, _) = _ps.Run("Add-PintHost -ConfigPath $c -Name other -IPAddress 10.0.0.21 -MacAddress 00-1B-A9-FA-98-A9; 'after'",
            new Dictionary<string, object?> { ["c"] = conf });
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("pint.conf:1", error.Exception.Message);
        Assert.Equal("dhcp-host=00:1b:a9:fa:98:a9,printer,10.0.0.20\n", File.ReadAllText(conf));
    }

    [Fact]
    public void Concurrent_sessions_adding_hosts_lose_nothing()
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, "# shared\n");
        const int perSession = 25;
        Parallel.For(0, 4, s =>
        {
            using var ps = new PowerShellHost();
            for (var i = 0; i < perSession; i++)
                ps.Run($"Add-PintHost -ConfigPath $c -Name h{s}-{i}.test -IPAddress 10.{s}.0.{i + 1}", new Dictionary<string, object?> { ["c"] = conf });
        });
        var lines = File.ReadAllLines(conf);
        Assert.Equal("# shared", lines[0]);
        Assert.Equal(4 * perSession, lines.Count(l => l.StartsWith("host-record=", StringComparison.Ordinal)));
        Assert.Equal(4 * perSession, lines.Distinct().Count() - 1);
    }

    [Fact]
    public void Remove_by_address_takes_the_address_out_and_keeps_the_rest_of_the_file()
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, "host-record=a.test,10.0.0.1\n# keep me\nhost-record=b.test,10.0.0.2\n");
        var (_, errors, _) = _ps.Run("Remove-PintHost -ConfigPath $c -IPAddress 10.0.0.1 -Confirm:$false", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Empty(errors);
        Assert.Equal("# keep me\nhost-record=b.test,10.0.0.2\n", File.ReadAllText(conf));
    }

    [Fact]
    public void Set_PintHost_changes_a_reservation_in_place_and_keeps_its_other_fields()
    {
        var conf = _dir.File("pint.conf");
        File.WriteAllText(conf, "# r\ndhcp-host=set:lab,00:1b:a9:fa:98:a9,printer,10.0.0.20,12h\n");
        var (_, errors, _) = _ps.Run("Set-PintHost -ConfigPath $c -Name printer -IPAddress 10.0.0.25", new Dictionary<string, object?> { ["c"] = conf });
        Assert.Empty(errors);
        Assert.Equal("# r\ndhcp-host=set:lab,00:1b:a9:fa:98:a9,printer,10.0.0.25,12h\n", File.ReadAllText(conf));
    }

    [Fact]
    public void A_malformed_config_never_throws_out_of_a_read_cmdlet()
    {
        var conf = _dir.File("pint.conf");
        var random = new Random(7);
        for (var round = 0; round < 30; round++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            // Mix garbage with plausible option fragments so the parser's deeper paths are reached.
            var text = System.Text.Encoding.Latin1.GetString(bytes) + "\nhost-record=" + round + ",\ndhcp-range=1.2.3\ndhcp-host=zz:zz\n";
            File.WriteAllText(conf, text);
            var (output, errors, _) = _ps.Run("Get-PintHost -ConfigPath $c -ErrorAction SilentlyContinue; Test-PintConfig -ConfigPath $c", new Dictionary<string, object?> { ["c"] = conf });
            Assert.Contains(output, o => o.BaseObject is Pint.Engine.Config.ConfigDiagnostic d && d.Line > 0 && d.File == conf);
        }
    }
}
