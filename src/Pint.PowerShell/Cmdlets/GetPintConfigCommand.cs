using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Reads a config (with its includes and the files it names) and returns it typed: one object with a Dns, a Dhcp
/// and a Tftp section whose properties are the options, as the server would read them.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintConfig")]
[OutputType(typeof(PintConfigInfo))]
public sealed class GetPintConfigCommand : PintConfigCmdlet
{
    protected override void ProcessRecord()
    {
        var path = ConfigFile;
        var result = LoadConfigForRead(path);
        WriteObject(new PintConfigInfo
        {
            ConfigPath = path,
            Files = [.. result.Files],
            Dns = result.Config.Dns,
            Dhcp = result.Config.Dhcp,
            Tftp = result.Config.Tftp,
            ErrorCount = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error),
        });
    }
}
