using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

internal static class ConfigAssert
{
    public static ConfigLoadResult Load(string text, bool allowUnsupported = false) =>
        ConfigLoader.LoadText(text, "test.conf", new ConfigLoadOptions { AllowUnsupported = allowUnsupported, ReadHostsFiles = false });

    /// <summary>Loads text that must give no diagnostics at all.</summary>
    public static PintConfig Clean(string text)
    {
        var result = Load(text);
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    /// <summary>Loads a single line that must give exactly one error, at test.conf line 1 for that option.</summary>
    public static ConfigDiagnostic SingleError(string line, string expectedWording)
    {
        var result = Load(line);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("test.conf", diagnostic.File);
        Assert.Equal(1, diagnostic.Line);
        Assert.Equal(ConfigLineLexer.Lex(line).Option, diagnostic.Option);
        Assert.Contains(expectedWording, diagnostic.Message);
        return diagnostic;
    }
}
