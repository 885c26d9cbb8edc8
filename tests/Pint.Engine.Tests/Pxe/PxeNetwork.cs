using System.Diagnostics;

namespace Pint.Engine.Tests.Pxe;

/// <summary>
/// A network namespace of the test's own with one tap device (the virtual machine's cable) at 10.98.0.1/24.
/// Everything the boot test runs (DHCP/TFTP server, QEMU) runs inside it, so no packet reaches a real network.
/// </summary>
internal sealed class PxeNetwork : IDisposable
{
    public const string Tap = "pxetap0";
    public const string ServerAddress = "10.98.0.1";

    private static int _count;
    private readonly List<Process> _processes = [];

    public PxeNetwork()
    {
        Name = $"pint-pxe-{Environment.ProcessId}-{Interlocked.Increment(ref _count)}";
        Ip("netns", "add", Name);
        try
        {
            InNamespace("link", "set", "lo", "up");
            InNamespace("tuntap", "add", Tap, "mode", "tap");
            InNamespace("addr", "add", $"{ServerAddress}/24", "dev", Tap);
            InNamespace("link", "set", Tap, "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    /// <summary>Starts a program inside the namespace with its output captured in <paramref name="logPath"/>.</summary>
    public Process Start(string logPath, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(PxeTestTools.Require("ip")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Name, program }.Concat(arguments))
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        _processes.Add(process);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void InNamespace(params string[] arguments) => Ip(["-n", Name, .. arguments]);

    private static void Ip(params string[] arguments)
    {
        var start = new ProcessStartInfo(PxeTestTools.Require("ip")) { RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {error}");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        try
        {
            Ip("netns", "delete", Name);
        }
        catch (InvalidOperationException)
        {
            // never created
        }
    }
}
