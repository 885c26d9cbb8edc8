namespace Pint.Engine.Config;

/// <summary>Where a piece of configuration came from: a file and a 1-based line number.</summary>
public readonly record struct ConfigSource(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
