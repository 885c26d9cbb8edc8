namespace Pint.Engine.Management;

/// <summary>An object the cmdlets list from a config and can remove again: where its line is.</summary>
public interface IConfigEntry
{
    /// <summary>The file that holds the line: the config, an included file or a hosts file.</summary>
    string Source { get; }
    /// <summary>The line in <see cref="Source"/>.</summary>
    int Line { get; }
    /// <summary>The config file the entry was read through; binds to -ConfigPath down the pipeline.</summary>
    string ConfigPath { get; }
}
