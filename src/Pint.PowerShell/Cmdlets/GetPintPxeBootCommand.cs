using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the boot file choices of the PXE setup (dhcp-boot= and pxe-service= lines) with the architectures they serve.</summary>
[Cmdlet(VerbsCommon.Get, "PintPxeBoot")]
[OutputType(typeof(PintPxeBoot))]
public sealed class GetPintPxeBootCommand : PintConfigCmdlet
{
    /// <summary>Only choices for these architectures ("BIOS", "UEFI x86-64", "ARM64 UEFI", "Default"); wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Architecture { get; set; }

    protected override void ProcessRecord()
    {
        var loaded = LoadConfigForRead(ConfigFile);
        var patterns = Architecture?.Select(a => WildcardPattern.Get(a, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var boot in PxeBootCatalog.List(loaded.Config, ConfigFile, WorkingDirectory))
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(boot.Architecture)))
                WriteObject(boot);
        }
    }
}
