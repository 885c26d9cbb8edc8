namespace Pint.Engine.Config;

/// <summary>The state of one load: the config being built, findings, files read, and the include stack.</summary>
internal sealed class ConfigLoadRun(ConfigLoadOptions options)
{
    // dnsmasq has no limit, but a chain this deep is a mistake; the cycle check catches loops before this.
    private const int MaxIncludeDepth = 16;

    private readonly PintConfig _config = new();
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly List<string> _files = [];
    private readonly List<string> _includeStack = [];
    private readonly Dictionary<string, ConfigSource> _singleUse = new(StringComparer.Ordinal);
    private readonly List<(string Path, ConfigSource Source)> _hostsFiles = [];
    private readonly List<(string Option, string Path, ConfigSource Source)> _dhcpHostsFiles = [];
    private int _serversOnly; // > 0 while a servers-file is read
    private readonly string _workingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory;

    public string Resolve(string path) => Path.GetFullPath(path, _workingDirectory);

    public void LoadFile(string path, ConfigSource? includedFrom)
    {
        var stackIndex = _includeStack.IndexOf(path);
        if (stackIndex >= 0)
        {
            var chain = string.Join(" -> ", _includeStack.Skip(stackIndex).Append(path));
            Report(includedFrom, DiagnosticSeverity.Error, $"include cycle: {chain}", path);
            return;
        }
        if (_includeStack.Count >= MaxIncludeDepth)
        {
            Report(includedFrom, DiagnosticSeverity.Error, $"includes nested more than {MaxIncludeDepth} deep", path);
            return;
        }

        ConfigDocument document;
        try
        {
            document = ConfigDocument.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report(includedFrom, DiagnosticSeverity.Error, $"cannot read '{path}': {Describe(e)}", path);
            return;
        }
        LoadDocument(document);
    }

    public void LoadDocument(ConfigDocument document)
    {
        _files.Add(document.FileName);
        _includeStack.Add(document.FileName);
        foreach (var line in document.Lines)
        {
            var source = new ConfigSource(document.FileName, line.Number);
            switch (line.Kind)
            {
                case ConfigLineKind.Option:
                    HandleOption(line.Option!, line.Value, source);
                    break;
                case ConfigLineKind.Malformed:
                    _diagnostics.Add(new ConfigDiagnostic(source, line.Option, DiagnosticSeverity.Error, line.Error!));
                    break;
            }
        }
        _includeStack.RemoveAt(_includeStack.Count - 1);
    }

    public ConfigLoadResult Finish()
    {
        if (options.ReadHostsFiles)
        {
            ReadHostsFiles();
            ReadDhcpHostsFiles();
        }
        return new ConfigLoadResult(_config, _diagnostics, _files);
    }

    private void HandleOption(string name, string? value, ConfigSource source)
    {
        if (_serversOnly > 0 && name is not ("server" or "rev-server"))
        {
            Add(source, name, DiagnosticSeverity.Error, $"only server= and rev-server= lines belong in a servers-file, not '{name}'");
            return;
        }
        // dnsmasq's options, and the few Pint-only ones (pint-..., which dnsmasq refuses: the cmdlets keep them in a file of their own).
        var info = PintOptionCatalog.FindAny(name);
        if (info is null)
        {
            var suggestion = PintOptionCatalog.SuggestImplemented(name);
            var message = suggestion is null ? $"unknown option '{name}'" : $"unknown option '{name}'; did you mean '{suggestion}'?";
            Add(source, name, DiagnosticSeverity.Error, message);
            return;
        }

        // dnsmasq reads lines as C strings, which end at a NUL; Pint says so rather than guess (and paths cannot hold one).
        if (value is not null && value.Contains('\0'))
        {
            Add(source, name, DiagnosticSeverity.Error, $"the value of '{name}' holds a NUL character");
            return;
        }
        if (info.Arity == OptionArity.None && value is not null)
        {
            Add(source, name, DiagnosticSeverity.Error, $"option '{name}' is a flag and takes no value, but '={value}' was given");
            return;
        }
        if (info.Arity == OptionArity.Required && (value is null || (value.Length == 0 && !DnsmasqOptionCatalog.AcceptsEmptyValue(name))))
        {
            Add(source, name, DiagnosticSeverity.Error, $"missing value: option '{name}' needs a value ({name}=...)");
            return;
        }
        if (info.Arity == OptionArity.Required && value is { Length: 0 })
        {
            // dnsmasq accepts "interface=" or "local-ttl=" (its example config has both) and reads nothing useful from
            // them; Pint ignores the line rather than guess, and says so.
            Add(source, name, DiagnosticSeverity.Warning, $"empty value: option '{name}' is ignored");
            return;
        }
        if (!info.Repeatable)
        {
            if (_singleUse.TryGetValue(name, out var first))
            {
                Add(source, name, DiagnosticSeverity.Error, $"option '{name}' may be given only once; it was already given at {first}");
                return;
            }
            _singleUse[name] = source;
        }
        if (!info.Implemented)
        {
            var severity = options.AllowUnsupported ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            Add(source, name, severity, $"option '{name}' is a dnsmasq option that Pint does not implement yet");
            return;
        }

        switch (name)
        {
            case "conf-file": IncludeFile(value, source); break;
            case "conf-dir": IncludeDirectory(value!, source); break;
            case "servers-file": IncludeServersFile(value!, source); break;
            default:
                var line = new OptionLine(name, value, source, _diagnostics);
                OptionHandlers.Find(name)!(line, _config);
                if (name is "addn-hosts" or "hostsdir" && !line.Failed) _hostsFiles.Add((value!, source));
                if (name is "dhcp-hostsfile" or "dhcp-hostsdir" or "dhcp-optsfile" or "dhcp-optsdir" && !line.Failed) _dhcpHostsFiles.Add((name, value!, source));
                break;
        }
    }

    private void IncludeFile(string? value, ConfigSource source)
    {
        if (string.IsNullOrEmpty(value))
        {
            Add(source, "conf-file", DiagnosticSeverity.Warning,
                "conf-file without a value means dnsmasq's default config file; Pint ignores it");
            return;
        }
        LoadFile(Resolve(value), source);
    }

    /// <summary>
    /// servers-file: a conf-file of server= and rev-server= lines only (any other line there is an error naming it);
    /// as an included file it is watched, so a change re-reads it, as dnsmasq re-reads it on SIGHUP.
    /// </summary>
    private void IncludeServersFile(string value, ConfigSource source)
    {
        _serversOnly++;
        try { LoadFile(Resolve(value), source); }
        finally { _serversOnly--; }
    }

    private void IncludeDirectory(string value, ConfigSource source)
    {
        var fields = value.Split(',', StringSplitOptions.TrimEntries);
        var directory = Resolve(fields[0]);
        IReadOnlyList<string> files;
        try
        {
            files = ConfDirectory.ListFiles(directory, fields.Skip(1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Add(source, "conf-dir", DiagnosticSeverity.Error, $"cannot read directory '{directory}': {Describe(e)}");
            return;
        }
        foreach (var file in files) LoadFile(file, source);
    }

    private void ReadHostsFiles()
    {
        foreach (var (path, source) in _hostsFiles)
        {
            var full = Resolve(path);
            IReadOnlyList<string> files;
            try
            {
                // dnsmasq 2.90 reads an addn-hosts directory as conf-dir: its files in byte order, skipping editors'
                // temporaries and backups (".x", "x~", "#x#"), so a file being saved next to the real one is not read.
                files = Directory.Exists(full) ? ConfDirectory.ListFiles(full, []) : [full];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone between the check and the listing (replaced while read): as missing; its next change is read.
                Add(source, "addn-hosts", DiagnosticSeverity.Warning, $"cannot read hosts file '{full}': {Describe(e)}");
                continue;
            }
            foreach (var file in files) ReadHostsFile(file, source);
        }
    }

    /// <summary>
    /// dhcp-hostsfile and dhcp-optsfile (and their -dir forms): each line of the file (or of each file of the
    /// directory, in conf-dir order) is what would follow <c>dhcp-host=</c> or <c>dhcp-option=</c>; # starts a
    /// comment. A bad line is a warning and is skipped: the file is data that tools such as libvirt rewrite while the
    /// server runs, and one bad entry must not stop DHCP for the rest.
    /// </summary>
    private void ReadDhcpHostsFiles()
    {
        foreach (var (option, path, source) in _dhcpHostsFiles)
        {
            var full = Resolve(path);
            IReadOnlyList<string> files;
            string[] lines;
            try
            {
                files = Directory.Exists(full) ? ConfDirectory.ListFiles(full, []) : [full];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Add(source, option, DiagnosticSeverity.Warning, $"cannot read '{full}': {Describe(e)}");
                continue;
            }
            foreach (var file in files)
            {
                try { lines = File.ReadAllLines(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Add(source, option, DiagnosticSeverity.Warning, $"cannot read '{file}': {Describe(e)}");
                    continue;
                }
                _files.Add(file);
                for (int i = 0; i < lines.Length; i++) ReadDhcpFileLine(option, lines[i], new ConfigSource(file, i + 1));
            }
        }
    }

    private void ReadDhcpFileLine(string option, string text, ConfigSource source)
    {
        // A line that is a comment or blank in a config file is one here; the rest is lexed as the config line it
        // stands for, so inline comments and quotes mean what they mean there.
        if (ConfigLineLexer.Lex(text).Kind is ConfigLineKind.Blank or ConfigLineKind.Comment) return;
        bool hosts = option is "dhcp-hostsfile" or "dhcp-hostsdir";
        var lexed = ConfigLineLexer.Lex((hosts ? "dhcp-host=" : "dhcp-option=") + text.TrimStart());
        if (lexed.Kind == ConfigLineKind.Malformed)
        {
            Add(source, option, DiagnosticSeverity.Warning, $"{lexed.Error}; line skipped");
            return;
        }
        if (string.IsNullOrWhiteSpace(lexed.Value)) return;
        var value = lexed.Value.Trim(' ');
        string? problem;
        if (hosts)
        {
            if (DhcpHostValue.Parse(value, source, out problem) is { } host) _config.Dhcp.HostsFileHostList.Add(host);
        }
        else if (DhcpOptionValue.Parse(value, source, out problem) is { } entry) _config.Dhcp.OptsFileOptionList.Add(entry);
        if (problem is not null) Add(source, option, DiagnosticSeverity.Warning, $"{problem}; line skipped");
    }

    private void ReadHostsFile(string file, ConfigSource source)
    {
        HostsFileResult hosts;
        try
        {
            hosts = HostsFile.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // dnsmasq starts anyway and logs the failure, so this is a warning, not an error.
            Add(source, "addn-hosts", DiagnosticSeverity.Warning, $"cannot read hosts file '{file}': {Describe(e)}");
            return;
        }
        _files.Add(file);
        _config.Dns.AddnHostsEntryList.AddRange(hosts.Entries);
        _diagnostics.AddRange(hosts.Diagnostics);
        if (hosts.EndsWithoutLineBreak)
        {
            // dnsmasq serves such a line as it stands; a hand-written file often lacks the last line break, so this is
            // no fault, but when a copy or an editor crashed half way the last name is cut, and this says where.
            var last = hosts.Entries[^1];
            _diagnostics.Add(new ConfigDiagnostic(last.Source, null, DiagnosticSeverity.Information,
                $"the last line has no line break: if the file was cut while being written, '{last.Names[^1]}' may be a cut name"));
        }
    }

    private void Report(ConfigSource? includedFrom, DiagnosticSeverity severity, string message, string path)
    {
        if (includedFrom is { } source) Add(source, null, severity, message);
        else _diagnostics.Add(new ConfigDiagnostic(path, 0, null, severity, message));
    }

    private void Add(ConfigSource source, string? option, DiagnosticSeverity severity, string message) =>
        _diagnostics.Add(new ConfigDiagnostic(source, option, severity, message));

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "not found",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
