using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pint.Engine.Dns;
using Pint.Engine.Tftp;

namespace Pint.Soak;

/// <summary>A `pint` service host started on a soak site's config, with its last output lines kept for a failure report.</summary>
public sealed class PintServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private PintServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the service wrote.</summary>
    public string Output { get { lock (_output) return string.Join("\n", _output); } }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40) _output.Dequeue();
        }
    }

    /// <summary>
    /// Starts the service and waits until its DNS and TFTP answer. The host starts DNS first and TFTP last: a load
    /// that began when DNS answered would send its first TFTP requests to a port not yet bound, and they would time
    /// out on a busy machine (the soak client never resends, so that a server dropping a request shows).
    /// </summary>
    public static async Task<PintServiceProcess> StartAsync(string pintDll, SoakSite site)
    {
        var start = new ProcessStartInfo(DotnetHost(), [pintDll, "--conf-file", site.ConfigPath, "--control-socket", site.ControlSocket])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var service = new PintServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start dotnet {pintDll}"));
        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(SoakSite.Dns(site), DnsProbe()) || !await AnswersAsync(SoakSite.Tftp, TftpProbe()))
        {
            if (service.HasExited)
                throw new InvalidOperationException($"pint exited with {service._process.ExitCode} before serving:\n{service.Output}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"pint did not answer DNS and TFTP within 30 s:\n{service.Output}");
        }
        return service;
    }

    /// <summary>The dotnet running us when it is dotnet (so the same runtime serves), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    /// <summary>A query for a host record: any answer means DNS is serving.</summary>
    private static byte[] DnsProbe()
    {
        var query = new byte[64];
        var writer = new DnsMessageWriter(query);
        writer.TryWriteHeader(new DnsHeader(1, 0x0100, 1, 0, 0, 0));
        writer.TryWriteQuestion(DnsName.FromText(SoakSite.HostRecordName(0)), DnsType.A, 1);
        return query[..writer.Position];
    }

    /// <summary>A request for a file that does not exist: its ERROR means TFTP is serving.</summary>
    private static byte[] TftpProbe()
    {
        var request = new byte[64];
        return request[..TftpPacketWriter.WriteRequest(request, TftpOpcode.ReadRequest, "no-such-file", TftpMode.Octet)];
    }

    private static async Task<bool> AnswersAsync(IPEndPoint server, byte[] probe)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        try
        {
            await socket.SendToAsync(probe, server);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            await socket.ReceiveFromAsync(new byte[512], SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            await Task.Delay(100);
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    /// <summary>
    /// pint.dll next to the sources: built already (by build.ps1 or by hand) in Release or Debug, else built now.
    /// PINT_SERVICE_DLL names another one.
    /// </summary>
    public static string Locate(string startDirectory)
    {
        if (Environment.GetEnvironmentVariable("PINT_SERVICE_DLL") is { Length: > 0 } given) return given;
        var directory = new DirectoryInfo(startDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "src", "Pint.Service", "Pint.Service.csproj")))
            directory = directory.Parent;
        if (directory is null) throw new FileNotFoundException($"no src/Pint.Service above {startDirectory}");
        var project = Path.Combine(directory.FullName, "src", "Pint.Service");
        var built = new[] { "Release", "Debug" }.Select(c => Path.Combine(project, "bin", c, "net10.0", "pint.dll")).Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        if (built is not null) return built;
        using var build = Process.Start(new ProcessStartInfo(DotnetHost(), ["build", project, "-c", "Release", "-v", "quiet", "-nologo"]) { UseShellExecute = false })!;
        build.WaitForExit();
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "pint.dll");
        return build.ExitCode == 0 && File.Exists(dll) ? dll : throw new InvalidOperationException($"building {project} failed ({build.ExitCode})");
    }
}
