using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>
/// A fact that needs an external TFTP client (<see cref="Tool"/>), Linux, or root. When the need is not met it
/// is skipped with the reason, except that a missing tool under CI=true runs the test so it fails loudly.
/// </summary>
public sealed class TftpFactAttribute : FactAttribute
{
    public string? Tool { get; set; }
    public bool LinuxOnly { get; set; }
    public bool RootOnly { get; set; }

    public override string? Skip
    {
        get
        {
            if (base.Skip is not null)
                return base.Skip;
            if ((LinuxOnly || RootOnly) && !OperatingSystem.IsLinux())
                return "Linux only";
            if (RootOnly && Environment.UserName != "root")
                return "needs root";
            if (Tool is not null && TftpTestTools.Find(Tool) is null && !TftpTestTools.IsCi)
                return $"{Tool} is not installed (apt-get install curl atftp tftp-hpa)";
            return null;
        }
        set => base.Skip = value;
    }
}

internal static class TftpTestTools
{
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>The tool's full path; throws (failing the test) when it is missing, which only happens under CI.</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new InvalidOperationException($"{tool} is required under CI=true but is not on PATH (apt-get install curl atftp tftp-hpa).");
}
