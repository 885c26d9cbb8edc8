using Pint.Engine.Dhcp.Options;
using Xunit;

namespace Pint.Engine.Tests.Dhcp;

public class DhcpOptionEncoderTests
{
    private static byte[] Encode(int number, params string[] values)
    {
        Assert.True(DhcpOptionEncoder.TryEncode(number, values, out var bytes, out var error), error);
        return bytes;
    }

    private static string Fail(int number, params string[] values)
    {
        Assert.False(DhcpOptionEncoder.TryEncode(number, values, out _, out var error));
        return error!;
    }

    [Fact]
    public void Address_options_take_a_list_of_addresses()
    {
        Assert.Equal(new byte[] { 10, 0, 0, 1, 10, 0, 0, 2 }, Encode(6, "10.0.0.1", "10.0.0.2"));
        Assert.Equal(new byte[] { 192, 168, 1, 1 }, Encode(3, "192.168.1.1"));
    }

    [Fact]
    public void A_name_in_an_address_option_is_an_error_naming_the_value()
    {
        Assert.Contains("'ntp.example'", Fail(42, "ntp.example"));
        Assert.Contains("'10.0.0'", Fail(3, "10.0.0"));
    }

    [Fact]
    public void Text_options_are_the_bytes_of_the_whole_value_without_nul()
    {
        Assert.Equal("lan.example"u8.ToArray(), Encode(15, "lan.example"));
        // Option 66 is text even when it looks like an address (dnsmasq's quoted form).
        Assert.Equal("1.2.3.4"u8.ToArray(), Encode(66, "1.2.3.4"));
    }

    [Fact]
    public void Integers_are_sized_by_the_option_type()
    {
        Assert.Equal(new byte[] { 0x05, 0xdc }, Encode(26, "1500"));
        Assert.Equal(new byte[] { 64 }, Encode(23, "64"));
        Assert.Equal(new byte[] { 0, 0, 0x0e, 0x10 }, Encode(2, "3600"));
        Assert.Contains("0 to 65535", Fail(26, "70000"));
        Assert.Contains("not a number", Fail(23, "abc"));
    }

    [Fact]
    public void Times_accept_unit_suffixes_and_infinite()
    {
        Assert.Equal(new byte[] { 0, 0, 0x1c, 0x20 }, Encode(58, "2h"));
        Assert.Equal(new byte[] { 0, 0, 0, 90 }, Encode(59, "90"));
        Assert.Equal(new byte[] { 0xff, 0xff, 0xff, 0xff }, Encode(38, "infinite"));
        Assert.Contains("not a time", Fail(58, "soon"));
    }

    [Fact]
    public void Booleans_are_one_byte_zero_or_one()
    {
        Assert.Equal(new byte[] { 1 }, Encode(19, "1"));
        Assert.Equal(new byte[] { 0 }, Encode(27, "0"));
        Assert.Contains("boolean", Fail(19, "2"));
    }

    [Fact]
    public void Untyped_options_are_encoded_by_the_form_of_the_value_as_dnsmasq_does()
    {
        Assert.Equal(new byte[] { 7 }, Encode(252, "7"));
        Assert.Equal(new byte[] { 0x01, 0x2c }, Encode(252, "300"));
        Assert.Equal(new byte[] { 0x00, 0x01, 0x86, 0xa0 }, Encode(252, "100000"));
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, Encode(252, "7i"));
        Assert.Equal(new byte[] { 0, 7 }, Encode(252, "7s"));
        Assert.Equal(new byte[] { 0x01, 0xab, 0x0c }, Encode(224, "01:ab:c"));
        Assert.Equal(new byte[] { 10, 1, 2, 3, 10, 1, 2, 4 }, Encode(224, "10.1.2.3", "10.1.2.4"));
        Assert.Equal("http://wpad/wpad.dat"u8.ToArray(), Encode(252, "http://wpad/wpad.dat"));
        Assert.Equal("a,b"u8.ToArray(), Encode(224, "a", "b"));
    }

    [Fact]
    public void An_option_without_data_encodes_as_empty()
    {
        Assert.Empty(Encode(3));
        Assert.Empty(Encode(80, ""));
    }

    [Fact]
    public void Domain_search_compresses_repeated_suffixes_per_rfc_3397()
    {
        // RFC 3397 section 4's example: eng.apple.com, marketing.apple.com.
        byte[] expected =
        [
            3, (byte)'e', (byte)'n', (byte)'g', 5, (byte)'a', (byte)'p', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0,
            9, (byte)'m', (byte)'a', (byte)'r', (byte)'k', (byte)'e', (byte)'t', (byte)'i', (byte)'n', (byte)'g', 0xc0, 0x04,
        ];
        Assert.Equal(expected, Encode(119, "eng.apple.com", "marketing.apple.com"));
    }

    [Fact]
    public void Domain_search_repeats_a_whole_name_as_one_pointer()
    {
        var bytes = Encode(119, "a.example", "a.example");
        Assert.Equal(new byte[] { 0xc0, 0x00 }, bytes[^2..]);
        Assert.Contains("1 to 63", Fail(119, "bad..name"));
    }

    [Fact]
    public void Classless_static_routes_carry_only_the_significant_octets_per_rfc_3442()
    {
        Assert.Equal(
            new byte[] { 24, 192, 168, 5, 10, 0, 0, 1, 0, 10, 0, 0, 254, 12, 172, 16, 10, 0, 0, 2 },
            Encode(121, "192.168.5.0/24", "10.0.0.1", "0.0.0.0/0", "10.0.0.254", "172.16.0.0/12", "10.0.0.2"));
        Assert.Contains("pairs", Fail(121, "10.0.0.0/8"));
        Assert.Contains("prefix", Fail(121, "10.0.0.0/33", "10.0.0.1"));
    }

    [Fact]
    public void Sip_servers_get_the_rfc_3361_encoding_byte()
    {
        Assert.Equal(new byte[] { 1, 10, 0, 0, 5 }, Encode(120, "10.0.0.5"));
        Assert.Equal(new byte[] { 0, 3, (byte)'s', (byte)'i', (byte)'p', 0 }, Encode(120, "sip"));
    }

    [Fact]
    public void Match_patterns_allow_wildcard_bytes()
    {
        Assert.True(DhcpOptionEncoder.TryEncodePattern("01:*:03", out var pattern, out _));
        Assert.Equal(new byte?[] { 1, null, 3 }, pattern);
        Assert.True(DhcpOptionEncoder.TryEncodePattern("PXEClient", out pattern, out _));
        Assert.Equal("PXEClient"u8.ToArray().Select(b => (byte?)b), pattern);
    }
}
