using System.ComponentModel;
using System.Diagnostics;

namespace Pint.Engine.Dns.Sets;

/// <summary>How the set writers reach the kernel: by running <c>nft</c> and <c>ipset</c>. A seam so tests can see the commands.</summary>
internal interface ISetCommands
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>, <paramref name="input"/> on its standard input; exit code and what it printed.</summary>
    Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, string? input);
}

/// <summary>
/// Runs the tools as child processes, found on PATH or in /usr/sbin and /sbin (where they live, and often not on a
/// service's PATH). A command that hangs is killed after <see cref="Timeout"/> so the writer never stalls for good.
/// </summary>
internal sealed class ProcessSetCommands : ISetCommands
{
    public static readonly ProcessSetCommands Instance = new();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (Win32Exception e) { return (-1, $"cannot run {tool}: {e.Message} (is the {tool} package installed?)"); }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                if (input is not null) await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException) { } // it exited early; its output says why
            using var limit = new CancellationTokenSource(Timeout);
            try { await process.WaitForExitAsync(limit.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{tool} did not finish within {Timeout.TotalSeconds:0} seconds");
            }
            return (process.ExitCode, ((await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false))).Trim());
        }
    }

    private static string Locate(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin"))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        return tool;
    }
}
