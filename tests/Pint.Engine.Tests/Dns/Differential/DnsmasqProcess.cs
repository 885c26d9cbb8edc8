using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pint.Engine.Tests.Dns.Differential;

/// <summary>
/// The real dnsmasq in the foreground on 127.0.0.1 only, serving DNS from <c>configPath</c> on <see cref="Port"/>;
/// no pid file, no /etc/hosts, killed on dispose.
/// </summary>
internal sealed class DnsmasqProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public DnsmasqProcess(string dnsmasq, string configPath, int port)
    {
        Port = port;
        var start = new ProcessStartInfo(dnsmasq) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--no-daemon", $"--conf-file={configPath}", $"--port={port}", "--listen-address=127.0.0.1",
                     "--bind-interfaces", "--no-hosts", "--pid-file=", "--log-facility=-" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start");
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Waits until dnsmasq answers a query on its port (it binds after reading its config).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        // ". IN NS" with RD clear: answered (REFUSED or otherwise) as soon as dnsmasq listens.
        byte[] probe = [0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1];
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"dnsmasq exited with {_process.ExitCode}:\n{Log}");
            await udp.SendAsync(probe, new IPEndPoint(IPAddress.Loopback, Port));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            try
            {
                await udp.ReceiveAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException) { }
        }
        throw new TimeoutException($"dnsmasq did not answer on 127.0.0.1:{Port}:\n{Log}");
    }

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 right now.</summary>
    public static int FreeLoopbackPort()
    {
        for (int attempt = 0; ; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20) { }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(2000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
