using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

/// <summary>about_Pint lists the dnsmasq options Pint does not implement yet: exactly those the catalog has no handler for.</summary>
public class UnimplementedOptionsDocTests
{
    private const string Section = "OPTIONS NOT IMPLEMENTED YET";

    [Fact]
    public void About_Pint_lists_exactly_the_options_without_a_handler()
    {
        var lines = File.ReadAllLines(AboutPint());
        int start = Array.IndexOf(lines, Section);
        Assert.True(start >= 0, $"about_Pint has no {Section} section");
        // The list: the lines indented by eight spaces, until the next section heading.
        var listed = lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || char.IsWhiteSpace(l[0]))
            .Where(l => l.StartsWith("        ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        var unimplemented = DnsmasqOptionCatalog.Options.Where(o => !o.Implemented).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(unimplemented.Except(listed).Order()); // missing from the list
        Assert.Empty(listed.Except(unimplemented).Order()); // listed, but implemented (or no dnsmasq option)
    }

    private static string AboutPint()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "en-US", "about_Pint.help.txt");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("en-US/about_Pint.help.txt not found above " + AppContext.BaseDirectory);
    }
}
