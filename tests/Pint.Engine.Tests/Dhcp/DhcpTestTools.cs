using System.Diagnostics;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

/// <summary>Helpers for DHCP tests that need something from the machine.</summary>
internal static class DhcpTestTools
{
    /// <summary>
    /// Whether the environment must provide every tool (CI=true): then a missing tool fails the test instead of skipping it.
    /// </summary>
    /// <summary>Whether this process can send ICMP echo (root, or a ping group); under CI it must.</summary>
    public static bool CanPing()
    {
        try
        {
            using var ping = new System.Net.NetworkInformation.Ping();
            if (ping.Send(System.Net.IPAddress.Loopback, 1000).Status == System.Net.NetworkInformation.IPStatus.Success) return true;
        }
        catch (System.Net.NetworkInformation.PingException) { }
        if (IsCi) throw new InvalidOperationException("CI=true but this process cannot ping 127.0.0.1 (needs root or a ping group)");
        return false;
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Mounts a tmpfs of <paramref name="kilobytes"/> KiB (needs root on Linux) so a test can fill a disk for real.
    /// Returns null (after failing under CI) when that is impossible here.
    /// </summary>
    public static TinyDisk? MountTinyDisk(int kilobytes)
    {
        var directory = Directory.CreateTempSubdirectory("pint-dhcp-disk-").FullName;
        if (OperatingSystem.IsLinux() && Run("mount", $"-t tmpfs -o size={kilobytes}k pint-test {directory}") == 0)
            return new TinyDisk(directory);
        Directory.Delete(directory);
        Assert.False(IsCi, "mounting a tmpfs (root on Linux) is required for the disk-full test under CI");
        return null;
    }

    public static int Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("pint-dhcp-").FullName;

    internal sealed class TinyDisk(string path) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>Writes a filler file until the disk is full.</summary>
        public void Fill()
        {
            using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 0);
            var block = new byte[1024];
            try { while (true) filler.Write(block); }
            catch (IOException) { }
        }

        public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

        public void Dispose()
        {
            Run("umount", Path);
            Directory.Delete(Path, recursive: true);
        }
    }
}
