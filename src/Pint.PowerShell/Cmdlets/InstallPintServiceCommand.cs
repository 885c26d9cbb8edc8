using System.Management.Automation;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Registers Pint as a system service that runs the module's service host with a config: a systemd unit on Linux
/// (enabled and started), a Windows service elsewhere. -WhatIf shows the unit that would be written.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "PintService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class InstallPintServiceCommand : PintServiceCmdlet
{
    /// <summary>Run the service as this user instead of root (it keeps the network capabilities it needs).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>Write the unit but do not enable or start it.</summary>
    [Parameter]
    public SwitchParameter NoStart { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var name = ServiceUnit.ValidateName(Name);
        var config = ConfigFile;
        if (!File.Exists(config))
            ThrowTerminating(new FileNotFoundException($"Config file '{config}' does not exist; the service would not start.", config), "ConfigNotFound", ErrorCategory.ObjectNotFound, config);
        var serviceDll = Path.Combine(Path.GetDirectoryName(typeof(InstallPintServiceCommand).Assembly.Location)!, "service", "pint.dll");
        if (!File.Exists(serviceDll))
            ThrowTerminating(new FileNotFoundException($"The service host '{serviceDll}' is missing from the module.", serviceDll), "ServiceHostMissing", ErrorCategory.NotInstalled, serviceDll);
        var dotnet = ServiceUnit.DotnetHostPath();

        if (OperatingSystem.IsWindows())
        {
            var bin = ServiceUnit.CommandLine(dotnet, serviceDll, config);
            if (!ShouldProcess($"Windows service '{name}': {bin}", "Install Pint service")) return;
            RunServiceManager("sc.exe", $"create {name} binPath= \"{bin.Replace("\"", "\\\"")}\" start= auto DisplayName= \"Pint ({name})\"");
            if (!NoStart) RunServiceManager("sc.exe", $"start {name}");
            return;
        }

        var unitPath = UnitPath(name);
        var unit = ServiceUnit.SystemdUnit(name, dotnet, serviceDll, config, User);
        if (!ShouldProcess($"{unitPath}:{Environment.NewLine}{unit}", "Write systemd unit")) return;
        Directory.CreateDirectory(Path.GetDirectoryName(unitPath)!);
        File.WriteAllText(unitPath, unit);
        if (!NoStart && IsSystemdUnitDirectory())
        {
            RunServiceManager("systemctl", "daemon-reload");
            RunServiceManager("systemctl", $"enable --now {name}.service");
        }
        if (PassThru) WriteObject(new FileInfo(unitPath));
    }
}
