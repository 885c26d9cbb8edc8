using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Import;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// What the Import-Pint* cmdlets share: read -Path, plan against the config, list the changes for -WhatIf/-Confirm,
/// write them in one transaction, and report each item that could not be carried over as a warning.
/// </summary>
public abstract class PintImportCmdlet : PintConfigCmdlet
{
    /// <summary>The file to import.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "File")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <param name="plan">Reads the source file and plans against the loaded config; throws <see cref="ImportFormatException"/> for bad input.</param>
    protected void RunImport(string activity, Func<string, PintConfig, ImportPlan> plan, string? leaseFile = null)
    {
        var source = ResolvePath(Path);
        if (!File.Exists(source))
            ThrowTerminating(new FileNotFoundException($"'{source}' does not exist.", source), "ImportFileNotFound", ErrorCategory.ObjectNotFound, source);
        var config = ConfigFile;
        ImportOutcome outcome;
        var progress = new ProgressRecord(1, activity, source);
        try
        {
            outcome = ImportRunner.Run(
                config,
                WorkingDirectory,
                c => plan(source, c),
                changes => ShouldProcess($"{config}{Environment.NewLine}{string.Join(Environment.NewLine, changes)}", activity),
                leaseFile is null ? null : ResolvePath(leaseFile),
                (done, total) =>
                {
                    if (total < 100) return; // small imports finish before a progress bar would help
                    progress.StatusDescription = $"{done} of {total} lines";
                    progress.PercentComplete = done * 100 / total;
                    WriteProgress(progress);
                });
        }
        catch (ImportFormatException e)
        {
            ThrowTerminating(e, "ImportFileInvalid", ErrorCategory.InvalidData, source);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            ThrowTerminating(new IOException($"Could not import '{source}' into '{config}': {e.Message}", e), "ImportWriteFailed", ErrorCategory.WriteError, config);
            return;
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        foreach (var m in outcome.Plan.Messages)
        {
            if (m.Severity == DiagnosticSeverity.Warning) WriteWarning(m.ToString());
            else WriteVerbose(m.ToString());
        }
        foreach (var line in outcome.LinesAlreadyPresent)
            WriteVerbose($"{line.Origin}: '{line}' is already in the config; not added again");
        if (outcome.Written) WriteObject(PintImportResult.From(source, config, outcome));
    }
}
