using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Dhcp;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Dhcp.Script;
using Pint.Engine.Dhcp.Server;
using Pint.Engine.Dhcp.Wire;
using DhcpOptionCode = Pint.Engine.Dhcp.Wire.DhcpOptionCode;
using DhcpRange = Pint.Engine.Dhcp.Protocol.DhcpRange;
using Pint.Engine.Hosting;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>
/// dhcp-script with a real shell script that records its arguments and DNSMASQ_* environment, driven by the server
/// over loopback (the test plays a relay agent, so nothing is broadcast): add, old on renewal and on a name change,
/// del on release and expiry, old/del at start-up, serialised calls that never hold up a reply, and a missing or
/// failing script that is logged while the server keeps serving.
/// </summary>
public sealed class LeaseScriptTests : IAsyncDisposable
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private readonly string _directory = DhcpTestTools.TempDirectory();
    private readonly UdpClient _relay = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ListLog _log = new();
    private readonly List<IAsyncDisposable> _owned = [];

    private string Output => Path.Combine(_directory, "script.out");
    private string LeasePath => Path.Combine(_directory, "dnsmasq.leases");
    private int RelayPort => ((IPEndPoint)_relay.Client.LocalEndPoint!).Port;

    /// <summary>A script that appends "ARGS a b c" and its sorted DNSMASQ_* variables, then runs <paramref name="tail"/>.</summary>
    private string RecordingScript(string tail = "exit 0", string name = "script.sh")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{{ printf 'ARGS'; for a in \"$@\"; do printf ' %s' \"$a\"; done; printf '\\n'; env | grep '^DNSMASQ_' | sort; echo ---; }} >> {Output}\n{tail}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private sealed record Call(string Arguments, IReadOnlyDictionary<string, string> Env);

    private List<Call> Calls()
    {
        var calls = new List<Call>();
        if (!File.Exists(Output)) return calls;
        string? args = null;
        var env = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(Output))
        {
            if (line.StartsWith("ARGS", StringComparison.Ordinal)) { args = line[4..].Trim(); env = new(); }
            else if (line == "---") calls.Add(new Call(args!, env));
            else if (line.Split('=', 2) is [var k, var v]) env[k] = v;
        }
        return calls;
    }

    // Waits without holding a pool thread: the runner's worker needs one to go on, and the test host runs classes in parallel.
    private async Task<List<Call>> WaitForCalls(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var calls = Calls();
            if (calls.Count >= count) return calls;
            await Task.Delay(25);
        }
        var got = Calls();
        Assert.Fail($"expected {count} script calls, got {got.Count}: {string.Join(" | ", got.Select(c => c.Arguments))}; log: {string.Join(" | ", _log.Lines)}");
        return got;
    }

    private (DhcpServer Server, LeaseScriptRunner Script) Start(string? script, TimeSpan? leaseTime = null, int capacity = LeaseScriptRunner.DefaultCapacity)
    {
        var options = new DhcpServerOptions
        {
            ServerPort = 0,
            RelayPort = RelayPort,
            ClientPort = RelayPort,
            Domain = "lab.test",
            Ranges = [new DhcpRange(IPAddress.Parse("127.0.0.100"), IPAddress.Parse("127.0.0.150"), IPAddress.Parse("255.255.255.0"), LeaseTime: leaseTime)],
            LeaseScript = script,
        };
        var leases = LeaseStore.Open(LeasePath, DateTimeOffset.UtcNow);
        var runner = new LeaseScriptRunner(script, null, _log, "dhcp", capacity);
        var server = new DhcpServer(options, leases, bindAddress: Loopback) { LeaseScript = runner };
        server.Start();
        _owned.Add(server);
        _owned.Add(runner);
        _owned.Add(leases);
        return (server, runner);
    }

    private async Task<DhcpTestReply> Ask(DhcpServer server, byte[] packet, TimeSpan? timeout = null)
    {
        await _relay.SendAsync(packet, server.LocalEndPoint);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return DhcpTestReply.Read((await _relay.ReceiveAsync(cancel.Token)).Buffer);
    }

    private async Task<IPAddress> Dora(DhcpServer server, DhcpTestPackets client)
    {
        var offer = await Ask(server, client.Discover());
        var ack = await Ask(server, client.Select(offer.YourAddress, offer.AddressOption(DhcpOptionCode.ServerIdentifier)!));
        Assert.Equal(DhcpMessageType.Ack, ack.Type);
        return ack.YourAddress;
    }

    private static DhcpTestPackets Client(string mac, string? hostName, bool classes = false)
    {
        var client = new DhcpTestPackets(mac) { RelayAddress = Loopback, HostName = hostName, ClientId = [1, .. mac.Split(':').Select(b => Convert.ToByte(b, 16))] };
        if (classes)
        {
            client.ExtraOptions.Add((DhcpOptionCode.VendorClass, Encoding.ASCII.GetBytes("udhcp 1.35.0")));
            client.ExtraOptions.Add((DhcpOptionCode.UserClass, [5, .. "hello"u8, 3, .. "abc"u8]));
        }
        return client;
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task A_new_lease_is_add_with_the_exchanges_variables()
    {
        var (server, _) = Start(RecordingScript());
        var address = await Dora(server, Client("52:54:00:aa:cc:01", "laptop", classes: true));

        var call = (await WaitForCalls(1)).Single();
        Assert.Equal($"add 52:54:00:aa:cc:01 {address} laptop", call.Arguments);
        var env = call.Env;
        Assert.Equal("01:52:54:00:aa:cc:01", env["DNSMASQ_CLIENT_ID"]);
        Assert.Equal("lab.test", env["DNSMASQ_DOMAIN"]);
        Assert.Equal("laptop", env["DNSMASQ_SUPPLIED_HOSTNAME"]);
        Assert.Equal("1,3,6,12,15,28,42", env["DNSMASQ_REQUESTED_OPTIONS"]);
        Assert.Equal("udhcp 1.35.0", env["DNSMASQ_VENDOR_CLASS"]);
        Assert.Equal("hello", env["DNSMASQ_USER_CLASS0"]);
        Assert.Equal("abc", env["DNSMASQ_USER_CLASS1"]);
        Assert.Equal("127.0.0.1", env["DNSMASQ_RELAY_ADDRESS"]);
        Assert.Equal("3600", env["DNSMASQ_TIME_REMAINING"]);
        Assert.InRange(long.Parse(env["DNSMASQ_LEASE_EXPIRES"]), Now + 3590, Now + 3601);
        Assert.True(env.ContainsKey("DNSMASQ_INTERFACE"));
        Assert.Contains(env["DNSMASQ_INTERFACE"], env["DNSMASQ_TAGS"].Split(' '));
        Assert.False(env.ContainsKey("DNSMASQ_DATA_MISSING"));
        Assert.False(env.ContainsKey("DNSMASQ_OLD_HOSTNAME"));
    }

    [Fact]
    public async Task A_renewal_is_old_a_new_name_is_old_without_then_with_it_and_a_release_is_del()
    {
        var (server, _) = Start(RecordingScript());
        var address = await Dora(server, Client("52:54:00:aa:cc:02", "laptop"));
        await WaitForCalls(1);

        var renew = await Ask(server, Client("52:54:00:aa:cc:02", "laptop").Renew(address));
        Assert.Equal(DhcpMessageType.Ack, renew.Type);
        var old = (await WaitForCalls(2))[1];
        Assert.Equal($"old 52:54:00:aa:cc:02 {address} laptop", old.Arguments);
        Assert.Equal("laptop", old.Env["DNSMASQ_SUPPLIED_HOSTNAME"]);
        Assert.Equal("3600", old.Env["DNSMASQ_TIME_REMAINING"]);
        Assert.False(old.Env.ContainsKey("DNSMASQ_DATA_MISSING"));

        await Ask(server, Client("52:54:00:aa:cc:02", "laptop2").Renew(address));
        var renamed = (await WaitForCalls(4))[2..];
        Assert.Equal($"old 52:54:00:aa:cc:02 {address}", renamed[0].Arguments);
        Assert.Equal("laptop", renamed[0].Env["DNSMASQ_OLD_HOSTNAME"]);
        Assert.Equal("laptop2", renamed[0].Env["DNSMASQ_SUPPLIED_HOSTNAME"]);
        Assert.Equal($"old 52:54:00:aa:cc:02 {address} laptop2", renamed[1].Arguments);
        Assert.False(renamed[1].Env.ContainsKey("DNSMASQ_OLD_HOSTNAME"));

        var serverId = IPAddress.Loopback; // the relay-facing interface's address is our server identifier
        await _relay.SendAsync(Client("52:54:00:aa:cc:02", "laptop2").Release(address, serverId), server.LocalEndPoint);
        var del = (await WaitForCalls(5))[4];
        Assert.Equal($"del 52:54:00:aa:cc:02 {address} laptop2", del.Arguments);
        Assert.Equal("1", del.Env["DNSMASQ_DATA_MISSING"]);
        Assert.Equal("lab.test", del.Env["DNSMASQ_DOMAIN"]);
        Assert.Equal("01:52:54:00:aa:cc:02", del.Env["DNSMASQ_CLIENT_ID"]);
        Assert.True(del.Env.ContainsKey("DNSMASQ_INTERFACE"));
        Assert.True(del.Env.ContainsKey("DNSMASQ_LEASE_EXPIRES"));
        // What dnsmasq gives a del: the lease file's fields, nothing of the exchange.
        Assert.False(del.Env.ContainsKey("DNSMASQ_TIME_REMAINING"));
        Assert.False(del.Env.ContainsKey("DNSMASQ_TAGS"));
        Assert.False(del.Env.ContainsKey("DNSMASQ_SUPPLIED_HOSTNAME"));
    }

    [Fact]
    public async Task An_expired_lease_is_del()
    {
        var (server, _) = Start(RecordingScript(), leaseTime: TimeSpan.FromSeconds(2));
        var address = await Dora(server, Client("52:54:00:aa:cc:03", "shortbox"));
        var calls = await WaitForCalls(2, TimeSpan.FromSeconds(10)); // the expiry timer runs without traffic
        Assert.Equal($"add 52:54:00:aa:cc:03 {address} shortbox", calls[0].Arguments);
        Assert.Equal($"del 52:54:00:aa:cc:03 {address} shortbox", calls[1].Arguments);
        Assert.Equal("1", calls[1].Env["DNSMASQ_DATA_MISSING"]);
        Assert.Equal(calls[0].Env["DNSMASQ_INTERFACE"], calls[1].Env["DNSMASQ_INTERFACE"]);
    }

    [Fact]
    public async Task At_start_up_live_leases_are_old_and_leases_that_ran_out_are_del()
    {
        var now = Now;
        File.WriteAllText(LeasePath,
            $"{now + 500} 52:54:00:aa:cc:10 127.0.0.110 livebox 01:52:54:00:aa:cc:10\n" +
            $"{now - 100} 52:54:00:aa:cc:11 127.0.0.111 gonebox *\n" +
            "0 52:54:00:aa:cc:12 127.0.0.112 * *\n");
        var config = ConfigLoader.LoadText($"domain=lab.test\nno-ping\ndhcp-leasefile={LeasePath}\ndhcp-range=127.0.0.100,127.0.0.150,255.255.255.0,1h\ndhcp-script={RecordingScript()}", Path.Combine(_directory, "pint.conf"));
        Assert.False(config.HasErrors, string.Join("\n", config.Diagnostics));
        var options = DhcpSetup.Build(config.Config).Options! with { ServerPort = 0, RelayPort = RelayPort, ClientPort = RelayPort };
        var service = new DhcpService(config.Config, options, LeasePath, () => null, _log, IPAddress.Loopback);
        _owned.Add(service);
        await service.StartAsync(CancellationToken.None);
        Assert.True(service.LeaseScript!.Enabled, "the script reached the service");

        var calls = await WaitForCalls(3);
        Assert.Equal("del 52:54:00:aa:cc:11 127.0.0.111 gonebox", calls[0].Arguments);
        Assert.Equal(new Dictionary<string, string> { ["DNSMASQ_DATA_MISSING"] = "1", ["DNSMASQ_LEASE_EXPIRES"] = (now - 100).ToString() }, calls[0].Env);
        var live = calls.Single(c => c.Arguments == "old 52:54:00:aa:cc:10 127.0.0.110 livebox");
        Assert.Equal("1", live.Env["DNSMASQ_DATA_MISSING"]);
        Assert.Equal("01:52:54:00:aa:cc:10", live.Env["DNSMASQ_CLIENT_ID"]);
        Assert.Equal("lab.test", live.Env["DNSMASQ_DOMAIN"]);
        Assert.Equal((now + 500).ToString(), live.Env["DNSMASQ_LEASE_EXPIRES"]);
        Assert.InRange(int.Parse(live.Env["DNSMASQ_TIME_REMAINING"]), 490, 500);
        Assert.Equal("lo", live.Env["DNSMASQ_INTERFACE"]);
        Assert.False(live.Env.ContainsKey("DNSMASQ_TAGS"));
        var infinite = calls.Single(c => c.Arguments == "old 52:54:00:aa:cc:12 127.0.0.112");
        Assert.Equal("0", infinite.Env["DNSMASQ_LEASE_EXPIRES"]);
        Assert.False(infinite.Env.ContainsKey("DNSMASQ_TIME_REMAINING"));
        Assert.False(infinite.Env.ContainsKey("DNSMASQ_DOMAIN")); // no name, so no domain part
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task A_slow_script_does_not_delay_replies_and_its_calls_run_one_at_a_time_in_order()
    {
        var log = Path.Combine(_directory, "order.log");
        var script = Path.Combine(_directory, "slow.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"begin $1 $2\" >> {log}\nsleep 1\necho \"end $1 $2\" >> {log}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (server, runner) = Start(script);

        var macs = new[] { "52:54:00:aa:cc:21", "52:54:00:aa:cc:22", "52:54:00:aa:cc:23" };
        var watch = Stopwatch.StartNew();
        foreach (var mac in macs) await Dora(server, Client(mac, null));
        // Three calls take three seconds; the three exchanges must not wait for any of them.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"DORAs took {watch.Elapsed} with a slow script");
        await WaitUntil(() => File.Exists(log) && File.ReadAllLines(log).Length > 0, "the script did not start");

        Assert.True(await runner.WaitIdleAsync(TimeSpan.FromSeconds(15)), "the script calls did not finish");
        var lines = File.ReadAllLines(log);
        var expected = macs.SelectMany(m => new[] { $"begin add {m}", $"end add {m}" }).ToArray();
        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task A_missing_script_is_logged_and_the_server_keeps_serving()
    {
        var missing = Path.Combine(_directory, "no-such-script.sh");
        var (server, runner) = Start(missing);
        await Dora(server, Client("52:54:00:aa:cc:31", "one"));
        await WaitUntil(() => _log.Entries.Any(e => e.Level == PintLogLevel.Error && e.Message.Contains($"failed to execute {missing}")), "the missing script was not logged");
        await Dora(server, Client("52:54:00:aa:cc:32", "two"));
        await WaitUntil(() => _log.Entries.Count(e => e.Message.Contains("failed to execute")) == 2, "the second call was not logged");
        Assert.True(await runner.WaitIdleAsync(TimeSpan.FromSeconds(10)));
    }

    private async Task WaitUntil(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{failure}; log: {string.Join(" | ", _log.Lines)}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_failing_script_has_its_status_and_output_logged_and_the_server_keeps_serving()
    {
        var (server, runner) = Start(RecordingScript("echo complaint >&2\nexit 3"));
        await Dora(server, Client("52:54:00:aa:cc:41", "one"));
        await Dora(server, Client("52:54:00:aa:cc:42", "two"));
        Assert.Equal(2, (await WaitForCalls(2)).Count);
        await WaitUntil(() => _log.Entries.Count(e => e.Message.StartsWith("script process exited")) == 2, "both failures logged");
        Assert.True(await runner.WaitIdleAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, _log.Entries.Count(e => e.Level == PintLogLevel.Warning && e.Message.StartsWith("script process exited with status 3")));
        Assert.Contains(_log.Entries, e => e.Message == "dnsmasq-script: complaint");
    }

    [Fact]
    public async Task A_full_queue_drops_with_a_warning_and_never_blocks()
    {
        var runner = new LeaseScriptRunner(RecordingScript("sleep 30"), null, _log, "dhcp", capacity: 2);
        var call = new LeaseScriptEvent(LeaseScriptAction.Add, "52:54:00:aa:cc:51", IPAddress.Parse("127.0.0.151"), null, new Dictionary<string, string>());
        Assert.True(runner.Enqueue(call));
        await WaitForCalls(1); // the first call is running (sleeping), so the queue is empty again
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) runner.Enqueue(call);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"Enqueue blocked for {watch.Elapsed}");
        Assert.Equal(8, runner.Dropped); // one runs, two wait
        Assert.Single(_log.Entries, e => e.Level == PintLogLevel.Warning && e.Message.Contains("queue is full")); // rate-limited
        watch.Restart();
        await runner.DisposeAsync(); // ends the hung instance it started
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Dhcp_scriptuser_runs_the_script_as_that_user()
    {
        if (Environment.UserName != "root" || NetnsLab_Which("runuser") is null) return; // needs root to switch users
        var script = RecordingScript("id -un >> " + Output + ".user");
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Output, "");
        File.SetUnixFileMode(Output, (UnixFileMode)0b110_110_110);
        File.WriteAllText(Output + ".user", "");
        File.SetUnixFileMode(Output + ".user", (UnixFileMode)0b110_110_110);
        var runner = new LeaseScriptRunner(script, "nobody", _log);
        _owned.Add(runner);
        runner.Enqueue(new LeaseScriptEvent(LeaseScriptAction.Add, "52:54:00:aa:cc:61", IPAddress.Parse("127.0.0.161"), "box", new Dictionary<string, string> { ["DNSMASQ_TAGS"] = "lo" }));
        var call = (await WaitForCalls(1)).Single();
        Assert.Equal("add 52:54:00:aa:cc:61 127.0.0.161 box", call.Arguments);
        Assert.Equal("lo", call.Env["DNSMASQ_TAGS"]); // the environment survives the user switch
        Assert.Equal("nobody", File.ReadAllText(Output + ".user").Trim());
    }

    private static string? NetnsLab_Which(string tool) => Integration.NetnsLab.Which(tool);

    [Theory]
    [InlineData("dhcp-script=relative/script.sh", 2, "absolute path")]
    [InlineData("dhcp-script", 2, "")]
    [InlineData("dhcp-scriptuser", 2, "")]
    public void Config_errors_name_the_file_and_line(string line, int lineNumber, string words)
    {
        var path = Path.Combine(_directory, "pint.conf");
        File.WriteAllText(path, $"dhcp-range=10.0.0.10,10.0.0.20\n{line}\n");
        var loaded = ConfigLoader.Load(path);
        var error = Assert.Single(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(path, error.File);
        Assert.Equal(lineNumber, error.Line);
        Assert.Contains(words, error.Message);
        Assert.StartsWith($"{path}:{lineNumber}:", error.ToString());
    }

    [Fact]
    public void The_script_and_user_reach_the_server_options()
    {
        var loaded = ConfigLoader.LoadText("dhcp-range=10.0.0.10,10.0.0.20\ndhcp-script=/usr/local/bin/lease-hook\ndhcp-scriptuser=nobody\nlog-dhcp", Path.Combine(_directory, "pint.conf"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        Assert.Equal("/usr/local/bin/lease-hook", loaded.Config.Dhcp.Script);
        var options = DhcpSetup.Build(loaded.Config).Options!;
        Assert.Equal("/usr/local/bin/lease-hook", options.LeaseScript);
        Assert.Equal("nobody", options.LeaseScriptUser);
        Assert.True(options.LogDhcp);
        // dhcp-script= (accepted by dnsmasq) is no script.
        Assert.Null(ConfigLoader.LoadText("dhcp-script=", "x.conf").Config.Dhcp.Script);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
        _relay.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class ListLog : IPintLog
    {
        private readonly List<(PintLogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(PintLogLevel Level, string Message)> Entries { get { lock (_entries) return _entries.ToList(); } }

        public IEnumerable<string> Lines => Entries.Select(e => e.Message);

        public bool IsEnabled(PintLogLevel level) => true;

        public void Write(PintLogLevel level, string source, string message)
        {
            lock (_entries) _entries.Add((level, message));
        }
    }
}
