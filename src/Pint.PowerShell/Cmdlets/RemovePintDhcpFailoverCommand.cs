using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes DHCP failover relationships (their pint-dhcp-failover= lines) by name, or those Get-PintDhcpFailover sends.</summary>
[Cmdlet(VerbsCommon.Remove, "PintDhcpFailover", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemovePintDhcpFailoverCommand : PintConfigCmdlet
{
    /// <summary>The relationships to remove.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var name in Name)
        {
            var found = true;
            EditConfig("Remove DHCP failover", name, (session, config) => found = LeaseStoreEditing.RemoveFailover(session, config, name));
            if (!found)
                WriteNonTerminating(new ItemNotFoundException($"No DHCP failover relationship '{name}' in {ConfigFile} or the files it includes."),
                    "FailoverNotFound", ErrorCategory.ObjectNotFound, name);
        }
    }
}
