using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Copies boot images into the TFTP root (the config's tftp-root unless -TftpRoot), showing progress for large files.</summary>
[Cmdlet(VerbsCommon.Copy, "PintBootFile", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class CopyPintBootFileCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? TftpRoot { get; set; }

    /// <summary>Name (relative path) in the root; defaults to the source file's name. Only with a single -Path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var root = TftpRoot is not null ? ResolvePath(TftpRoot) : RootFromConfig();
        if (root is null)
            return;
        if (Destination is not null && Path.Length > 1)
            ThrowTerminating(new ArgumentException("-Destination names one file; give a single -Path with it."), "DestinationWithManyPaths", ErrorCategory.InvalidArgument, Destination);
        foreach (var item in Path)
        {
            var source = ResolvePath(item);
            if (!File.Exists(source))
            {
                WriteNonTerminating(new FileNotFoundException($"Boot file '{source}' does not exist.", source), "BootFileNotFound", ErrorCategory.ObjectNotFound, source);
                continue;
            }
            var name = Destination ?? System.IO.Path.GetFileName(source);
            try
            {
                PxeBootCatalog.ValidateFileName(name);
            }
            catch (PintEditException e)
            {
                WriteNonTerminating(e, "BootFileNameInvalid", ErrorCategory.InvalidArgument, name);
                continue;
            }
            var target = System.IO.Path.Combine(root, name);
            if (!ShouldProcess($"{source} -> {target}", "Copy boot file"))
                continue;
            try
            {
                var progress = new ProgressRecord(1, "Copy-PintBootFile", $"{source} -> {target}");
                BootFileCopy.Copy(source, target, Force, (copied, total) =>
                {
                    progress.PercentComplete = total == 0 ? 100 : (int)(copied * 100 / total);
                    progress.StatusDescription = $"{copied / (1024 * 1024)} of {total / (1024 * 1024)} MiB";
                    WriteProgress(progress);
                });
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                WriteObject(new FileInfo(target));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteNonTerminating(e, "BootFileCopyFailed", ErrorCategory.WriteError, target);
            }
        }
    }

    private string? RootFromConfig()
    {
        var root = PxeBootCatalog.RootOf(LoadConfigForRead(ConfigFile).Config, WorkingDirectory);
        if (root is null)
            WriteNonTerminating(new InvalidOperationException($"{ConfigFile} has no tftp-root; give -TftpRoot or run New-PintPxeBoot."), "NoTftpRoot", ErrorCategory.ObjectNotFound, ConfigFile);
        return root;
    }
}
