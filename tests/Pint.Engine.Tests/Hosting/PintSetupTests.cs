using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// The setup steps: what a start reads from the machine (the system hosts file, resolv.conf) and what only the mapping
/// to server options finds (a DHCP option value that does not encode) are reported by the check a user runs
/// (Test-PintConfig, pint --test) exactly as by the start.
/// </summary>
public class PintSetupTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadOptions LoadOptions => new() { WorkingDirectory = _dir.Path };

    private SystemFacts Machine(string hostsText) => new()
    {
        HostsFile = _dir.Write("etc-hosts", hostsText),
        DefaultResolvFile = null,
        Interfaces = () => [],
    };

    [Fact]
    public void A_bad_line_in_the_system_hosts_file_is_a_finding_naming_that_file_and_line()
    {
        var conf = _dir.Write("pint.conf", "port=5399\nlisten-address=127.0.0.1\nno-resolv\n");
        var machine = Machine("10.9.0.1 good\n300.1.2.3 broken\n");

        var check = PintSetup.Check(conf, LoadOptions, machine);

        var finding = Assert.Single(check.Diagnostics);
        Assert.Equal(machine.HostsFile, finding.File);
        Assert.Equal(2, finding.Line);
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.False(check.HasErrors);
        Assert.Contains(check.Dns!.HostNames, n => n.Name == "good" && n.Address.Equals(IPAddress.Parse("10.9.0.1")));
    }

    [Fact]
    public void A_start_reports_the_same_findings_as_the_check()
    {
        var conf = _dir.Write("pint.conf", "port=5399\nlisten-address=127.0.0.1\nno-resolv\naddn-hosts=extra\n");
        _dir.Write("extra", "10.9.0.2 extra\nnot-an-address extra2\n");
        var machine = Machine("300.1.2.3 broken\n");

        var check = PintSetup.Check(conf, LoadOptions, machine);
        var host = PintServerHost.Load(conf, new PintHostOptions { WorkingDirectory = _dir.Path, System = machine, WatchConfig = false });

        Assert.Equal(2, check.Diagnostics.Count); // one in addn-hosts (the loader), one in the system hosts file (the DNS setup)
        Assert.Equal(check.Diagnostics.Select(d => d.ToString()), host.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void No_hosts_leaves_the_system_hosts_file_unread()
    {
        var conf = _dir.Write("pint.conf", "port=5399\nlisten-address=127.0.0.1\nno-resolv\nno-hosts\n");
        var check = PintSetup.Check(conf, LoadOptions, Machine("300.1.2.3 broken\n10.9.0.1 good\n"));
        Assert.Empty(check.Diagnostics);
        Assert.Empty(check.Dns!.HostNames);
    }

    [Fact]
    public void An_unreadable_system_hosts_file_or_resolv_file_is_a_warning_naming_it()
    {
        var conf = _dir.Write("pint.conf", "port=5399\nlisten-address=127.0.0.1\nresolv-file=missing-resolv.conf\n");
        var machine = new SystemFacts { HostsFile = _dir.Combine("no-such-hosts"), Interfaces = () => [] };

        var check = PintSetup.Check(conf, LoadOptions, machine);

        Assert.False(check.HasErrors);
        Assert.Contains(check.Diagnostics, d => d.File == machine.HostsFile && d.Severity == DiagnosticSeverity.Warning);
        Assert.Contains(check.Diagnostics, d => d.File == _dir.Combine("missing-resolv.conf") && d.Option == "resolv-file");
    }

    [Fact]
    public void A_DHCP_option_value_that_does_not_encode_fails_the_check_and_the_load_naming_its_line()
    {
        var conf = _dir.Write("pint.conf", "port=0\ndhcp-range=10.77.0.100,10.77.0.150\ndhcp-option=option:router,gateway.lan\n");
        var loaded = ConfigLoader.Load(conf, LoadOptions);
        Assert.False(loaded.HasErrors); // the syntax is fine: only encoding the value finds the fault

        var check = PintSetup.Check(conf, LoadOptions, Machine(""));
        var error = Assert.Single(check.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((conf, 3, "dhcp-option"), (error.File, error.Line, error.Option));
        Assert.Null(check.Dhcp);

        var refused = Assert.Throws<PintConfigException>(() => PintServerHost.Load(conf, new PintHostOptions { WorkingDirectory = _dir.Path, System = Machine("") }));
        Assert.Contains($"{conf}:3", refused.Message);
    }

    [Fact]
    public void A_tftp_root_that_does_not_exist_is_a_warning_naming_its_line()
    {
        var conf = _dir.Write("pint.conf", "port=0\nenable-tftp\ntftp-root=no-such-dir\n");
        var check = PintSetup.Check(conf, LoadOptions, Machine(""));
        var warning = Assert.Single(check.Diagnostics);
        Assert.Equal((3, "tftp-root", DiagnosticSeverity.Warning), (warning.Line, warning.Option, warning.Severity));
        Assert.Contains(_dir.Combine("no-such-dir"), warning.Message);
    }

    [Fact]
    public void A_second_tftp_root_for_one_interface_is_a_warning_and_the_first_is_served()
    {
        Directory.CreateDirectory(_dir.Combine("a"));
        Directory.CreateDirectory(_dir.Combine("b"));
        var conf = _dir.Write("pint.conf", "port=0\nenable-tftp\ntftp-root=a,eth0\ntftp-root=b,eth0\n");
        var check = PintSetup.Check(conf, LoadOptions, Machine(""));
        var warning = Assert.Single(check.Diagnostics);
        Assert.Equal((4, "tftp-root"), (warning.Line, warning.Option));
        Assert.Equal(_dir.Combine("a"), check.Tftp!.RootsByInterface["eth0"]);
    }

    [Fact]
    public void Read_ethers_adds_a_reservation_for_each_line_of_the_ethers_file_and_warns_about_bad_ones()
    {
        var conf = _dir.Write("pint.conf", "port=0\ndhcp-range=10.0.0.10,10.0.0.50\nread-ethers\n");
        var ethers = _dir.Write("ethers", "# the ethers file\n52:54:00:aa:bb:01 10.0.0.5\n52:54:00:aa:bb:02\tprinter  # named\nnot-a-mac 10.0.0.6\n52:54:00:aa:bb:03 fd00::3\n");
        var check = PintSetup.Check(conf, LoadOptions, new SystemFacts { EthersFile = ethers, HostsFile = null, Interfaces = () => [] });
        Assert.Equal([(ethers, 4), (ethers, 5)], check.Diagnostics.Select(d => (d.File, d.Line)));
        Assert.All(check.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        var hosts = check.Dhcp!.Hosts;
        Assert.Equal(2, hosts.Count);
        Assert.Equal(("52:54:00:aa:bb:01", "10.0.0.5"), (hosts[0].HardwareAddresses.Single(), hosts[0].Address!.ToString()));
        Assert.Equal("printer", hosts[1].Name);

        var without = PintSetup.Check(_dir.Write("plain.conf", "port=0\ndhcp-range=10.0.0.10,10.0.0.50\n"), LoadOptions, new SystemFacts { EthersFile = ethers });
        Assert.Empty(without.Dhcp!.Hosts);
    }

    [Fact]
    public void A_service_the_config_leaves_off_has_no_options()
    {
        var conf = _dir.Write("pint.conf", "port=0\n");
        var check = PintSetup.Check(conf, LoadOptions, Machine(""));
        Assert.Equal((null, null, null), (check.Dns, check.Dhcp, (object?)check.Tftp));
    }

    [Fact]
    public void Interface_lines_listen_on_the_addresses_the_machine_gives_that_interface()
    {
        var conf = _dir.Write("pint.conf", "port=5399\ninterface=lab*\nno-resolv\nno-hosts\n");
        var machine = new SystemFacts
        {
            Interfaces = () =>
            [
                new InterfaceFacts("lab0", [IPAddress.Parse("10.9.0.1"), IPAddress.Parse("fe80::1")]),
                new InterfaceFacts("wan0", [IPAddress.Parse("192.0.2.1")]),
            ],
        };
        var check = PintSetup.Check(conf, LoadOptions, machine);
        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.9.0.1"), 5399)], check.Dns!.ListenEndPoints); // link-local left out
    }

    [Theory]
    [InlineData("domain=lab.test,192.168.7.0/24,local", new[] { "lab.test", "7.168.192.in-addr.arpa" })]
    [InlineData("domain=lab.test,10.0.0.0/8,local", new[] { "lab.test", "10.in-addr.arpa" })]
    [InlineData("domain=lab.test,10.1.2.0/23,local", new[] { "lab.test" })] // no reverse zone on a non-octet boundary
    [InlineData("domain=lab.test,192.168.7.0/24", new string[0])]
    public void Domain_with_local_makes_the_domain_and_its_reverse_zone_local(string line, string[] expected)
    {
        var conf = _dir.Write("pint.conf", $"port=5399\nlisten-address=127.0.0.1\nno-resolv\n{line}\n");
        var check = PintSetup.Check(conf, LoadOptions, Machine(""));
        Assert.False(check.HasErrors, string.Join("\n", check.Diagnostics));
        Assert.Equal(expected, check.Dns!.LocalDomains);
    }

    [Fact]
    public void Tftp_no_fail_with_a_missing_root_checks_with_a_warning_and_no_error_as_dnsmasq_starts()
    {
        var missing = System.IO.Path.Combine(_dir.Path, "no-such-root");
        var conf = _dir.Write("pint.conf", $"port=0\nno-resolv\nenable-tftp\ntftp-root={missing}\ntftp-no-fail\n");

        var check = PintSetup.Check(conf, LoadOptions, Machine(""));

        Assert.DoesNotContain(check.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(check.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains(missing));
    }
}
