using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Stops and removes the service Install-PintService registered. The config and lease files stay.</summary>
[Cmdlet(VerbsLifecycle.Uninstall, "PintService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class UninstallPintServiceCommand : PintServiceCmdlet
{
    protected override void EndProcessing()
    {
        var name = ServiceUnit.ValidateName(Name);
        if (OperatingSystem.IsWindows())
        {
            if (!ShouldProcess($"Windows service '{name}'", "Remove Pint service")) return;
            RunServiceManager("sc.exe", $"stop {name}");
            RunServiceManager("sc.exe", $"delete {name}");
            return;
        }
        var unitPath = UnitPath(name);
        if (!File.Exists(unitPath))
        {
            WriteNonTerminating(new ItemNotFoundException($"No unit '{unitPath}': service '{name}' is not installed here."), "ServiceNotFound", ErrorCategory.ObjectNotFound, unitPath);
            return;
        }
        if (!ShouldProcess(unitPath, "Stop, disable and remove systemd unit")) return;
        if (!File.ReadAllText(unitPath).StartsWith("# Written by Install-PintService", StringComparison.Ordinal))
        {
            WriteNonTerminating(new InvalidOperationException($"'{unitPath}' was not written by Install-PintService; it is left alone."), "ServiceNotOwned", ErrorCategory.PermissionDenied, unitPath);
            return;
        }
        if (IsSystemdUnitDirectory()) RunServiceManager("systemctl", $"disable --now {name}.service");
        File.Delete(unitPath);
        if (IsSystemdUnitDirectory()) RunServiceManager("systemctl", "daemon-reload");
    }
}
