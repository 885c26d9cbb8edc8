using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Checks a config (and the files it includes and names) and returns every finding as an object.</summary>
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
        var result = ConfigLoader.Load(path, new ConfigLoadOptions { AllowUnsupported = AllowUnsupported, WorkingDirectory = WorkingDirectory });
        if (Quiet)
        {
            WriteObject(!result.HasErrors);
            return;
        }
        WriteVerbose($"Read {result.Files.Count} file(s): {string.Join(", ", result.Files)}");
        foreach (var d in result.Diagnostics) WriteObject(d);
    }
}
