using System.Management.Automation;
using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Management;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// How full each dhcp-range is (free, in use, reserved, percentage in use), with the property names of Windows'
/// Get-DhcpServerv4ScopeStatistics: from the live lease table when a server runs, else from the lease file.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PintDhcpStatistics")]
[OutputType(typeof(PintDhcpScopeStatistics))]
public sealed class GetPintDhcpStatisticsCommand : PintDhcpCmdlet
{
    /// <summary>Only the ranges of these networks.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public IPAddress[]? ScopeId { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<PintDhcpScopeStatistics> statistics;
        if (FindLiveServer() is { } live)
        {
            statistics = live.Statistics();
        }
        else
        {
            var config = LoadConfigForRead(ConfigFile).Config;
            var read = LeaseFile.ReadWithJournal(LeaseCatalog.LeaseFilePath(config, WorkingDirectory));
            foreach (var d in read.Diagnostics) WriteWarning(d.ToString());
            statistics = DhcpStatistics.Compute(config, read.Leases, DateTimeOffset.UtcNow);
        }
        foreach (var s in statistics)
            if (ScopeId is null || ScopeId.Any(id => id.ToString() == s.ScopeId)) WriteObject(s);
    }
}
