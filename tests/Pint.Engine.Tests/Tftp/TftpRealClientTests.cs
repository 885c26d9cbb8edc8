using System.Diagnostics;
using System.Net;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>Downloads from the server with the TFTP clients people actually use, compared byte for byte.</summary>
public sealed class TftpRealClientTests : IAsyncLifetime
{
    private readonly TftpTestRoot _root = new();
    private TftpServer _server = null!;
    private byte[] _file = null!;

    private int Port => _server.BoundEndPoints[0].Port;

    public async Task InitializeAsync()
    {
        _file = new byte[2 * 1024 * 1024 + 1468]; // ends in an empty block at blksize 1468
        new Random(7).NextBytes(_file);
        _root.Write("boot.img", _file);
        _root.Write("empty", []);
        _server = new TftpServer(new TftpServerOptions { Root = _root.Root, ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 0)] });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    private string OutputPath => Path.Combine(_root.Base, "download.out");

    private static async Task<int> RunAsync(string tool, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(TftpTestTools.Require(tool), arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    [TftpFact(Tool = "curl")]
    public async Task CurlLockStepWithBlockSize()
    {
        Assert.Equal(0, await RunAsync("curl", _root.Base, "-s", "--tftp-blksize", "1468", $"tftp://127.0.0.1:{Port}/boot.img", "-o", OutputPath));
        Assert.Equal(_file, File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "curl")]
    public async Task CurlGetsFileNotFound()
    {
        // curl exits 68 for TFTP "file not found".
        Assert.Equal(68, await RunAsync("curl", _root.Base, "-s", $"tftp://127.0.0.1:{Port}/no-such-file", "-o", OutputPath));
    }

    // curl asks for tsize and refuses an OACK that says tsize 0 ("invalid tsize", exit 71; dnsmasq 2.90 sends that
    // OACK and fails the same way), so a zero-length file must be served without it.
    [TftpFact(Tool = "curl")]
    public async Task CurlFetchesAnEmptyFile()
    {
        Assert.Equal(0, await RunAsync("curl", _root.Base, "-s", $"tftp://127.0.0.1:{Port}/empty", "-o", OutputPath));
        Assert.Empty(File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "curl")]
    public async Task CurlFetchesAnEmptyFileWithBlockSize()
    {
        Assert.Equal(0, await RunAsync("curl", _root.Base, "-s", "--tftp-blksize", "1468", $"tftp://127.0.0.1:{Port}/empty", "-o", OutputPath));
        Assert.Empty(File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "atftp")]
    public async Task AtftpFetchesAnEmptyFileWindowed()
    {
        Assert.Equal(0, await RunAsync("atftp", _root.Base, "--get", "-r", "empty", "-l", OutputPath,
            "--option", "blksize 1432", "--option", "windowsize 4", "--option", "tsize 0", "127.0.0.1", Port.ToString()));
        Assert.Empty(File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "atftp")]
    public async Task AtftpFetchesAnEmptyFileAskingOnlyForItsSize()
    {
        Assert.Equal(0, await RunAsync("atftp", _root.Base, "--get", "-r", "empty", "-l", OutputPath, "--option", "tsize 0", "127.0.0.1", Port.ToString()));
        Assert.Empty(File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "tftp")]
    public async Task TftpHpaFetchesAnEmptyFile()
    {
        Assert.Equal(0, await RunAsync("tftp", _root.Base, "127.0.0.1", Port.ToString(), "-m", "binary", "-c", "get", "empty", OutputPath));
        Assert.Empty(File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "atftp")]
    public async Task AtftpWindowed()
    {
        Assert.Equal(0, await RunAsync("atftp", _root.Base, "--get", "-r", "boot.img", "-l", OutputPath,
            "--option", "blksize 1468", "--option", "windowsize 16", "--option", "tsize 0", "127.0.0.1", Port.ToString()));
        Assert.Equal(_file, File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "tftp")]
    public async Task TftpHpaDefaultBlockSize()
    {
        Assert.Equal(0, await RunAsync("tftp", _root.Base, "127.0.0.1", Port.ToString(), "-m", "binary", "-c", "get", "boot.img", OutputPath));
        Assert.Equal(_file, File.ReadAllBytes(OutputPath));
    }

    [TftpFact(Tool = "tftp")]
    public async Task TftpHpaNetAsciiRoundTripsText()
    {
        var text = "line one\nline two\r\nbare\rend\n"u8.ToArray();
        _root.Write("notes.txt", text);
        await RunAsync("tftp", _root.Base, "127.0.0.1", Port.ToString(), "-m", "ascii", "-c", "get", "notes.txt", OutputPath);
        Assert.Equal(text, File.ReadAllBytes(OutputPath)); // the client undoes CR LF and CR NUL
    }

    [TftpFact(Tool = "tftp")]
    public async Task TftpHpaCannotEscapeTheRoot()
    {
        await RunAsync("tftp", _root.Base, "127.0.0.1", Port.ToString(), "-m", "binary", "-c", "get", "../outside/secret.txt", OutputPath);
        Assert.True(!File.Exists(OutputPath) || new FileInfo(OutputPath).Length == 0);
    }
}
