using System.Diagnostics;

namespace Pint.Engine.Tests.Tftp;

/// <summary>
/// A temporary TFTP root with a sibling "outside" directory holding a secret, plus the escape hatches an
/// attacker would try: links leaving the root, a directory, a FIFO and a device node.
/// </summary>
internal sealed class TftpTestRoot : IDisposable
{
    public TftpTestRoot()
    {
        Base = Directory.CreateTempSubdirectory("pint-tftp-").FullName;
        Root = Path.Combine(Base, "root");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        Directory.CreateDirectory(Outside);
        Write(Path.Combine(Outside, "secret.txt"), "secret"u8.ToArray());
        Write(Path.Combine(Root, "hello.txt"), "hello\n"u8.ToArray());
        Write(Path.Combine(Root, "sub", "s.txt"), "sub\n"u8.ToArray());
        File.CreateSymbolicLink(Path.Combine(Root, "out-link"), Path.Combine(Outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(Root, "out-relative"), "../outside/secret.txt");
        Directory.CreateSymbolicLink(Path.Combine(Root, "out-dir"), Outside);
        File.CreateSymbolicLink(Path.Combine(Root, "in-link"), "hello.txt");
        File.CreateSymbolicLink(Path.Combine(Root, "zero"), "/dev/zero");
    }

    public string Base { get; }
    public string Root { get; }
    public string Outside { get; }

    public string Write(string relative, byte[] content)
    {
        string path = Path.IsPathRooted(relative) ? relative : Path.Combine(Root, relative);
        File.WriteAllBytes(path, content);
        // A server running as root serves only world-readable files (dnsmasq's rule); make that explicit.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    /// <summary>Creates a FIFO or device node with the mknod/mkfifo tools; false if that is not possible here.</summary>
    public bool TryRun(string tool, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(Base, recursive: true);
}
