namespace Pint.Engine.Config;

/// <summary>Where a piece of configuration came from: a file and a 1-based line number.</summary>
public readonly record struct ConfigSource(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";

    /// <summary>True when this is line <paramref name="line"/> of <paramref name="file"/> (paths compared in full, as the OS does).</summary>
    public bool Is(string file, int line) =>
        Line == line && string.Equals(Path.GetFullPath(File), Path.GetFullPath(file),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
