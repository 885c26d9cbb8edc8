using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public sealed class TftpFileResolverTests : IDisposable
{
    private readonly TftpTestRoot _root = new();

    public void Dispose() => _root.Dispose();

    private TftpFileLookup Open(string name, TftpMode mode = TftpMode.Octet, bool secure = false) =>
        new TftpFileResolver(_root.Root, secure).Open(name, mode);

    private static byte[] ReadAll(TftpFileLookup lookup)
    {
        using var content = lookup.Content!;
        var bytes = new byte[content.Length];
        Assert.Equal(bytes.Length, content.Read(0, bytes));
        return bytes;
    }

    [Theory]
    [InlineData("hello.txt")]
    [InlineData("./hello.txt")]
    [InlineData("/hello.txt")]            // absolute names are taken relative to the root
    [InlineData("in-link")]               // a link that stays inside the root is fine
    public void Serves_files_inside_the_root(string name)
    {
        Assert.Equal("hello\n"u8.ToArray(), ReadAll(Open(name)));
    }

    [Fact]
    public void Absolute_path_under_the_root_is_served()
    {
        Assert.Equal("hello\n"u8.ToArray(), ReadAll(Open(_root.Root + "/hello.txt")));
    }

    [Theory]
    [InlineData("sub\\s.txt")]
    [InlineData("sub//s.txt")]
    public void Backslash_and_double_slash_are_separators(string name)
    {
        Assert.Equal("sub\n"u8.ToArray(), ReadAll(Open(name)));
    }

    [Theory]
    [InlineData("../outside/secret.txt", TftpErrorCode.AccessViolation)]
    [InlineData("sub/../../outside/secret.txt", TftpErrorCode.AccessViolation)]
    [InlineData("sub/../hello.txt", TftpErrorCode.AccessViolation)]     // any ".." component, as dnsmasq
    [InlineData("..\\outside\\secret.txt", TftpErrorCode.AccessViolation)]
    [InlineData("/../outside/secret.txt", TftpErrorCode.AccessViolation)]
    [InlineData("\uFF0E\uFF0E/outside/secret.txt", TftpErrorCode.AccessViolation)] // fullwidth dots
    [InlineData("\u2024\u2024/outside/secret.txt", TftpErrorCode.AccessViolation)] // one-dot leaders
    [InlineData("out-link", TftpErrorCode.AccessViolation)]             // symlink to a file outside
    [InlineData("out-relative", TftpErrorCode.AccessViolation)]
    [InlineData("out-dir/secret.txt", TftpErrorCode.AccessViolation)]   // symlinked directory outside
    [InlineData("zero", TftpErrorCode.AccessViolation)]                 // link to a device
    [InlineData("%2e%2e/outside/secret.txt", TftpErrorCode.FileNotFound)] // TFTP has no percent-encoding: a literal name
    [InlineData("/etc/passwd", TftpErrorCode.FileNotFound)]             // looked up as root/etc/passwd
    [InlineData("missing.bin", TftpErrorCode.FileNotFound)]
    [InlineData("sub", TftpErrorCode.NotDefined)]                       // a directory: code 0 as dnsmasq
    [InlineData("/", TftpErrorCode.AccessViolation)]
    [InlineData(".", TftpErrorCode.AccessViolation)]
    public void Escapes_and_non_files_are_refused(string name, TftpErrorCode expected)
    {
        var lookup = Open(name);
        Assert.False(lookup.Succeeded, $"{name} was served");
        Assert.Equal(expected, lookup.Error);
        Assert.Contains(name, lookup.Message);
    }

    [TftpFact(LinuxOnly = true)]
    public void FifoAndDeviceNodesInsideTheRootAreRefusedWithoutBlocking()
    {
        Assert.True(_root.TryRun("mkfifo", Path.Combine(_root.Root, "fifo")));
        Assert.Equal(TftpErrorCode.AccessViolation, Open("fifo").Error);
        if (_root.TryRun("mknod", Path.Combine(_root.Root, "null-device"), "c", "1", "3"))
            Assert.Equal(TftpErrorCode.AccessViolation, Open("null-device").Error);
    }

    [TftpFact(RootOnly = true)]
    public void RunningAsRootServesOnlyWorldReadableFiles()
    {
        string path = _root.Write("private.bin", [1, 2, 3]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(TftpErrorCode.AccessViolation, Open("private.bin").Error);
    }

    [Fact]
    public void Net_ascii_mode_serves_the_converted_text()
    {
        _root.Write("text.cfg", "a\nb\r"u8.ToArray());
        Assert.Equal("a\r\nb\r\0"u8.ToArray(), ReadAll(Open("text.cfg", TftpMode.NetAscii)));
    }

    [Fact]
    public void Missing_root_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => new TftpFileResolver(Path.Combine(_root.Base, "nope"), false));
        Assert.Contains("nope", error.Message);
    }
}
