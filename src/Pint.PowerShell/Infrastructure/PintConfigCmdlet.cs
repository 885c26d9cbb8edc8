using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Management;

namespace Pint.PowerShell.Infrastructure;

/// <summary>A cmdlet that works on one config file, named by -ConfigPath.</summary>
public abstract class PintConfigCmdlet : PintCmdlet
{
    /// <summary>The dnsmasq-format config file. Defaults to $env:PINT_CONFIG, then the platform default path.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    protected string ConfigFile => ResolveConfigPath(ConfigPath);

    /// <summary>
    /// Removes collected entries config by config, each file from the bottom up, so removing one line never moves
    /// the line of the next. Entries arrive one by one down the pipeline, hence collect first, remove at the end.
    /// </summary>
    protected void RemoveBottomUp<T>(IEnumerable<T> entries, string action, Action<ConfigEditSession, PintConfig, T> remove, Func<T, string>? describe = null)
        where T : IConfigEntry
    {
        foreach (var group in entries.GroupBy(e => e.ConfigPath))
        {
            ConfigPath = group.Key;
            foreach (var entry in group.OrderBy(e => e.Source, StringComparer.Ordinal).ThenByDescending(e => e.Line))
                EditConfig(action, describe?.Invoke(entry) ?? entry.ToString()!, (session, config) => remove(session, config, entry));
        }
    }

    /// <summary>
    /// Runs <paramref name="edit"/> under the config's edit lock against a fresh load of the config, then commits
    /// if ShouldProcess agrees (-WhatIf lists each line that would change). Edit refusals become non-terminating
    /// errors, so one bad pipeline row does not stop the rest.
    /// </summary>
    protected bool EditConfig(string action, string target, Action<ConfigEditSession, PintConfig> edit)
    {
        var path = ConfigFile;
        try
        {
            using var session = ConfigEditSession.Open(path);
            var config = File.Exists(path)
                ? ConfigLoader.Load(path, new ConfigLoadOptions { AllowUnsupported = true, WorkingDirectory = WorkingDirectory }).Config
                : ConfigLoader.LoadText(string.Empty, path, new ConfigLoadOptions { WorkingDirectory = WorkingDirectory }).Config;
            edit(session, config);
            if (session.PendingChanges.Count == 0) return false;
            var what = string.Join(Environment.NewLine, session.PendingChanges.Select(c => c.ToString()));
            if (!ShouldProcess($"{target}{Environment.NewLine}{what}", action)) return false;
            session.Commit();
            return true;
        }
        catch (PintEditException e)
        {
            var category = e.Error switch
            {
                PintEditError.AlreadyExists => ErrorCategory.ResourceExists,
                PintEditError.NotFound => ErrorCategory.ObjectNotFound,
                PintEditError.ReadOnlySource => ErrorCategory.PermissionDenied,
                _ => ErrorCategory.InvalidArgument,
            };
            WriteNonTerminating(e, "Pint" + e.Error, category, target);
        }
        catch (FormatException e)
        {
            WriteNonTerminating(e, "PintInvalidValue", ErrorCategory.InvalidArgument, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            WriteNonTerminating(new IOException($"Could not change '{path}': {e.Message}", e), "ConfigWriteFailed", ErrorCategory.WriteError, path);
        }
        return false;
    }
}
