using System.Text;
using Pint.Engine.Config;
using Xunit;

namespace Pint.Engine.Tests.Config;

public class ConfigEditSessionTests
{
    private static string Edit(string original, Action<ConfigEditSession> edit, string fileName = "dnsmasq.conf")
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write(fileName, original);
        using (var session = ConfigEditSession.Open(path))
        {
            edit(session);
            session.Commit();
        }
        return File.ReadAllText(path);
    }

    [Fact]
    public void Untouched_document_round_trips_exactly()
    {
        const string text = "# head\r\n\r\n  port = 5353   # inline\r\nno-resolv\nserver=\"1.1.1.1\"\ttrailing-tab\nlast-without-newline";
        Assert.Equal(text, ConfigDocument.Parse(text, "x").ToText());
        Assert.Equal(text, Edit(text, _ => { }));
        Assert.Equal("\uFEFFport=53\n", ConfigDocument.Parse("\uFEFFport=53\n", "x").ToText());
    }

    [Fact]
    public void Replace_changes_only_that_line_and_keeps_indent_and_comment()
    {
        const string original = "# DNS\nserver=1.1.1.1\n  server = 8.8.8.8   # google\nport=53\n";
        var edited = Edit(original, s => s.Replace(s.Entries("server").Last(), "9.9.9.9"));
        Assert.Equal("# DNS\nserver=1.1.1.1\n  server=9.9.9.9   # google\nport=53\n", edited);
    }

    [Fact]
    public void Remove_changes_only_that_line()
    {
        var edited = Edit("#x\ncache-size=10\n\nport=53\n", s => s.Remove(s.Entries("cache-size").Single()));
        Assert.Equal("#x\n\nport=53\n", edited);
    }

    [Fact]
    public void Set_rewrites_the_option_line_in_place_or_appends_one()
    {
        const string original = "# DHCP\r\n  dhcp-script=/old.sh   # hook\r\nport=53\r\n";
        Assert.Equal("# DHCP\r\n  dhcp-script=/new.sh   # hook\r\nport=53\r\n", Edit(original, s => s.Set("dhcp-script", "/new.sh")));
        Assert.Equal(original + "dhcp-scriptuser=nobody\r\n", Edit(original, s => s.Set("dhcp-scriptuser", "nobody")));
        Assert.Equal("port=53\nfilterwin2k\n", Edit("port=53\n", s => s.Set("filterwin2k", null)));
    }

    [Fact]
    public void Set_with_the_value_already_there_records_no_change()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write("dnsmasq.conf", "dhcp-script=/same.sh # keep\n");
        using var session = ConfigEditSession.Open(path);
        var entry = session.Set("dhcp-script", "/same.sh");
        Assert.Empty(session.PendingChanges);
        Assert.Equal(1, entry.Source.Line);
    }

    [Fact]
    public void Set_edits_the_line_in_the_included_file_that_holds_it()
    {
        using var dir = new TempConfigDirectory();
        var inc = dir.Write("dhcp.conf", "log-dhcp\ndhcp-script=/old.sh\n");
        var main = dir.Write("dnsmasq.conf", $"port=53\nconf-file={inc}\n");
        using (var session = ConfigEditSession.Open(main))
        {
            Assert.Equal(new ConfigSource(inc, 2), session.Set("dhcp-script", "/new.sh").Source);
            session.Commit();
        }
        Assert.Equal("log-dhcp\ndhcp-script=/new.sh\n", File.ReadAllText(inc));
        Assert.Equal($"port=53\nconf-file={inc}\n", File.ReadAllText(main));
    }

    [Fact]
    public void RemoveAll_removes_every_line_of_the_option_across_includes_and_nothing_else()
    {
        using var dir = new TempConfigDirectory();
        var inc = dir.Write("dhcp.conf", "dhcp-scriptuser=a\nlog-dhcp\ndhcp-scriptuser=b\n");
        var main = dir.Write("dnsmasq.conf", $"dhcp-scriptuser=c # x\r\nconf-file={inc}\r\nport=53\r\n");
        using (var session = ConfigEditSession.Open(main))
        {
            Assert.Equal(3, session.RemoveAll("dhcp-scriptuser"));
            Assert.Equal(0, session.RemoveAll("dhcp-script"));
            session.Commit();
        }
        Assert.Equal("log-dhcp\n", File.ReadAllText(inc));
        Assert.Equal($"conf-file={inc}\r\nport=53\r\n", File.ReadAllText(main));
    }

    [Fact]
    public void Crlf_file_gets_crlf_lines()
    {
        var edited = Edit("# windows\r\nport=53\r\n", s => s.Append("no-resolv", null));
        Assert.Equal("# windows\r\nport=53\r\nno-resolv\r\n", edited);
    }

    [Fact]
    public void File_without_final_newline_keeps_that_and_appending_adds_the_newline_first()
    {
        Assert.Equal("port=53\nno-resolv", Edit("port=53", s => s.Append("no-resolv", null)));
        Assert.Equal("port=53\r\nno-hosts\r\nno-resolv", Edit("port=53\r\nno-hosts", s => s.Append("no-resolv", null)));
        Assert.Equal("port=53", Edit("port=53\nno-resolv", s => s.Remove(s.Entries("no-resolv").Single())));
    }

    [Fact]
    public void Quoted_values_are_written_so_they_read_back()
    {
        const string original = "txt-record=a.test,\"old # text\"\n";
        var edited = Edit(original, s =>
        {
            s.Replace(s.Entries("txt-record").Single(), "a.test,new # text");
            s.Append("pxe-prompt", "Press \"F8\" now,10");
        });
        Assert.Equal("txt-record=\"a.test,new # text\"\npxe-prompt=\"Press \\\"F8\\\" now,10\"\n", edited);
        var config = ConfigAssert.Clean(edited);
        Assert.Equal(["new # text"], config.Dns.TxtRecords[0].Texts);
        Assert.Equal("Press \"F8\" now", config.Tftp.PxePrompts[0].Prompt);
    }

    [Fact]
    public void Entries_span_includes_in_load_order_and_edits_go_to_the_right_file()
    {
        using var dir = new TempConfigDirectory();
        var main = dir.Write("main.conf", $"server=1.1.1.1\nconf-dir={dir.Combine("d")},*.conf\nserver=4.4.4.4\n");
        var b = dir.Write("d/b.conf", "server=3.3.3.3\n");
        dir.Write("d/a.conf", "# a\nserver=2.2.2.2\n");
        using (var session = ConfigEditSession.Open(main))
        {
            var servers = session.Entries("server").ToList();
            Assert.Equal(["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"], servers.Select(e => e.Value));
            Assert.Equal(new ConfigSource(dir.Combine("d/a.conf"), 2), servers[1].Source);
            session.Replace(servers[2], "3.3.3.33");
            session.Append("server", "5.5.5.5");
            var changes = session.PendingChanges;
            Assert.Equal(new ConfigChange(b, 1, ConfigChangeKind.Replace, "server=3.3.3.3", "server=3.3.3.33"), changes[0]);
            Assert.Equal(new ConfigChange(main, 4, ConfigChangeKind.Add, null, "server=5.5.5.5"), changes[1]);
            session.Commit();
            Assert.Empty(session.PendingChanges);
        }
        Assert.Equal("server=3.3.3.33\n", File.ReadAllText(b));
        Assert.Equal("# a\nserver=2.2.2.2\n", File.ReadAllText(dir.Combine("d/a.conf")));
        Assert.EndsWith("server=4.4.4.4\nserver=5.5.5.5\n", File.ReadAllText(main));
    }

    [Fact]
    public void Nothing_is_written_without_commit()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write("x.conf", "port=53\n");
        using (var session = ConfigEditSession.Open(path))
        {
            session.Append("no-resolv", null);
            Assert.Single(session.PendingChanges);
        }
        Assert.Equal("port=53\n", File.ReadAllText(path));
    }

    [Fact]
    public void Missing_config_and_folder_are_created_on_commit()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Combine("new/sub/pint.conf");
        using (var session = ConfigEditSession.Open(path))
        {
            Assert.Empty(session.Entries("port"));
            Assert.False(File.Exists(path));
            session.Append("port", "5353");
            session.Commit();
        }
        Assert.Equal("port=5353" + Environment.NewLine, File.ReadAllText(path));
    }

    [Fact]
    public void Commit_keeps_file_permissions()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempConfigDirectory();
        var path = dir.Write("x.conf", "port=53\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using (var session = ConfigEditSession.Open(path))
        {
            session.Append("no-resolv", null);
            session.Commit();
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Stale_entry_cannot_be_edited_twice()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Write("x.conf", "port=53\n");
        using var session = ConfigEditSession.Open(path);
        var entry = session.Entries("port").Single();
        session.Remove(entry);
        Assert.Throws<InvalidOperationException>(() => session.Replace(entry, "54"));
    }

    [Fact]
    public void Latin1_bytes_survive_an_edit()
    {
        using var dir = new TempConfigDirectory();
        var path = dir.Combine("x.conf");
        var original = Encoding.Latin1.GetBytes("# caf\u00e9\nport=53\n");
        File.WriteAllBytes(path, original);
        using (var session = ConfigEditSession.Open(path))
        {
            session.Append("no-resolv", null);
            session.Commit();
        }
        Assert.Equal(original.Concat("no-resolv\n"u8.ToArray()), File.ReadAllBytes(path));
    }
}
