using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>Each grammar rule, with the reading dnsmasq 2.90 gives the same line (observed with dnsmasq --test).</summary>
public class ConfigLineLexerTests
{
    [Theory]
    [InlineData("port=5353", "port", "5353")]
    [InlineData("  port = 5353  ", "port", "5353")]
    [InlineData("\tport\t=53", "port", "53")]
    [InlineData("port=5353 # a comment", "port", "5353")]
    [InlineData("port=5353\t# a comment", "port", "5353")]
    [InlineData("server=1.2.3.4#5353", "server", "1.2.3.4#5353")]
    [InlineData("conf-file=#x", "conf-file", "#x")]
    [InlineData("conf-file= #x", "conf-file", "")]
    [InlineData("conf-file=\"/non exist #x\"", "conf-file", "/non exist #x")]
    [InlineData("conf-file = \" /x \"", "conf-file", " /x ")]
    [InlineData("conf-file=\" /x\" y", "conf-file", " /x y")]
    [InlineData("conf-file=/a\"b c\"d", "conf-file", "/ab cd")]
    [InlineData("conf-file=a  \"  b  \"  c", "conf-file", "a    b    c")]
    [InlineData("conf-file=a\"#x\"", "conf-file", "a#x")]
    [InlineData("conf-file=\"a\" #b", "conf-file", "a")]
    [InlineData("conf-file=/a   b", "conf-file", "/a   b")]
    [InlineData("conf-file=/a\tb", "conf-file", "/a b")]
    [InlineData("conf-file=/a\\tb", "conf-file", "/a\\tb")]
    [InlineData("conf-file=\"/a\\tb\\\"c\"", "conf-file", "/a\tb\"c")]
    [InlineData("conf-file=\"\\e\\b\\n\\r\\\\\\q\"", "conf-file", "\u001b\b\n\r\\\\q")]
    [InlineData("no-resolv=", "no-resolv", "")]
    public void Option_lines_read_as_dnsmasq_reads_them(string line, string option, string value)
    {
        var lexed = ConfigLineLexer.Lex(line);
        Assert.Equal(ConfigLineKind.Option, lexed.Kind);
        Assert.Equal(option, lexed.Option);
        Assert.Equal(value, lexed.Value);
    }

    [Theory]
    [InlineData("no-resolv")]
    [InlineData("  no-resolv  ")]
    [InlineData("no-resolv # comment")]
    public void Bare_flags_have_no_value(string line)
    {
        var lexed = ConfigLineLexer.Lex(line);
        Assert.Equal(ConfigLineKind.Option, lexed.Kind);
        Assert.Equal("no-resolv", lexed.Option);
        Assert.Null(lexed.Value);
    }

    [Theory]
    [InlineData("", ConfigLineKind.Blank)]
    [InlineData("   \t ", ConfigLineKind.Blank)]
    [InlineData("# comment", ConfigLineKind.Comment)]
    [InlineData("   #port=53", ConfigLineKind.Comment)]
    [InlineData("#", ConfigLineKind.Comment)]
    public void Blank_and_comment_lines(string line, ConfigLineKind kind) =>
        Assert.Equal(kind, ConfigLineLexer.Lex(line).Kind);

    [Fact]
    public void Hash_glued_to_a_flag_is_part_of_the_name_as_in_dnsmasq()
    {
        // dnsmasq: "no-resolv#c" is "bad option"; the name does not match any option.
        Assert.Equal("no-resolv#c", ConfigLineLexer.Lex("no-resolv#c").Option);
    }

    [Theory]
    [InlineData("conf-file=\"/unterminated", "missing closing quote")]
    [InlineData("conf-file=a \"#x", "missing closing quote")]
    [InlineData("port 53", "expected '=' after option name 'port'")]
    public void Malformed_lines_say_what_is_wrong(string line, string error)
    {
        var lexed = ConfigLineLexer.Lex(line);
        Assert.Equal(ConfigLineKind.Malformed, lexed.Kind);
        Assert.Contains(error, lexed.Error);
    }

    [Fact]
    public void Option_names_keep_their_case()
    {
        Assert.Equal("PORT", ConfigLineLexer.Lex("PORT=53").Option);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("1.2.3.4#5353", "1.2.3.4#5353")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("#x", "\"#x\"")]
    public void Quote_writes_values_that_read_back_the_same(string value, string written)
    {
        Assert.Equal(written, ConfigValue.Quote(value));
        Assert.Equal(value, ConfigLineLexer.Lex("txt-record=" + written).Value);
    }

    [Fact]
    public void Quote_rejects_control_characters_dnsmasq_cannot_escape() =>
        Assert.Throws<ArgumentException>(() => ConfigValue.Quote("a\u0001b"));
}
