using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Hosting;

namespace Pint.PowerShell.Infrastructure;

/// <summary>
/// What every Pint cmdlet shares: resolving -ConfigPath (parameter, then $env:PINT_CONFIG, then the platform
/// default, relative paths against the current PowerShell location) and reporting engine diagnostics as errors
/// that name the file and line.
/// </summary>
public abstract class PintCmdlet : PSCmdlet
{
    /// <summary>The resolved full path of the config file this cmdlet works on.</summary>
    protected string ResolveConfigPath(string? configPath)
    {
        // A relative $env:PINT_CONFIG is read from the current location too, like a relative -ConfigPath.
        if (string.IsNullOrWhiteSpace(configPath)) configPath = Environment.GetEnvironmentVariable(PintPaths.ConfigVariable);
        if (string.IsNullOrWhiteSpace(configPath)) return PintPaths.DefaultConfigPath;
        return SessionState.Path.GetUnresolvedProviderPathFromPSPath(configPath);
    }

    /// <summary>
    /// Where relative paths in a config are read from: the current PowerShell location, which plays the part of
    /// dnsmasq's working directory (PowerShell's location is not the process's current directory).
    /// </summary>
    protected string WorkingDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Loads the config for reading. A missing file is a terminating error; bad lines are non-terminating.</summary>
    protected ConfigLoadResult LoadConfigForRead(string path)
    {
        if (!File.Exists(path))
        {
            ThrowTerminatingError(new ErrorRecord(
                new FileNotFoundException($"Config file '{path}' does not exist. Name one with -ConfigPath or ${PintPaths.ConfigVariable}.", path),
                "ConfigNotFound", ErrorCategory.ObjectNotFound, path));
        }
        var result = ConfigLoader.Load(path, new ConfigLoadOptions { AllowUnsupported = true, WorkingDirectory = WorkingDirectory });
        foreach (var d in result.Diagnostics) WriteDiagnostic(d);
        return result;
    }

    /// <summary>Errors become non-terminating errors, warnings become warnings: both name file and line.</summary>
    protected void WriteDiagnostic(ConfigDiagnostic d)
    {
        if (d.Severity == DiagnosticSeverity.Error)
            WriteError(new ErrorRecord(new FormatException(d.ToString()), "ConfigLineInvalid", ErrorCategory.ParserError, $"{d.File}:{d.Line}"));
        else if (d.Severity == DiagnosticSeverity.Warning)
            WriteWarning(d.ToString());
        else
            WriteVerbose(d.ToString());
    }

    /// <summary>
    /// Whether verbose lines would be shown: -Verbose (or -Verbose:$false) when given, else $VerbosePreference.
    /// A compiled cmdlet is not told, and a server should not queue lines nobody will see.
    /// </summary>
    protected bool VerboseWanted => MyInvocation.BoundParameters.TryGetValue("Verbose", out var given)
        ? given is SwitchParameter { IsPresent: true } or true
        : GetVariableValue("VerbosePreference") is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);

    /// <summary>
    /// Writes what a server logged since the last call: errors and warnings as warnings, the rest as verbose lines.
    /// The server's threads only queue them; this runs on the pipeline thread, the only one that may write streams.
    /// </summary>
    /// <param name="skip">Lines this cmdlet reports otherwise (as its own error), so they are not told twice.</param>
    private protected void WriteServerLog(QueueLog log, Func<PintLogEntry, bool>? skip = null)
    {
        while (log.TryTake(out var entry))
        {
            if (skip?.Invoke(entry) == true) continue;
            if (entry.Level >= PintLogLevel.Warning) WriteWarning(entry.ToString());
            else WriteVerbose(entry.ToString());
        }
    }

    protected void ThrowTerminating(Exception e, string id, ErrorCategory category, object? target) =>
        ThrowTerminatingError(new ErrorRecord(e, id, category, target));

    protected void WriteNonTerminating(Exception e, string id, ErrorCategory category, object? target) =>
        WriteError(new ErrorRecord(e, id, category, target));
}
