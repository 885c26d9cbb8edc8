using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Removes the PXE setup: every boot choice, or those piped from Get-PintPxeBoot, with the architecture matches and
/// menu prompt left unused; -DisableTftp also turns the TFTP server off.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "PintPxeBoot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = All)]
[OutputType(typeof(void))]
public sealed class RemovePintPxeBootCommand : PintConfigCmdlet
{
    private const string All = "All", ByObject = "InputObject";
    private readonly List<PintPxeBoot> _piped = [];

    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    public PintPxeBoot[] InputObject { get; set; } = Array.Empty<PintPxeBoot>();

    /// <summary>Also remove enable-tftp and the tftp-root lines.</summary>
    [Parameter]
    public SwitchParameter DisableTftp { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByObject)
            _piped.AddRange(InputObject);
    }

    // Piped choices are removed in one edit, so the matches they shared are judged once all of them are gone.
    protected override void EndProcessing()
    {
        if (ParameterSetName == ByObject)
        {
            foreach (var group in _piped.GroupBy(b => b.ConfigPath))
            {
                ConfigPath = group.Key;
                var boots = group.ToList();
                EditConfig("Remove PXE boot", string.Join(", ", boots), (session, config) => PxeBootCatalog.Remove(session, config, boots, DisableTftp));
            }
            return;
        }
        EditConfig("Remove PXE boot setup", ConfigFile, (session, config) => PxeBootCatalog.Remove(session, config, null, DisableTftp));
    }
}
