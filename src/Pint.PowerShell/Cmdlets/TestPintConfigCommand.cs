using System.Management.Automation;
using Pint.Engine.Config;
using Pint.Engine.Hosting;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Checks a config (the files it includes and names, and what a start would read from the machine: the system hosts
/// file, resolv.conf) and returns every finding as an object.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PintConfig")]
[OutputType(typeof(ConfigDiagnostic), typeof(bool))]
public sealed class TestPintConfigCommand : PintConfigCmdlet
{
    /// <summary>Return only $true or $false: whether the config can be served.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Treat dnsmasq options Pint does not implement yet as warnings, as Start-PintServer -AllowUnsupported does.</summary>
    [Parameter]
    public SwitchParameter AllowUnsupported { get; set; }

    protected override void ProcessRecord()
    {
        var path = ConfigFile;
        if (!File.Exists(path))
        {
            WriteNonTerminating(new FileNotFoundException($"Config file '{path}' does not exist.", path), "ConfigNotFound", ErrorCategory.ObjectNotFound, path);
            if (Quiet) WriteObject(false);
            return;
        }
        // The same load and setup steps a start takes: what the system hosts file or a DHCP option value would stop is told here.
        var result = PintSetup.Check(path, new ConfigLoadOptions { AllowUnsupported = AllowUnsupported, WorkingDirectory = WorkingDirectory });
        if (Quiet)
        {
            WriteObject(!result.HasErrors);
            return;
        }
        WriteVerbose($"Read {result.Loaded.Files.Count} file(s): {string.Join(", ", result.Loaded.Files)}");
        foreach (var d in result.Diagnostics) WriteObject(d);
    }
}
