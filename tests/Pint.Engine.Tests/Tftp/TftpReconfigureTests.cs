using System.Net;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>A reload changes the root for the next request while a transfer under way finishes byte for byte.</summary>
public sealed class TftpReconfigureTests : IDisposable
{
    private readonly TftpTestRoot _first = new();
    private readonly TftpTestRoot _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public async Task A_running_transfer_survives_a_new_root_and_the_next_request_uses_it()
    {
        var big = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(big);
        _first.Write("boot.bin", big);
        _second.Write("boot.bin", "second root"u8.ToArray());
        var listen = new IPEndPoint(IPAddress.Loopback, 0);
        await using var server = new TftpServer(new TftpServerOptions { Root = _first.Root, ListenEndPoints = [listen] });
        await server.StartAsync();
        var endpoint = server.BoundEndPoints[0];

        var running = TftpTestClient.GetAsync(endpoint, "boot.bin");
        // The transfer is under way (its file opened, from the first root) once its first block has gone out.
        for (var waited = 0; server.Counters.BytesSent == 0; waited += 10)
        {
            Assert.True(waited < 10_000, "the first download did not start");
            await Task.Delay(10);
        }
        Assert.True(server.Reconfigure(new TftpServerOptions { Root = _second.Root, ListenEndPoints = [listen] }));

        var next = await TftpTestClient.GetAsync(endpoint, "boot.bin");
        Assert.Equal("second root"u8.ToArray(), next.Data);
        Assert.Equal(big, (await running).Data);
        Assert.False(server.Reconfigure(new TftpServerOptions { Root = _second.Root, ListenEndPoints = [new IPEndPoint(IPAddress.Loopback, 1)] }));
    }
}
