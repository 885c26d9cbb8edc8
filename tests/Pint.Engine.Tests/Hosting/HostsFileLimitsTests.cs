using System.Text;
using Pint.Engine.Config;
using Pint.Engine.Tests.Config;
using Xunit;

namespace Pint.Engine.Tests.Hosting;

/// <summary>
/// What a hosts file replaced by garbage may cost the server that re-reads it: memory bounded by the longest line
/// it keeps, a bounded number of diagnostics, and messages that stay one short printable line.
/// </summary>
public sealed class HostsFileLimitsTests : IDisposable
{
    private readonly TempConfigDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_10_MB_line_is_skipped_without_being_held_in_memory_and_the_lines_after_it_still_count()
    {
        var path = _dir.Write("hosts", "10.0.0.10 before\n" + new string('a', 10 * 1024 * 1024) + "\n10.0.0.11 after\n");

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = HostsFile.Load(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(allocated < 2 * 1024 * 1024, $"reading the file allocated {allocated / 1024} KiB");
        Assert.Equal([("before", 1), ("after", 3)], result.Entries.Select(e => (e.Names[0], e.Source.Line)));
        var skipped = Assert.Single(result.Diagnostics);
        Assert.Equal((path, 2, DiagnosticSeverity.Warning), (skipped.File, skipped.Line, skipped.Severity));
        Assert.Contains("longer than", skipped.Message);
        Assert.True(skipped.Message.Length < 200, skipped.Message);
    }

    [Fact]
    public void A_file_of_bad_lines_lists_a_bounded_number_and_counts_the_rest()
    {
        var text = new StringBuilder("10.0.0.10 good\n");
        for (var i = 0; i < 20_000; i++) text.Append("\u0001\u0002 garbage\n");

        var result = HostsFile.Parse(text.ToString(), "hosts");

        Assert.Equal(["good"], result.Entries.Select(e => e.Names[0]));
        Assert.Equal(HostsFile.MaxListedBadLines + 1, result.Diagnostics.Count);
        Assert.Equal(2, result.Diagnostics[0].Line);
        var summary = result.Diagnostics[^1];
        Assert.Contains($"{20_000 - HostsFile.MaxListedBadLines} more bad lines", summary.Message);
        Assert.Equal(HostsFile.MaxListedBadLines + 2, summary.Line); // where the first unlisted one is
    }

    [Theory]
    [InlineData("\u0007\u0000\u001b[31m host", "bad address '\\u0007\\u0000\\u001B[31m'")]
    [InlineData("10.0.0.1 good bad\u0000name", "bad name 'bad\\u0000name'")]
    public void A_diagnostic_shows_control_characters_escaped(string line, string wording)
    {
        var error = Assert.Single(HostsFile.Parse(line + "\n", "hosts").Diagnostics);
        Assert.Contains(wording, error.Message);
        Assert.DoesNotContain(error.ToString(), char.IsControl);
    }

    [Fact]
    public void A_diagnostic_quotes_only_the_start_of_a_long_field()
    {
        var error = Assert.Single(HostsFile.Parse("10.0.0.1 " + new string('x', 5000) + "\n", "hosts").Diagnostics);
        Assert.StartsWith("bad name 'xxxx", error.Message);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void A_last_line_without_a_line_break_is_served_as_dnsmasq_does_and_the_loader_says_it_may_be_cut()
    {
        _dir.Write("hosts", "10.0.0.10 host10\n10.0.0.12 hos");
        var conf = _dir.Write("main.conf", "addn-hosts=hosts\n");

        var result = ConfigLoader.Load(conf, new ConfigLoadOptions { WorkingDirectory = _dir.Path });

        Assert.False(result.HasErrors);
        Assert.Equal(["host10", "hos"], result.Config.Dns.AddnHostsEntries.Select(e => e.Names[0]));
        var note = Assert.Single(result.Diagnostics);
        Assert.Equal((_dir.Combine("hosts"), 2, DiagnosticSeverity.Information), (note.File, note.Line, note.Severity));
        Assert.Contains("'hos'", note.Message);
    }
}
