namespace Pint.Engine.Config;

/// <summary>Handler builders for the simple option shapes: flags, numbers, paths, name lists.</summary>
internal static class CommonHandlers
{
    public static OptionHandler Flag(Action<PintConfig> set) => (_, config) => set(config);

    public static OptionHandler Integer(int min, int max, Action<PintConfig, int> set) => (line, config) =>
    {
        if (ValueParser.TryInt(line.Value!, min, max, out var value)) set(config, value);
        else line.Error($"bad number '{line.Value}': expected a whole number from {min} to {max}");
    };

    public static OptionHandler Text(Action<PintConfig, string?> set) => (line, config) =>
        set(config, string.IsNullOrEmpty(line.Value) ? null : line.Value);

    /// <summary>A comma-separated list of names (interfaces): each non-empty field is added.</summary>
    public static OptionHandler NameList(Func<PintConfig, List<string>> list) => (line, config) =>
    {
        foreach (var field in line.Fields())
        {
            if (field.Length == 0) line.Error("empty name in list");
            else list(config).Add(field);
        }
    };
}
