using System.Net.Sockets;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public class TftpOptionNegotiatorTests
{
    [Fact]
    public void Block_size_is_capped_by_the_MTU()
    {
        int max = TftpOptionNegotiator.MaxBlockSizeForMtu(1500, AddressFamily.InterNetwork);
        Assert.Equal(1468, max);
        var accepted = TftpOptionNegotiator.Negotiate(new TftpOptionSet(65464, null, null, null), TftpMode.Octet, 10, max, noBlockSize: false);
        Assert.Equal(1468, accepted.BlockSize);
        Assert.Equal(1448, TftpOptionNegotiator.MaxBlockSizeForMtu(1500, AddressFamily.InterNetworkV6));
        Assert.Equal(65464, TftpOptionNegotiator.MaxBlockSizeForMtu(65536, AddressFamily.InterNetwork));
    }

    [Fact]
    public void No_block_size_ignores_the_request()
    {
        var accepted = TftpOptionNegotiator.Negotiate(new TftpOptionSet(1468, null, null, null), TftpMode.Octet, 10, 65464, noBlockSize: true);
        Assert.True(accepted.IsEmpty);
    }

    [Fact]
    public void Transfer_size_is_the_file_size_in_octet_mode_only()
    {
        var requested = new TftpOptionSet(null, 0, null, null);
        Assert.Equal(123456, TftpOptionNegotiator.Negotiate(requested, TftpMode.Octet, 123456, 65464, false).TransferSize);
        Assert.True(TftpOptionNegotiator.Negotiate(requested, TftpMode.NetAscii, 123456, 65464, false).IsEmpty);
    }

    [Fact]
    public void An_empty_file_has_no_transfer_size_to_acknowledge()
    {
        // curl rejects "tsize 0" in an OACK; without it the options left decide whether there is an OACK at all.
        Assert.True(TftpOptionNegotiator.Negotiate(new TftpOptionSet(null, 0, null, null), TftpMode.Octet, 0, 65464, false).IsEmpty);
        Assert.Equal(new TftpOptionSet(1432, null, null, 4),
            TftpOptionNegotiator.Negotiate(new TftpOptionSet(1432, 0, null, 4), TftpMode.Octet, 0, 65464, false));
    }

    [Fact]
    public void Timeout_and_window_size_are_accepted_as_asked()
    {
        var accepted = TftpOptionNegotiator.Negotiate(new TftpOptionSet(null, null, 7, 32), TftpMode.Octet, 1, 65464, false);
        Assert.Equal(new TftpOptionSet(null, null, 7, 32), accepted);
    }
}
