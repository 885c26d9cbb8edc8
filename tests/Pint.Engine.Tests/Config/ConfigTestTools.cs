using System.Diagnostics;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>
/// Access to things outside the repository that some tests need (dnsmasq, flock, dnsmasq's example config).
/// Missing: the test fails when CI=true, otherwise it is skipped with a message.
/// </summary>
internal static class ConfigTestTools
{
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static string RequireFile(string path)
    {
        if (File.Exists(path)) return path;
        if (IsCi) Assert.Fail($"{path} is missing (install dnsmasq-base)");
        Skip.Because($"{path} is missing (install dnsmasq-base)");
        return path;
    }

    public static string RequireTool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        if (IsCi) Assert.Fail($"tool '{name}' is missing");
        Skip.Because($"tool '{name}' is missing");
        return name;
    }

    /// <summary>Runs a tool and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}

/// <summary>xunit 2 has no dynamic skip; an exception whose message starts with this marker is reported as a skip reason.</summary>
internal static class Skip
{
    public static void Because(string reason) => throw new SkipException(reason);
}

internal sealed class SkipException(string reason) : Exception("$XunitDynamicSkip$" + reason);
