using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases.Postgres;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>
/// The Pint-only options of issue #18 (pint-lease-store, pint-server-id, pint-dhcp-failover): every form and every
/// error of the parser, the DHCP setup step's checks, their edits through pint-leasestore.conf, and that dnsmasq refuses them.
/// </summary>
public class LeaseStoreOptionsTests
{
    private const string Pg = "Host=db1;Port=5432;Database=pint;Username=pint;Password=s3cret";
    private const string Ranges = "dhcp-range=10.0.0.100,10.0.0.199,255.255.255.0,12h\ndhcp-range=10.0.1.10,10.0.1.50,255.255.255.0\n";

    // ---- the catalog and the lookup ----

    [Fact]
    public void Pint_options_are_catalogued_apart_from_dnsmasqs_and_implemented()
    {
        Assert.Equal(["pint-dhcp-failover", "pint-lease-store", "pint-server-id"], PintOptionCatalog.Options.Select(o => o.Name));
        Assert.All(PintOptionCatalog.Options, o =>
        {
            Assert.StartsWith(PintOptionCatalog.Prefix, o.Name);
            Assert.Null(DnsmasqOptionCatalog.Find(o.Name));
            Assert.True(o.Implemented);
            Assert.Same(o, PintOptionCatalog.FindAny(o.Name));
        });
        // Every Pint handler has its catalog entry, and no dnsmasq option is handled as a Pint one.
        Assert.All(OptionHandlers.Pint.Keys, name => Assert.NotNull(PintOptionCatalog.Find(name)));
        Assert.Empty(OptionHandlers.Pint.Keys.Intersect(OptionHandlers.All.Keys));
        Assert.NotNull(PintOptionCatalog.FindAny("dhcp-range"));
        Assert.False(PintOptionCatalog.Find("pint-lease-store")!.Repeatable);
        Assert.True(PintOptionCatalog.Find("pint-dhcp-failover")!.Repeatable);
    }

    [Fact]
    public void A_misspelt_pint_option_is_unknown_with_a_suggestion()
    {
        Assert.EndsWith("did you mean 'pint-lease-store'?", ConfigAssert.SingleError("pint-lease-stor=file", "unknown option 'pint-lease-stor'").Message);
        Assert.EndsWith("did you mean 'pint-server-id'?", ConfigAssert.SingleError("pint-servr-id=a", "unknown option").Message);
        // dnsmasq's suggestions are unchanged.
        Assert.EndsWith("did you mean 'dhcp-range'?", ConfigAssert.SingleError("dhcp-rnage=10.0.0.1,10.0.0.9", "unknown option").Message);
    }

    // ---- pint-lease-store ----

    [Fact]
    public void Without_a_line_the_store_is_the_lease_file()
    {
        var dhcp = ConfigAssert.Clean("port=0").Dhcp;
        Assert.Same(LeaseStoreConfig.Default, dhcp.LeaseStore);
        Assert.Null(dhcp.ServerId);
        Assert.Empty(dhcp.Failovers);
    }

    [Fact]
    public void File_form()
    {
        var store = ConfigAssert.Clean("pint-lease-store=file").Dhcp.LeaseStore;
        Assert.Equal(LeaseStoreKind.File, store.Kind);
        Assert.Null(store.ConnectionString);
        Assert.Equal(new ConfigSource("test.conf", 1), store.Source);
    }

    [Fact]
    public void PostgreSql_form_keeps_the_rest_of_the_line_commas_and_all()
    {
        var store = ConfigAssert.Clean($"port=0\npint-lease-store = postgresql, {Pg};Options='-c search_path=a,b'").Dhcp.LeaseStore;
        Assert.Equal(LeaseStoreKind.PostgreSql, store.Kind);
        Assert.Equal(Pg + ";Options='-c search_path=a,b'", store.ConnectionString);
        Assert.Equal(new ConfigSource("test.conf", 2), store.Source);
    }

    [Theory]
    [InlineData("pint-lease-store=sqlite", "expected pint-lease-store=file or pint-lease-store=postgresql,CONNECTION-STRING, not 'sqlite'")]
    [InlineData("pint-lease-store=PostgreSQL,Host=db1", "not 'PostgreSQL'")]
    [InlineData("pint-lease-store=postgresql", "expected pint-lease-store=postgresql,CONNECTION-STRING")]
    [InlineData("pint-lease-store=postgresql,  ", "expected pint-lease-store=postgresql,CONNECTION-STRING")]
    [InlineData("pint-lease-store=file,/var/lib/leases", "takes nothing after 'file'")]
    [InlineData("pint-lease-store", "missing value: option 'pint-lease-store' needs a value")]
    [InlineData("pint-lease-store=postgresql,Hots=db1;Password=s3cret", "keyword 'Hots', which Npgsql does not know")]
    [InlineData("pint-lease-store=postgresql,Host=db1;Port=fifty;Password=s3cret", "the connection string's Port has a value Npgsql cannot read")]
    [InlineData("pint-lease-store=postgresql,Host=db1;Password='s3cret", "is not a list of Keyword=Value pairs")]
    [InlineData("pint-lease-store=postgresql,Database=pint;Password=s3cret", "names no Host")]
    public void Lease_store_errors_name_file_line_and_option(string line, string wording)
    {
        var error = ConfigAssert.SingleError(line, wording);
        Assert.Equal("pint-lease-store", error.Option);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain("s3cret", error.ToString());
    }

    [Fact]
    public void Lease_store_may_be_given_once()
    {
        var result = ConfigAssert.Load("pint-lease-store=file\npint-lease-store=postgresql,Host=db1");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(2, error.Line);
        Assert.Contains("may be given only once; it was already given at test.conf:1", error.Message);
    }

    // ---- pint-server-id ----

    [Theory]
    [InlineData("dhcp1")]
    [InlineData("dhcp-1.lab_A")]
    public void Server_id(string id) => Assert.Equal(id, ConfigAssert.Clean($"pint-server-id={id}").Dhcp.ServerId);

    [Theory]
    [InlineData("pint-server-id=dhcp 1", "holds ' '")]
    [InlineData("pint-server-id=dhcp/1", "holds '/'")]
    [InlineData("pint-server-id=dhcp,1", "holds ','")]
    [InlineData("pint-server-id=dhcpé", "holds 'é'")]
    public void Server_id_errors(string line, string wording) =>
        Assert.Equal("pint-server-id", ConfigAssert.SingleError(line, wording).Option);

    [Fact]
    public void Server_id_has_a_length_limit_and_may_be_given_once()
    {
        ConfigAssert.SingleError("pint-server-id=" + new string('a', 64), "longer than 63 characters");
        Assert.Contains("may be given only once", Assert.Single(ConfigAssert.Load("pint-server-id=a\npint-server-id=b").Diagnostics).Message);
    }

    // ---- pint-dhcp-failover ----

    [Fact]
    public void Failover_defaults()
    {
        var f = Assert.Single(ConfigAssert.Clean("pint-dhcp-failover=dhcp-ha,dhcp2,load-balance").Dhcp.Failovers);
        Assert.Equal("dhcp-ha", f.Name);
        Assert.Equal("dhcp2", f.Settings.PartnerServerId);
        Assert.Equal(FailoverMode.LoadBalance, f.Settings.Mode);
        Assert.Equal(FailoverRole.Primary, f.Settings.Role);
        Assert.Equal(50, f.Settings.LoadBalancePercent);
        Assert.Equal(TimeSpan.FromSeconds(30), f.Settings.PartnerDownAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), f.Settings.HeartbeatInterval);
        Assert.Empty(f.ScopeIds);
        Assert.Equal(new ConfigSource("test.conf", 1), f.Source);
    }

    [Fact]
    public void Failover_every_setting()
    {
        var config = ConfigAssert.Clean(
            "pint-dhcp-failover=lb, dhcp2, load-balance, role=secondary, percent=30, partner-down=60, heartbeat=10, scope=10.0.0.0, scope=10.0.1.0\n" +
            "pint-dhcp-failover=hs,dhcp3,hot-standby,role=primary,partner-down=2,heartbeat=1");
        var (lb, hs) = (config.Dhcp.Failovers[0], config.Dhcp.Failovers[1]);
        Assert.Equal(FailoverRole.Secondary, lb.Settings.Role);
        Assert.Equal(30, lb.Settings.LoadBalancePercent);
        Assert.Equal(TimeSpan.FromSeconds(60), lb.Settings.PartnerDownAfter);
        Assert.Equal(TimeSpan.FromSeconds(10), lb.Settings.HeartbeatInterval);
        Assert.Equal([IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.1.0")], lb.ScopeIds);
        Assert.Equal(FailoverMode.HotStandby, hs.Settings.Mode);
        Assert.Equal("dhcp3", hs.Settings.PartnerServerId);
        Assert.Equal(TimeSpan.FromSeconds(2), hs.Settings.PartnerDownAfter);
        Assert.Equal(2, hs.Source.Line);
    }

    [Theory]
    [InlineData("percent=0", 0)]
    [InlineData("percent=100", 100)]
    public void Failover_percent_bounds(string field, int expected) =>
        Assert.Equal(expected, Assert.Single(ConfigAssert.Clean($"pint-dhcp-failover=a,b,load-balance,{field}").Dhcp.Failovers).Settings.LoadBalancePercent);

    [Theory]
    [InlineData("pint-dhcp-failover=a,b", "expected NAME,PARTNER-SERVER-ID,load-balance|hot-standby")]
    [InlineData("pint-dhcp-failover=a,b,active-active", "unknown failover mode 'active-active': expected load-balance or hot-standby")]
    [InlineData("pint-dhcp-failover=a,b,LoadBalance", "unknown failover mode 'LoadBalance'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,secret=x", "unknown failover setting 'secret'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,primary", "unknown failover setting 'primary'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,percent=101", "bad percent '101': expected a whole number from 0 to 100")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,percent=-1", "bad percent '-1'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,percent=half", "bad percent 'half'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,percent=", "percent= needs a value")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,percent=40,percent=60", "percent= is given twice")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,role=active", "bad role 'active': expected primary or secondary")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,partner-down=0", "bad partner-down '0'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,partner-down=30s", "bad partner-down '30s'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,heartbeat=x", "bad heartbeat 'x'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,heartbeat=30", "heartbeat=30 must be shorter than partner-down=30")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,heartbeat=10,partner-down=5", "heartbeat=10 must be shorter than partner-down=5")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,scope=10.0.0", "bad scope '10.0.0'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,scope=fd00::", "bad scope 'fd00::'")]
    [InlineData("pint-dhcp-failover=a,b,load-balance,scope=10.0.0.0,scope=10.0.0.0", "scope 10.0.0.0 is given twice")]
    [InlineData("pint-dhcp-failover=a b,b,load-balance", "the failover name 'a b' holds ' '")]
    [InlineData("pint-dhcp-failover=a,b/c,load-balance", "the partner server id 'b/c' holds '/'")]
    [InlineData("pint-dhcp-failover=,b,load-balance", "the failover name is empty")]
    public void Failover_errors_name_file_line_and_option(string line, string wording) =>
        Assert.Equal("pint-dhcp-failover", ConfigAssert.SingleError(line, wording).Option);

    [Fact]
    public void A_failover_name_may_be_used_once()
    {
        var result = ConfigAssert.Load("pint-dhcp-failover=ha,b,load-balance\npint-dhcp-failover=HA,c,hot-standby");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((2, "pint-dhcp-failover"), (error.Line, error.Option));
        Assert.Contains("failover 'HA' is already defined at test.conf:1", error.Message);
        Assert.Single(result.Config.Dhcp.Failovers);
    }

    [Fact]
    public void Percent_of_a_hot_standby_is_a_warning()
    {
        var result = ConfigAssert.Load("pint-dhcp-failover=a,b,hot-standby,percent=40");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("percent= applies to load-balance only", warning.Message);
        Assert.Single(result.Config.Dhcp.Failovers);
    }

    // ---- the DHCP setup step ----

    private static IReadOnlyList<ConfigDiagnostic> Setup(string text)
    {
        var loaded = ConfigAssert.Load(text);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return DhcpSetup.Build(loaded.Config).Diagnostics;
    }

    [Fact]
    public void Setup_accepts_a_failover_on_the_shared_store_and_configured_scopes()
    {
        var diagnostics = Setup(Ranges + "dhcp-range=192.168.5.10,192.168.5.90\n" + $"pint-lease-store=postgresql,{Pg}\npint-server-id=dhcp1\n" +
            "pint-dhcp-failover=ha,dhcp2,load-balance,scope=10.0.0.0,scope=10.0.1.0\npint-dhcp-failover=all,dhcp3,hot-standby\n" +
            // A range without a netmask takes it from the interface: a scope that holds the whole range is accepted.
            "pint-dhcp-failover=nomask,dhcp2,hot-standby,scope=192.168.5.0");
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Setup_refuses_a_failover_without_the_postgresql_store()
    {
        foreach (var store in new[] { "", "pint-lease-store=file\n" })
        {
            var error = Assert.Single(Setup(Ranges + store + "pint-dhcp-failover=ha,dhcp2,load-balance"));
            Assert.Equal(DiagnosticSeverity.Error, error.Severity);
            Assert.Equal(("test.conf", store.Length == 0 ? 3 : 4, "pint-dhcp-failover"), (error.File, error.Line, error.Option));
            Assert.Contains("failover 'ha' needs the shared lease database: add pint-lease-store=postgresql", error.Message);
        }
    }

    [Theory]
    [InlineData("scope=10.0.0.100", "scope=10.0.0.100 is not the network address of a configured IPv4 dhcp-range (the ranges' networks: 10.0.0.0, 10.0.1.0)")]
    [InlineData("scope=10.0.2.0", "scope=10.0.2.0 is not the network address")]
    [InlineData("scope=10.0.0.0,scope=172.16.0.0", "scope=172.16.0.0 is not")]
    public void Setup_refuses_a_scope_that_is_no_ranges_network(string scopes, string wording)
    {
        var error = Assert.Single(Setup(Ranges + $"pint-lease-store=postgresql,{Pg}\npint-dhcp-failover=ha,dhcp2,load-balance,{scopes}"));
        Assert.Equal((DiagnosticSeverity.Error, 4, "pint-dhcp-failover"), (error.Severity, error.Line, error.Option));
        Assert.Contains(wording, error.Message);
    }

    [Fact]
    public void Setup_refuses_this_server_as_its_own_partner()
    {
        var error = Assert.Single(Setup(Ranges + $"pint-lease-store=postgresql,{Pg}\npint-server-id=dhcp1\npint-dhcp-failover=ha,DHCP1,load-balance"));
        Assert.Contains("names this server (dhcp1, pint-server-id) as its own partner", error.Message);
    }

    [Fact]
    public void Setup_errors_mean_nothing_is_served()
    {
        var loaded = ConfigAssert.Load(Ranges + "pint-dhcp-failover=ha,dhcp2,load-balance");
        Assert.Null(DhcpSetup.Build(loaded.Config).Options);
    }

    // ---- dnsmasq refuses them ----

    [Theory]
    [InlineData("pint-lease-store=postgresql,Host=db1;Database=pint")]
    [InlineData("pint-lease-store=file")]
    [InlineData("pint-server-id=dhcp1")]
    [InlineData("pint-dhcp-failover=ha,dhcp2,load-balance,scope=10.0.0.0")]
    public void Dnsmasq_rejects_each_with_a_message_naming_its_line(string line)
    {
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        using var dir = new TempConfigDirectory();
        var conf = dir.Write("dnsmasq.conf", "port=0\n" + line + "\n");
        var (exit, output) = ConfigTestTools.Run(dnsmasq, "--test", "-C", conf);
        Assert.NotEqual(0, exit);
        // dnsmasq 2.90 says "bad option at line 2 of /path/dnsmasq.conf": the line that holds the option.
        Assert.Contains($"bad option at line 2 of {conf}", output);
        // Pint reads the same file without a finding.
        Assert.Empty(ConfigLoader.Load(conf, new ConfigLoadOptions { ReadHostsFiles = false }).Diagnostics);
    }

    [Fact]
    public void Dnsmasq_reads_a_main_config_whose_pint_lines_live_in_the_include_once_it_is_left_out()
    {
        // The cmdlets' layout: dnsmasq reads the main file; only the conf-file= line leads it to the Pint-only lines.
        var dnsmasq = ConfigTestTools.RequireTool("dnsmasq");
        using var dir = new TempConfigDirectory();
        var main = dir.Write("dnsmasq.conf", "port=0\n" + Ranges);
        Assert.Equal(0, ConfigTestTools.Run(dnsmasq, "--test", "-C", main).ExitCode);
        using (var session = ConfigEditSession.Open(main))
        {
            LeaseStoreEditing.SetLeaseStore(session, ConfigLoader.Load(main).Config, LeaseStoreKind.PostgreSql, "Host=db1;Database=pint");
            session.Commit();
        }
        var (exit, output) = ConfigTestTools.Run(dnsmasq, "--test", "-C", main);
        Assert.NotEqual(0, exit);
        Assert.Contains($"bad option at line 1 of {LeaseStoreEditing.IncludePath(main)}", output);
    }

    // ---- editing ----

    [Fact]
    public void Edits_go_to_pint_leasestore_conf_and_the_main_file_gains_only_its_conf_file_line()
    {
        using var dir = new TempConfigDirectory();
        // CRLF, an inline comment and no final newline: all kept, byte for byte.
        var original = "# my lab\r\n  domain = lab.test   # inline\r\n" + Ranges.Replace("\n", "\r\n") + "log-dhcp";
        var main = dir.Write("pint.conf", original);
        var include = LeaseStoreEditing.IncludePath(main);
        Assert.Equal(dir.Combine("pint-leasestore.conf"), include);

        using (var session = ConfigEditSession.Open(main))
        {
            var config = ConfigLoader.Load(main).Config;
            LeaseStoreEditing.SetLeaseStore(session, config, LeaseStoreKind.PostgreSql, Pg + ";Options=a,b");
            LeaseStoreEditing.SetServerId(session, "dhcp1");
            Assert.Equal(3, session.PendingChanges.Count);
            session.Commit();
        }
        Assert.Equal(original + "\r\n" + $"conf-file={include}", File.ReadAllText(main));
        if (!OperatingSystem.IsWindows()) Assert.Equal(File.GetUnixFileMode(main), File.GetUnixFileMode(include));

        using (var session = ConfigEditSession.Open(main))
        {
            var config = ConfigLoader.Load(main).Config;
            LeaseStoreEditing.AddFailover(session, config, "ha", new FailoverSettings { Role = FailoverRole.Secondary, PartnerServerId = "dhcp2", LoadBalancePercent = 40, HeartbeatInterval = TimeSpan.FromSeconds(3) }, [IPAddress.Parse("10.0.0.0")]);
            LeaseStoreEditing.AddFailover(session, config, "hs", new FailoverSettings { Mode = FailoverMode.HotStandby, Role = FailoverRole.Primary, PartnerServerId = "dhcp3", PartnerDownAfter = TimeSpan.FromMinutes(2) }, [IPAddress.Parse("10.0.0.0"), IPAddress.Parse("10.0.1.0")]);
            session.Commit();
        }
        Assert.Equal(original + "\r\n" + $"conf-file={include}", File.ReadAllText(main)); // the conf-file= line is not added twice
        var nl = Environment.NewLine;
        Assert.Equal(
            $"pint-lease-store=postgresql,{Pg};Options=a,b{nl}pint-server-id=dhcp1{nl}" +
            $"pint-dhcp-failover=ha,dhcp2,load-balance,role=secondary,percent=40,heartbeat=3,scope=10.0.0.0{nl}" +
            $"pint-dhcp-failover=hs,dhcp3,hot-standby,role=primary,partner-down=120,scope=10.0.0.0,scope=10.0.1.0{nl}",
            File.ReadAllText(include));

        // What was written reads back to the same settings, with no finding from the loader or the DHCP setup.
        var loaded = ConfigLoader.Load(main, new ConfigLoadOptions { ReadHostsFiles = false });
        Assert.Empty(loaded.Diagnostics);
        Assert.Empty(DhcpSetup.Build(loaded.Config).Diagnostics);
        Assert.Equal(Pg + ";Options=a,b", loaded.Config.Dhcp.LeaseStore.ConnectionString);
        Assert.Equal(new ConfigSource(include, 1), loaded.Config.Dhcp.LeaseStore.Source);
        Assert.Equal("dhcp1", loaded.Config.Dhcp.ServerId);
        var ha = loaded.Config.Dhcp.Failovers[0];
        Assert.Equal((FailoverRole.Secondary, 40, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30)), (ha.Settings.Role, ha.Settings.LoadBalancePercent, ha.Settings.HeartbeatInterval, ha.Settings.PartnerDownAfter));
        Assert.Equal(TimeSpan.FromMinutes(2), loaded.Config.Dhcp.Failovers[1].Settings.PartnerDownAfter);

        // Removing a failover and going back to the file store rewrite the include only.
        using (var session = ConfigEditSession.Open(main))
        {
            Assert.True(LeaseStoreEditing.RemoveFailover(session, loaded.Config, "HA"));
            Assert.False(LeaseStoreEditing.RemoveFailover(session, loaded.Config, "nope"));
            session.Commit();
        }
        using (var session = ConfigEditSession.Open(main))
        {
            var config = ConfigLoader.Load(main).Config;
            var refused = Assert.Throws<Pint.Engine.Management.PintEditException>(() => LeaseStoreEditing.SetLeaseStore(session, config, LeaseStoreKind.File, null));
            Assert.Contains("(hs) need the PostgreSQL lease store", refused.Message);
            Assert.Empty(session.PendingChanges);
            LeaseStoreEditing.RemoveFailover(session, config, "hs");
            session.Commit();
        }
        using (var session = ConfigEditSession.Open(main))
        {
            LeaseStoreEditing.SetLeaseStore(session, ConfigLoader.Load(main).Config, LeaseStoreKind.File, null);
            session.Commit();
        }
        Assert.Equal($"pint-lease-store=file{nl}pint-server-id=dhcp1{nl}", File.ReadAllText(include));
        Assert.Equal(original + "\r\n" + $"conf-file={include}", File.ReadAllText(main));
    }

    [Fact]
    public void A_pint_line_written_by_hand_elsewhere_is_moved_into_the_include()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("pint.conf", "port=0\npint-lease-store=file\nlog-dhcp\n");
        using (var session = ConfigEditSession.Open(main))
        {
            LeaseStoreEditing.SetLeaseStore(session, ConfigLoader.Load(main).Config, LeaseStoreKind.PostgreSql, "Host=db1");
            session.Commit();
        }
        var include = LeaseStoreEditing.IncludePath(main);
        Assert.Equal($"port=0\nlog-dhcp\nconf-file={include}\n", File.ReadAllText(main));
        Assert.Equal("pint-lease-store=postgresql,Host=db1" + Environment.NewLine, File.ReadAllText(include));
    }

    [Fact]
    public void An_include_already_read_through_conf_dir_gets_no_conf_file_line()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("main.cfg", $"port=0\nconf-dir={dir.Path},*.conf\n");
        var include = dir.Write("pint-leasestore.conf", "pint-server-id=dhcp1\n");
        using (var session = ConfigEditSession.Open(main))
        {
            LeaseStoreEditing.SetLeaseStore(session, ConfigLoader.Load(main).Config, LeaseStoreKind.PostgreSql, "Host=db1");
            session.Commit();
        }
        Assert.Equal($"port=0\nconf-file={dir.Path},*.conf\n".Replace("conf-file", "conf-dir"), File.ReadAllText(main));
        Assert.Equal("pint-server-id=dhcp1\npint-lease-store=postgresql,Host=db1\n", File.ReadAllText(include));
        Assert.Empty(ConfigLoader.Load(main, new ConfigLoadOptions { ReadHostsFiles = false }).Diagnostics);
    }

    [Fact]
    public void Edit_refusals()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("pint.conf", Ranges + "pint-server-id=dhcp1\n");
        using var session = ConfigEditSession.Open(main);
        var config = ConfigLoader.Load(main).Config;
        var settings = new FailoverSettings { Role = FailoverRole.Primary, PartnerServerId = "dhcp2" };
        string Refused(Action edit) => Assert.Throws<Pint.Engine.Management.PintEditException>(edit).Message;

        Assert.Contains("set the lease store first", Refused(() => LeaseStoreEditing.AddFailover(session, config, "ha", settings, [IPAddress.Parse("10.0.0.0")])));
        Assert.Contains("Keyword", Refused(() => LeaseStoreEditing.SetLeaseStore(session, config, LeaseStoreKind.PostgreSql, "Hots=db1")), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password mask", Refused(() => LeaseStoreEditing.SetLeaseStore(session, config, LeaseStoreKind.PostgreSql, "Host=db1;Password=" + LeaseStoreEditing.PasswordMask)));
        Assert.Contains("-ServerId", Refused(() => LeaseStoreEditing.SetServerId(session, "no spaces")));
        Assert.Empty(session.PendingChanges);

        LeaseStoreEditing.SetLeaseStore(session, config, LeaseStoreKind.PostgreSql, "Host=db1");
        session.Commit();
        config = ConfigLoader.Load(main).Config;
        Assert.Contains("-ScopeId 10.0.0.5 is not the network address of a dhcp-range in the config (its scopes: 10.0.0.0, 10.0.1.0)", Refused(() => LeaseStoreEditing.AddFailover(session, config, "ha", settings, [IPAddress.Parse("10.0.0.5")])));
        Assert.Contains("own id", Refused(() => LeaseStoreEditing.AddFailover(session, config, "ha", settings with { PartnerServerId = "DHCP1" }, [IPAddress.Parse("10.0.0.0")])));
        Assert.Contains("must be shorter", Refused(() => LeaseStoreEditing.AddFailover(session, config, "ha", settings with { HeartbeatInterval = TimeSpan.FromSeconds(30) }, [IPAddress.Parse("10.0.0.0")])));
        LeaseStoreEditing.AddFailover(session, config, "ha", settings, [IPAddress.Parse("10.0.0.0")]);
        session.Commit();
        config = ConfigLoader.Load(main).Config;
        Assert.Contains("already defined", Refused(() => LeaseStoreEditing.AddFailover(session, config, "HA", settings, [IPAddress.Parse("10.0.1.0")])));
    }

    [Fact]
    public void WhatIf_lines_show_no_password()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("pint.conf", "port=0\n");
        using var session = ConfigEditSession.Open(main);
        LeaseStoreEditing.SetLeaseStore(session, ConfigLoader.Load(main).Config, LeaseStoreKind.PostgreSql, "Password=s3cret;Host=db1");
        var shown = string.Join("\n", session.PendingChanges);
        Assert.DoesNotContain("s3cret", shown);
        Assert.Contains("add 'pint-lease-store=postgresql,Password=********;Host=db1'", shown);
        Assert.Equal("  pint-lease-store = postgresql,Host=db1;PWD=********   # db", LeaseStoreEditing.MaskLine("  pint-lease-store = postgresql,Host=db1;PWD=********   # db"));
        Assert.Equal("pint-lease-store=postgresql, Host=db1;PWD=********", LeaseStoreEditing.MaskLine("  pint-lease-store = postgresql, Host=db1;PWD=x   # db"));
        Assert.Equal("dhcp-range=10.0.0.1,10.0.0.9", LeaseStoreEditing.MaskLine("dhcp-range=10.0.0.1,10.0.0.9"));
    }

    [Theory]
    [InlineData("Host=db1;Username=pint;Password=s3cret", "Host=db1;Username=pint;Password=********")]
    [InlineData("Host=db1;PWD=s3cret;Database=pint", "Host=db1;PWD=********;Database=pint")]
    [InlineData("Host=db1;Password='a;b=c'", "Host=db1;Password=********")]
    [InlineData("Host=db1;Database=pint", "Host=db1;Database=pint")]
    [InlineData("Host=db1;password=s3cret;Port='", "Host=db1;password=********;Port='")]
    [InlineData("Host=db1; Password = \"s3;c\"\"ret\" ;Database=pint", "Host=db1; Password =******** ;Database=pint")]
    [InlineData("Host=db1;Passfile=/etc/pint/pgpass", "Host=db1;Passfile=/etc/pint/pgpass")]
    public void Passwords_are_masked_and_the_rest_kept_as_written(string connectionString, string shown)
    {
        var masked = LeaseStoreEditing.MaskPassword(connectionString);
        Assert.DoesNotContain("s3", masked);
        Assert.Equal(shown, masked);
    }
}
