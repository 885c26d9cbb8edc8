using Pint.Engine.Dns;
using Xunit;

namespace Pint.Engine.Tests.Dns;

/// <summary>The one host-name check, in the forms its users ask for: config lines, cmdlet edits, imports, DHCP clients.</summary>
public class HostNameCheckTests
{
    [Theory]
    [InlineData("printer", HostNameForms.Strict, null)]
    [InlineData("lab-pc_2.corp.example", HostNameForms.Strict, null)]
    [InlineData("", HostNameForms.Strict, "is empty")]
    [InlineData("-printer", HostNameForms.Strict, "has a label that starts or ends with '-'")]
    [InlineData("printer-", HostNameForms.Strict, "has a label that starts or ends with '-'")]
    [InlineData("printer-", HostNameForms.TrailingHyphen, null)]
    [InlineData("a..b", HostNameForms.Strict, "has an empty label or one longer than 63 characters")]
    [InlineData("corp.example.", HostNameForms.Strict, "has an empty label or one longer than 63 characters")]
    [InlineData("corp.example.", HostNameForms.TrailingDot, null)]
    [InlineData("*.corp.example", HostNameForms.Strict, "contains '*'; names may use letters, digits, '-' and '_'")]
    [InlineData("*.corp.example", HostNameForms.Wildcard, null)]
    [InlineData("my_pc", HostNameForms.NoUnderscore, "contains '_'; names may use letters, digits and '-'")]
    [InlineData("bad name", HostNameForms.Strict, "contains ' '; names may use letters, digits, '-' and '_'")]
    public void Names_are_checked_in_the_form_each_caller_takes(string name, HostNameForms forms, string? problem) =>
        Assert.Equal(problem, HostNameCheck.Problem(name, forms));

    [Fact]
    public void Lengths_are_the_DNS_limits()
    {
        Assert.Null(HostNameCheck.Problem(new string('a', 63)));
        Assert.Equal("has an empty label or one longer than 63 characters", HostNameCheck.Problem(new string('a', 64)));
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.Null(HostNameCheck.Problem(longest));
        Assert.Equal("is longer than 253 characters", HostNameCheck.Problem(longest + "a"));
    }
}
