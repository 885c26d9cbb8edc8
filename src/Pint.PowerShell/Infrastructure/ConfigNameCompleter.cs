using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Pint.Engine.Config;
using Pint.Engine.Hosting;
using Pint.Engine.Management;

namespace Pint.PowerShell.Infrastructure;

/// <summary>Completes names that the config already knows: host names, range names.</summary>
public abstract class ConfigNameCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Names(PintConfig config, string configPath);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var given = fakeBoundParameters["ConfigPath"] as string;
        var path = PintPaths.ResolveConfigPath(given);
        if (!File.Exists(path)) return Array.Empty<CompletionResult>();
        try
        {
            var loaded = ConfigLoader.Load(path, new ConfigLoadOptions { AllowUnsupported = true, ReadHostsFiles = false });
            var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return Names(loaded.Config, path)
                .Where(n => !string.IsNullOrEmpty(n) && pattern.IsMatch(n))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select(n => new CompletionResult(n))
                .ToList();
        }
        catch (Exception)
        {
            // Completion must never throw into the user's prompt.
            return Array.Empty<CompletionResult>();
        }
    }
}

public sealed class HostNameCompleter : ConfigNameCompleter
{
    protected override IEnumerable<string> Names(PintConfig config, string configPath) =>
        HostCatalog.List(config, configPath).Where(h => h.Kind != PintHostKind.HostsFile).Select(h => h.Name);
}

public sealed class RangeNameCompleter : ConfigNameCompleter
{
    protected override IEnumerable<string> Names(PintConfig config, string configPath) =>
        config.Dhcp.Ranges.Select(r => r.SetTag).OfType<string>();
}
