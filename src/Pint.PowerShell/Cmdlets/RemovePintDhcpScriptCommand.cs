using System.Management.Automation;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Removes the DHCP lease script: every dhcp-script= and dhcp-scriptuser= line of the config and its includes.</summary>
[Cmdlet(VerbsCommon.Remove, "PintDhcpScript", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemovePintDhcpScriptCommand : PintConfigCmdlet
{
    protected override void ProcessRecord()
    {
        var found = 0;
        EditConfig("Remove DHCP script", ConfigFile, (session, _) =>
            found = session.RemoveAll(SetPintDhcpScriptCommand.ScriptOption) + session.RemoveAll(SetPintDhcpScriptCommand.UserOption));
        if (found == 0)
            WriteNonTerminating(new ItemNotFoundException($"No dhcp-script= or dhcp-scriptuser= line in {ConfigFile} or the files it includes."),
                "DhcpScriptNotFound", ErrorCategory.ObjectNotFound, ConfigFile);
    }
}
