using System.Management.Automation;
using Pint.Engine.Hosting;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>Empties the DNS cache of the Pint server(s) running in this PowerShell session.</summary>
[Cmdlet(VerbsCommon.Clear, "PintDnsCache", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class ClearPintDnsCacheCommand : PintCmdlet
{
    /// <summary>Only the server of this config file (Get-PintServer output binds here); all running servers otherwise.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string? ConfigPath { get; set; }

    protected override void ProcessRecord()
    {
        var targets = ConfigPath is null
            ? ServerRegistry.All
            : ServerRegistry.TryGet(ResolveConfigPath(ConfigPath), out var one) ? [one] : Array.Empty<RunningServer>();
        if (targets.Count == 0)
        {
            var what = ConfigPath is null ? "No Pint server runs in this session." : $"No Pint server for '{ResolveConfigPath(ConfigPath)}' runs in this session.";
            WriteNonTerminating(new ItemNotFoundException(what), "ServerNotFound", ErrorCategory.ObjectNotFound, ConfigPath);
            return;
        }
        foreach (var server in targets)
        {
            foreach (var dns in server.Host.Services.OfType<DnsService>())
                if (ShouldProcess(server.Host.ConfigPath, "Clear DNS cache")) dns.Server.ClearCache();
        }
    }
}
