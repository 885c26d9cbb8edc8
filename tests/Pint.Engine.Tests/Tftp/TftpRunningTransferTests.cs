using System.Net;
using System.Net.Sockets;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

/// <summary>How the listen loop tells a resent RRQ (ignored: the running transfer answers it) from a new download.</summary>
public class TftpRunningTransferTests
{
    private static readonly TftpRequest Boot = new(TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet, new TftpOptionSet(1468, 0, null, null));
    private static readonly IPEndPoint Client = new(IPAddress.Parse("192.0.2.10"), 2070);

    [Fact]
    public void The_same_request_before_the_client_answered_is_a_resend()
    {
        var running = new TftpRunningTransfer(Boot, Client);
        Assert.True(running.IsResentBy(Boot with { }));
    }

    [Fact]
    public void The_same_request_after_the_client_answered_is_a_new_download()
    {
        // e.g. a new socket that got the port of one whose download just finished, asking for the same file
        var running = new TftpRunningTransfer(Boot, Client);
        running.ClientAnswered();
        Assert.False(running.IsResentBy(Boot with { }));
    }

    [Theory]
    [InlineData("ldlinux.c32", 1468)]
    [InlineData("pxelinux.0", 512)]
    public void A_different_request_is_a_new_download(string name, int blockSize)
    {
        var running = new TftpRunningTransfer(Boot, Client);
        Assert.False(running.IsResentBy(Boot with { FileName = name, Options = Boot.Options with { BlockSize = blockSize } }));
    }

    [TftpFact(LinuxOnly = true)]
    public async Task CancellingWakesTheTransfersBlockedReceive()
    {
        // An evicted transfer's thread must not sit out its receive: its slot is already someone else's.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, 9)); // nothing answers: only the cancel can end the wait
        var running = new TftpRunningTransfer(Boot, Client);
        running.Attach(socket);
        var receive = Task.Factory.StartNew(() => socket.Receive(new byte[16]), TaskCreationOptions.LongRunning);
        await Task.Delay(100);
        running.Cancel(TftpCancellation.Evicted);
        running.Cancel(TftpCancellation.ClientError);
        Assert.Equal(0, await receive.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(TftpCancellation.Evicted, running.Cancellation); // the first reason sticks
    }
}
