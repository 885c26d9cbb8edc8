using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Pint.Engine.Hosting;
using Pint.Engine.Tests.Dns.Differential;
using Xunit;
using static Pint.Engine.Tests.Dns.DnsTestMessages;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// A running Pint server on 127.0.0.1 that watches its files: one name from a host-record line of the config
/// (<see cref="ConfigName"/>) and the rest from an addn-hosts file, named directly or through its directory.
/// Everything it logs is kept, so a test can wait for a diagnostic.
/// </summary>
internal sealed class WatchedHostsServer : IAsyncDisposable
{
    public const string ConfigName = "config.test";
    public const string ConfigAddress = "192.0.2.1";

    /// <summary>Generous: the CI machine is a loaded 2-core VM and the watcher waits for a quiet poll first.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pint-hosts-fault-" + Guid.NewGuid().ToString("N"));
    private PintServerHost _host = null!;
    private int _port;

    private WatchedHostsServer() { }

    /// <summary>The hosts file the server reads.</summary>
    public string HostsPath { get; private set; } = "";

    public ListLog Log { get; } = new();

    /// <summary>Starts a server whose addn-hosts names <paramref name="hostsText"/>'s file, or the directory holding it.</summary>
    public static async Task<WatchedHostsServer> StartAsync(string hostsText, bool throughDirectory = false)
    {
        var server = new WatchedHostsServer();
        Directory.CreateDirectory(server._dir);
        var hostsDir = throughDirectory ? Path.Combine(server._dir, "hosts.d") : server._dir;
        Directory.CreateDirectory(hostsDir);
        server.HostsPath = Path.Combine(hostsDir, "hosts");
        File.WriteAllText(server.HostsPath, hostsText);
        var conf = Path.Combine(server._dir, "pint.conf");
        // Tests run in parallel: a port free a moment ago can be taken before the server binds it, so pick again.
        for (int attempt = 1; ; attempt++)
        {
            server._port = DnsmasqProcess.FreeLoopbackPort();
            File.WriteAllText(conf,
                $"port={server._port}\nlisten-address=127.0.0.1\nbind-interfaces\nno-hosts\nno-resolv\n" +
                $"host-record={ConfigName},{ConfigAddress}\naddn-hosts={(throughDirectory ? hostsDir : server.HostsPath)}\n");
            server._host = PintServerHost.Load(conf, new PintHostOptions { WatchConfig = true }, server.Log);
            try
            {
                await server._host.StartAsync();
                break;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("already in use"))
            {
                await server._host.DisposeAsync();
            }
        }
        return server;
    }

    public string Combine(string name) => Path.Combine(Path.GetDirectoryName(HostsPath)!, name);

    /// <summary>The addresses the server answers for <paramref name="name"/> (A, or AAAA), sorted; empty when it has none.</summary>
    public Task<string[]> AskAsync(string name, DnsType type = DnsType.A) => AskAsync(_port, name, type);

    /// <summary>The addresses a DNS server on 127.0.0.1:<paramref name="port"/> answers, sorted; fails when it does not answer.</summary>
    public static async Task<string[]> AskAsync(int port, string name, DnsType type)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        await client.SendAsync(Query(name, type, edns: 4096), new IPEndPoint(IPAddress.Loopback, port));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var reply = Decode((await client.ReceiveAsync(timeout.Token)).Buffer);
            return reply.Answers.Where(a => a.Type == type).Select(a => a.Data).Order(StringComparer.Ordinal).ToArray();
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no answer for '{name}' from 127.0.0.1:{port} within 5 s (stalled?)");
            throw;
        }
    }

    /// <summary>Polls until <paramref name="name"/> has exactly <paramref name="expected"/>; fails at the deadline.</summary>
    public async Task WaitForAnswerAsync(string name, params string[] expected)
    {
        var clock = Stopwatch.StartNew();
        string[] last;
        while (!(last = await AskAsync(name)).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            if (clock.Elapsed > Deadline)
                Assert.Fail($"'{name}' still answers [{string.Join(", ", last)}] after {Deadline.TotalSeconds} s, expected [{string.Join(", ", expected)}]");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until a log line matches; fails at the deadline, showing the log.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Log.Lines.FirstOrDefault(match) is { } line) return line;
            if (clock.Elapsed > Deadline) Assert.Fail($"no log line {what} after {Deadline.TotalSeconds} s; the log:\n{string.Join('\n', Log.Lines)}");
            await Task.Delay(50);
        }
    }

    public int Reloads => Log.Lines.Count(l => l.Contains("reloaded "));

    public PintServerState State => _host.State;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Keeps every line, as "level category: message".</summary>
    internal sealed class ListLog : IPintLog
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToArray();

        public bool IsEnabled(PintLogLevel level) => true;

        public void Write(PintLogLevel level, string category, string message) => _lines.Enqueue($"{level} {category}: {message}");
    }
}
