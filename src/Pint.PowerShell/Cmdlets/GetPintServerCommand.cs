using System.Management.Automation;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Lists the Pint servers running in this PowerShell process, with their endpoints and counters.</summary>
[Cmdlet(VerbsCommon.Get, "PintServer")]
[OutputType(typeof(PintServerInfo))]
public sealed class GetPintServerCommand : PintCmdlet
{
    /// <summary>Only the server of this config file.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ConfigPath { get; set; }

    protected override void ProcessRecord()
    {
        if (ConfigPath is null)
        {
            foreach (var s in ServerRegistry.All) WriteObject(PintServerInfo.From(s.Host));
            return;
        }
        var path = ResolveConfigPath(ConfigPath);
        if (ServerRegistry.TryGet(path, out var server)) WriteObject(PintServerInfo.From(server.Host));
        else WriteNonTerminating(new ItemNotFoundException($"No Pint server for '{path}' runs in this session."), "ServerNotFound", ErrorCategory.ObjectNotFound, path);
    }
}
