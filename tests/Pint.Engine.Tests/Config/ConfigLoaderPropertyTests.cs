using CsCheck;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class ConfigLoaderPropertyTests
{
    // Pieces that make lines interesting: real option names, separators, quotes, comments, addresses, odd characters.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.OneOfConst(DnsmasqOptionCatalog.Options.Select(o => o.Name).ToArray()),
        Gen.OneOfConst("=", ",", "/", "#", "\"", "\\", " ", "\t", "\r", ":", "tag:", "set:", "id:", "[", "]", "*", "@", "option:"),
        Gen.OneOfConst("1.2.3.4", "::1", "10.0.0.1", "255.255.255.0", "12h", "infinite", "static", "00:11:22:33:44:55", "example.test", "-1", "99999999999"),
        Gen.String[Gen.Char, 0, 6]);

    private static readonly Gen<string> Line = Piece.Array[0, 8].Select(parts => string.Concat(parts));

    [Fact]
    public void Loader_never_throws_and_every_diagnostic_names_file_and_line()
    {
        Line.Array[1, 12].Sample(lines =>
        {
            var text = string.Join("\n", lines);
            var result = ConfigLoader.LoadText(text, "random.conf", new ConfigLoadOptions { ReadHostsFiles = false, WorkingDirectory = "/nonexistent-pint" });
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.False(string.IsNullOrEmpty(diagnostic.File));
                Assert.False(string.IsNullOrEmpty(diagnostic.Message));
                if (diagnostic.File == "random.conf") Assert.InRange(diagnostic.Line, 1, text.Split('\n').Length);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Any_text_round_trips_through_the_document()
    {
        Gen.String[Gen.OneOf(Gen.Char, Gen.OneOfConst('\n', '\r', '#', '"', ' ')), 0, 200].Sample(text =>
            Assert.Equal(text, ConfigDocument.Parse(text, "x").ToText()), iter: 3000);
    }

    [Fact]
    public void Quoted_values_read_back_unchanged()
    {
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.OneOfConst(' ', '#', '"', '\\', '\t', '\n', ',', '=')), 0, 40].Sample(value =>
            Assert.Equal(value, ConfigLineLexer.Lex("txt-record=" + ConfigValue.Quote(value)).Value), iter: 3000);
    }
}
