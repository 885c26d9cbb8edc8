namespace Pint.Engine.Config;

/// <summary>
/// Loads a dnsmasq-format config into a <see cref="PintConfig"/>. It never throws for bad input: every problem
/// becomes a <see cref="ConfigDiagnostic"/> naming file, line and option, and the offending line is skipped.
/// </summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string path, ConfigLoadOptions? options = null)
    {
        var run = new ConfigLoadRun(options ?? new ConfigLoadOptions());
        run.LoadFile(run.Resolve(path), includedFrom: null);
        return run.Finish();
    }

    /// <summary>Loads config text that is not (or not yet) a file; includes it names are still read from disk.</summary>
    public static ConfigLoadResult LoadText(string text, string fileName, ConfigLoadOptions? options = null)
    {
        var run = new ConfigLoadRun(options ?? new ConfigLoadOptions());
        run.LoadDocument(ConfigDocument.Parse(text, fileName));
        return run.Finish();
    }
}
