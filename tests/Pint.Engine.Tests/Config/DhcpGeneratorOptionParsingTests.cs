using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>The DHCP lines LXD, Pi-hole and OpenWrt write, read into the typed config.</summary>
public class DhcpGeneratorOptionParsingTests
{
    [Fact]
    public void Dhcp_ignore_names_and_dhcp_broadcast_take_an_optional_list_of_tags()
    {
        var dhcp = ConfigAssert.Clean("dhcp-ignore-names\ndhcp-ignore-names=tag:a,tag:b\ndhcp-broadcast=tag:needs-broadcast\ndhcp-broadcast\n").Dhcp;
        Assert.Equal([[], ["a", "b"]], dhcp.IgnoreNames);
        Assert.Equal([["needs-broadcast"], []], dhcp.Broadcast);
    }

    [Fact]
    public void Dhcp_name_match_takes_a_set_tag_and_a_name_with_an_optional_trailing_wildcard()
    {
        var matches = ConfigAssert.Clean("dhcp-name-match=set:hostname-ignore,wpad\ndhcp-name-match=set:lab,pc-*\n").Dhcp.NameMatches;
        Assert.Equal(("hostname-ignore", "wpad", false), (matches[0].SetTag, matches[0].Name, matches[0].Prefix));
        Assert.Equal(("lab", "pc-", true), (matches[1].SetTag, matches[1].Name, matches[1].Prefix));
    }

    [Theory]
    [InlineData("dhcp-name-match=wpad", "expected dhcp-name-match=set:TAG,NAME[*]")]
    [InlineData("dhcp-name-match=set:,wpad", "expected dhcp-name-match=set:TAG,NAME[*]")]
    [InlineData("dhcp-ignore-names=wpad", "expected only tag:NAME fields, got 'wpad'")]
    [InlineData("dhcp-broadcast=tag:a,eth0", "expected only tag:NAME fields, got 'eth0'")]
    public void A_malformed_line_is_an_error_saying_what_was_expected(string line, string wording) =>
        ConfigAssert.SingleError(line, wording);

    [Fact]
    public void No_dhcp_interface_and_dhcp_rapid_commit_are_read()
    {
        var dhcp = ConfigAssert.Clean("no-dhcp-interface=eth1,wan\ndhcp-rapid-commit\n").Dhcp;
        Assert.Equal(["eth1", "wan"], dhcp.NoDhcpInterfaces);
        Assert.True(dhcp.RapidCommit);
    }
}
