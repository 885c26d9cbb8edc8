using System.Net;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class TftpOptionTests
{
    [Fact]
    public void Tftp_and_pxe_forms()
    {
        var tftp = ConfigAssert.Clean("""
            enable-tftp=eth0,eth1
            tftp-root=/srv/tftp
            tftp-root=/srv/tftp-lan,eth1
            tftp-secure
            tftp-no-blocksize
            tftp-max=20
            tftp-port-range=30000,30100
            pxe-prompt="Press F8 for menu.",60
            pxe-service=x86PC,"Boot from local disk"
            pxe-service=x86PC,"Install Linux",pxelinux
            pxe-service=tag:lab,x86PC,"Boot from network",0,192.168.0.4
            pxe-service=X86-64_EFI,"EFI boot",grubx64,bootserver.lan
            """).Tftp;
        Assert.True(tftp.Enabled && tftp.Secure && tftp.NoBlockSize);
        Assert.Equal(["eth0", "eth1"], tftp.Interfaces);
        Assert.Equal(("/srv/tftp-lan", "eth1"), (tftp.Roots[1].Directory, tftp.Roots[1].Interface));
        Assert.Equal(20, tftp.MaxTransfers);
        Assert.Equal((30000, 30100), tftp.PortRange);
        Assert.Equal(("Press F8 for menu.", 60), (tftp.PxePrompts[0].Prompt, tftp.PxePrompts[0].Timeout));
        Assert.Equal(("x86PC", "Boot from local disk", (string?)null), (tftp.PxeServices[0].ClientSystemArchitecture, tftp.PxeServices[0].MenuText, tftp.PxeServices[0].BaseName));
        Assert.Equal("pxelinux", tftp.PxeServices[1].BaseName);
        Assert.Equal((0, IPAddress.Parse("192.168.0.4")), (tftp.PxeServices[2].BootServiceType!.Value, tftp.PxeServices[2].ServerAddress));
        Assert.Equal(["lab"], tftp.PxeServices[2].Tags);
        Assert.Equal("bootserver.lan", tftp.PxeServices[3].ServerName);
    }

    [Fact]
    public void Tftp_defaults_are_dnsmasqs()
    {
        var tftp = ConfigAssert.Clean("enable-tftp").Tftp;
        Assert.True(tftp.Enabled);
        Assert.Empty(tftp.Interfaces);
        Assert.Equal(50, tftp.MaxTransfers);
        Assert.Null(tftp.PortRange);
    }

    [Theory]
    [InlineData("tftp-port-range=30100,30000", "start port 30100 is after end port 30000")]
    [InlineData("tftp-port-range=30000", "expected start,end")]
    [InlineData("tftp-max=0", "bad number '0'")]
    [InlineData("tftp-secure=yes", "is a flag and takes no value")]
    [InlineData("pxe-service=x86PC", "expected [tag:x,]CSA,menu text")]
    [InlineData("pxe-prompt=Menu,forever", "bad timeout 'forever'")]
    [InlineData("tftp-root", "missing value")]
    public void Tftp_errors(string line, string wording) => ConfigAssert.SingleError(line, wording);
}
