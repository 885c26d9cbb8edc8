using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>How the listen loop tells a resent RRQ (ignored: the running transfer answers it) from a new download.</summary>
public class TftpRunningTransferTests
{
    private static readonly TftpRequest Boot = new(TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet, new TftpOptionSet(1468, 0, null, null));

    [Fact]
    public void TheSameRequestBeforeTheClientAnsweredIsAResend()
    {
        var running = new TftpRunningTransfer(Boot);
        Assert.True(running.IsResentBy(Boot with { }));
    }

    [Fact]
    public void TheSameRequestAfterTheClientAnsweredIsANewDownload()
    {
        // e.g. a new socket that got the port of one whose download just finished, asking for the same file
        var running = new TftpRunningTransfer(Boot);
        running.ClientAnswered();
        Assert.False(running.IsResentBy(Boot with { }));
    }

    [Theory]
    [InlineData("ldlinux.c32", 1468)]
    [InlineData("pxelinux.0", 512)]
    public void ADifferentRequestIsANewDownload(string name, int blockSize)
    {
        var running = new TftpRunningTransfer(Boot);
        Assert.False(running.IsResentBy(Boot with { FileName = name, Options = Boot.Options with { BlockSize = blockSize } }));
    }
}
