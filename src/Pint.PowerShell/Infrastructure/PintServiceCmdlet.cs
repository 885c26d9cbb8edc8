using System.Diagnostics;
using System.Management.Automation;

namespace Pint.PowerShell.Infrastructure;

/// <summary>What Install- and Uninstall-PintService share: the service's name, where units live, and running the service manager.</summary>
public abstract class PintServiceCmdlet : PintConfigCmdlet
{
    /// <summary>The service name (systemd unit <c>NAME.service</c>, or the Windows service name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "pint";

    /// <summary>Where systemd units live (default /etc/systemd/system).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string UnitDirectory { get; set; } = "/etc/systemd/system";

    /// <summary>Only units in systemd's own folder are registered with systemctl; elsewhere (staging, tests) the file is all.</summary>
    protected bool IsSystemdUnitDirectory() => ResolvePath(UnitDirectory).TrimEnd('/') == "/etc/systemd/system";

    protected string UnitPath(string name) => Path.Combine(ResolvePath(UnitDirectory), name + ".service");

    /// <summary>Runs systemctl or sc.exe; a failure is a non-terminating error that quotes the tool's own message.</summary>
    protected bool RunServiceManager(string file, string arguments)
    {
        WriteVerbose($"{file} {arguments}");
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var err = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) return true;
            WriteNonTerminating(new InvalidOperationException($"'{file} {arguments}' failed ({p.ExitCode}): {err.Trim()}"), "ServiceManagerFailed", ErrorCategory.InvalidOperation, Name);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            WriteNonTerminating(new InvalidOperationException($"Cannot run '{file}': {e.Message}.", e), "ServiceManagerMissing", ErrorCategory.NotInstalled, file);
        }
        return false;
    }
}
