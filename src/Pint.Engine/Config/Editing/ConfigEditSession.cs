namespace Pint.Engine.Config;

/// <summary>
/// A transaction over a config file and the files it includes (<c>conf-file</c>, <c>conf-dir</c>), for cmdlets that
/// change configs. It holds an exclusive cross-process lock from <see cref="Open"/> to <see cref="Dispose"/> and reads
/// the files under that lock, so two sessions never lose each other's edits. Untouched lines stay byte-identical;
/// new lines are written as <c>option=value</c> in the file's own newline style.
/// </summary>
public sealed class ConfigEditSession : IDisposable
{
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private readonly ConfigFileLock _lock;
    private readonly ConfigDocument _main;
    private readonly Dictionary<string, ConfigDocument?> _documents = new(StringComparer.Ordinal);
    private readonly List<ConfigChange> _changes = [];
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private bool _disposed;

    private ConfigEditSession(string path, ConfigFileLock fileLock)
    {
        ConfigPath = path;
        _lock = fileLock;
        _main = File.Exists(path) ? ConfigDocument.Load(path) : ConfigDocument.Parse("", path);
        _documents[path] = _main;
    }

    /// <summary>The full path of the main config file.</summary>
    public string ConfigPath { get; }

    /// <summary>
    /// Takes the lock (waiting up to <paramref name="lockTimeout"/>, default 30 s) and reads the config. A config that
    /// does not exist yet is created by <see cref="Commit"/>; its folder is created now, to hold the lock file.
    /// </summary>
    /// <exception cref="TimeoutException">Another session kept the lock for the whole timeout.</exception>
    public static ConfigEditSession Open(string configPath, TimeSpan? lockTimeout = null)
    {
        var path = Path.GetFullPath(configPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileLock = ConfigFileLock.Acquire(path, lockTimeout ?? DefaultLockTimeout);
        try
        {
            return new ConfigEditSession(path, fileLock);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Pending edits in the order they were made (for -WhatIf).</summary>
    public IReadOnlyList<ConfigChange> PendingChanges => _changes;

    /// <summary>The main file as it stands with the pending edits.</summary>
    public ConfigDocument MainDocument => _main;

    /// <summary>Every active line with this option, across the main file and its includes, in dnsmasq's load order.</summary>
    public IEnumerable<ConfigEntry> Entries(string option)
    {
        ThrowIfDisposed();
        return LoadOrder(_main, []).Where(e => e.Option == option).ToList();
    }

    /// <summary>
    /// The <paramref name="option"/> line at <paramref name="source"/>, or null when the files changed since the
    /// caller read them (cmdlets find a record in the loaded model, then edit its line here).
    /// </summary>
    public ConfigEntry? EntryAt(string option, ConfigSource source) =>
        Entries(option).FirstOrDefault(e => e.Source.Is(source.File, source.Line));

    /// <summary>Every active option line in load order.</summary>
    public IEnumerable<ConfigEntry> AllEntries()
    {
        ThrowIfDisposed();
        return LoadOrder(_main, []).ToList();
    }

    /// <summary>Rewrites the entry's line as <c>option=newValue</c>, keeping its indentation and inline comment.</summary>
    public void Replace(ConfigEntry entry, string? newValue)
    {
        CheckOwned(entry);
        var newText = entry.Line.Indent + ConfigValue.FormatLine(entry.Option, newValue) + entry.Line.TrailingComment;
        _changes.Add(new ConfigChange(entry.Document.FileName, entry.Line.Number, ConfigChangeKind.Replace, entry.Line.RawText, newText));
        entry.Document.ReplaceLine(entry.Line, newText);
    }

    public void Remove(ConfigEntry entry)
    {
        CheckOwned(entry);
        _changes.Add(new ConfigChange(entry.Document.FileName, entry.Line.Number, ConfigChangeKind.Remove, entry.Line.RawText, null));
        entry.Document.RemoveLine(entry.Line);
    }

    /// <summary>Appends <c>option[=value]</c> to the end of the main file.</summary>
    public ConfigEntry Append(string option, string? value)
    {
        ThrowIfDisposed();
        if (option.Length == 0 || option.Any(c => char.IsWhiteSpace(c) || c is '=' or '#' or '"'))
            throw new ArgumentException($"'{option}' is not an option name", nameof(option));
        var text = ConfigValue.FormatLine(option, value);
        var line = _main.AppendLine(text);
        _changes.Add(new ConfigChange(_main.FileName, line.Number, ConfigChangeKind.Add, null, text));
        return new ConfigEntry(_main, line);
    }

    /// <summary>
    /// Gives a single-valued option (one a config may give only once, as <c>dhcp-script</c>) the value
    /// <paramref name="value"/> (null: a bare <c>option</c> line): rewrites its line in place, in whichever file holds
    /// it, keeping its indentation and comment, or appends <c>option[=value]</c> to the main file when there is none.
    /// Of a config that repeats the option anyway only the last line is rewritten. No change is recorded when the
    /// line already has this value.
    /// </summary>
    /// <returns>The entry that now holds the value.</returns>
    public ConfigEntry Set(string option, string? value)
    {
        var last = Entries(option).LastOrDefault();
        if (last is null) return Append(option, value);
        if (last.Value == value) return last;
        Replace(last, value);
        return EntryAt(option, last.Source)!;
    }

    /// <summary>
    /// The file <paramref name="path"/> as a document of this session, included from the main file: a
    /// <c>conf-file=FULL-PATH</c> line is appended to the main file when no conf-file= line of the config names it
    /// yet (the only change to the main file). A file that does not exist yet is created by <see cref="Commit"/>,
    /// with the main file's permissions (it may hold what the main file holds, such as a password).
    /// </summary>
    public ConfigDocument Include(string path)
    {
        ThrowIfDisposed();
        var full = Path.GetFullPath(path);
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(full, ConfigPath, comparison)) throw new ArgumentException("a config cannot include itself", nameof(path));
        // Walking the config reads every file it includes (conf-file= or conf-dir=), so one already read is included.
        var named = Entries("conf-file").Any(e => !string.IsNullOrEmpty(e.Value) && string.Equals(Path.GetFullPath(e.Value), full, comparison));
        if (!named && !(_documents.TryGetValue(full, out var read) && read is not null)) Append("conf-file", full);
        var document = Document(full);
        if (document is null)
        {
            document = ConfigDocument.Parse("", full);
            _documents[full] = document;
            _created.Add(full);
        }
        return document;
    }

    /// <summary>Appends <c>option[=value]</c> to the end of <paramref name="document"/> (the main file or one from <see cref="Include"/>).</summary>
    public ConfigEntry AppendTo(ConfigDocument document, string option, string? value)
    {
        ThrowIfDisposed();
        if (!_documents.TryGetValue(document.FileName, out var owned) || !ReferenceEquals(owned, document))
            throw new InvalidOperationException($"{document.FileName} is not a document of this session");
        if (option.Length == 0 || option.Any(c => char.IsWhiteSpace(c) || c is '=' or '#' or '"'))
            throw new ArgumentException($"'{option}' is not an option name", nameof(option));
        var text = ConfigValue.FormatLine(option, value);
        var line = document.AppendLine(text);
        _changes.Add(new ConfigChange(document.FileName, line.Number, ConfigChangeKind.Add, null, text));
        return new ConfigEntry(document, line);
    }

    /// <summary>
    /// As <see cref="Set"/>, but the line lives in <paramref name="document"/>: a line of the option there is
    /// rewritten in place; lines of it in any other file are removed and the line is appended to the document.
    /// </summary>
    public ConfigEntry SetIn(ConfigDocument document, string option, string? value)
    {
        var entries = Entries(option).ToList();
        var here = entries.LastOrDefault(e => ReferenceEquals(e.Document, document));
        foreach (var other in entries.Where(e => !ReferenceEquals(e.Document, document)).OrderBy(e => e.Source.File, StringComparer.Ordinal).ThenByDescending(e => e.Source.Line))
            Remove(other);
        if (here is null) return AppendTo(document, option, value);
        if (here.Value == value) return here;
        Replace(here, value);
        return EntryAt(option, here.Source)!;
    }

    /// <summary>Removes every active line of <paramref name="option"/>, in the main file and its includes.</summary>
    /// <returns>How many lines were removed.</returns>
    public int RemoveAll(string option)
    {
        // Bottom up within each file, so a removal never shifts the number of a line still to be removed.
        var doomed = Entries(option).OrderBy(e => e.Source.File, StringComparer.Ordinal).ThenByDescending(e => e.Source.Line).ToList();
        foreach (var entry in doomed) Remove(entry);
        return doomed.Count;
    }

    /// <summary>Writes every changed file atomically (temp file, fsync, rename). The lock stays held.</summary>
    public void Commit()
    {
        ThrowIfDisposed();
        foreach (var document in _documents.Values)
        {
            if (document is null || !document.IsModified) continue;
            AtomicFile.Write(document.FileName, document.ToBytes());
            if (_created.Remove(document.FileName) && !OperatingSystem.IsWindows() && File.Exists(ConfigPath))
                File.SetUnixFileMode(document.FileName, File.GetUnixFileMode(ConfigPath));
            document.MarkSaved();
        }
        _changes.Clear();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lock.Dispose();
    }

    private IEnumerable<ConfigEntry> LoadOrder(ConfigDocument document, List<string> stack)
    {
        stack.Add(document.FileName);
        foreach (var line in document.Lines)
        {
            if (!line.IsOption) continue;
            yield return new ConfigEntry(document, line);
            foreach (var included in IncludedFiles(line))
            {
                if (stack.Contains(included)) continue; // a cycle; the loader reports it
                var child = Document(included);
                if (child is null) continue;
                foreach (var entry in LoadOrder(child, stack)) yield return entry;
            }
        }
        stack.RemoveAt(stack.Count - 1);
    }

    private static IEnumerable<string> IncludedFiles(ConfigLine line)
    {
        if (string.IsNullOrEmpty(line.Value)) return [];
        if (line.Option == "conf-file") return [Path.GetFullPath(line.Value)];
        if (line.Option != "conf-dir") return [];
        var fields = line.Value.Split(',', StringSplitOptions.TrimEntries);
        try
        {
            return ConfDirectory.ListFiles(Path.GetFullPath(fields[0]), fields.Skip(1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private ConfigDocument? Document(string path)
    {
        if (_documents.TryGetValue(path, out var document)) return document;
        try
        {
            document = ConfigDocument.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            document = null; // missing includes have nothing to edit; the loader reports them
        }
        _documents[path] = document;
        return document;
    }

    private void CheckOwned(ConfigEntry entry)
    {
        ThrowIfDisposed();
        if (!_documents.TryGetValue(entry.Document.FileName, out var document) || !ReferenceEquals(document, entry.Document) || !document.Contains(entry.Line))
            throw new InvalidOperationException($"{entry.Source} is not a current line of this session (was it removed or replaced already?)");
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
