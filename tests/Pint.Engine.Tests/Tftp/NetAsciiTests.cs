using System.Text;
using Pint.Engine.Tftp;
using Xunit;

namespace Pint.Engine.Tests.Tftp;

public class NetAsciiTests
{
    [Theory]
    [InlineData("l1\nl2\r\nx\r", "l1\r\nl2\r\0\r\nx\r\0")]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("\n\n", "\r\n\r\n")]
    public void Encodes_line_feeds_and_bare_carriage_returns(string source, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(source);
        var encoded = new byte[NetAscii.EncodedLength(bytes)];
        Assert.Equal(encoded.Length, NetAscii.Encode(bytes, encoded));
        Assert.Equal(expected, Encoding.ASCII.GetString(encoded));
    }
}
