using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Sets up network booting: enable-tftp, tftp-root, option 93 matches and dhcp-boot lines per architecture
/// (and a PXE menu with -MenuText); creates the root folder and warns about boot files not in it yet.
/// </summary>
[Cmdlet(VerbsCommon.New, "PintPxeBoot", SupportsShouldProcess = true)]
[OutputType(typeof(PintPxeBoot))]
public sealed class NewPintPxeBootCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string TftpRoot { get; set; } = string.Empty;

    /// <summary>File for BIOS clients and any client no architecture match picks (the untagged dhcp-boot).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string BootFile { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? UefiBootFile { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Arm64BootFile { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? MenuText { get; set; }

    [Parameter]
    [ValidateRange(0, 255)]
    public int MenuTimeout { get; set; } = 10;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var root = ResolvePath(TftpRoot);
        var done = EditConfig("Set up PXE boot", $"{BootFile} from {root}", (session, config) =>
            PxeBootCatalog.New(session, config, WorkingDirectory, root, BootFile, UefiBootFile, Arm64BootFile, MenuText, MenuTimeout));
        if (!done)
            return;
        Directory.CreateDirectory(root);
        foreach (var file in new[] { BootFile, UefiBootFile, Arm64BootFile }.OfType<string>())
        {
            if (!File.Exists(Path.Combine(root, file)))
                WriteWarning($"Boot file '{file}' is not in {root} yet. Copy it there (Copy-PintBootFile) before clients boot.");
        }
        if (PassThru)
        {
            var loaded = LoadConfigForRead(ConfigFile);
            WriteObject(PxeBootCatalog.List(loaded.Config, ConfigFile, WorkingDirectory), enumerateCollection: true);
        }
    }
}
