using System.Management.Automation;
using System.Net;
using Pint.Engine.Management;
using Pint.PowerShell.Infrastructure;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Creates or changes a dhcp-range= line, with the parameter names of Windows' Set-DhcpServerv4Scope. The range
/// changed is the one in the subnet of -StartRange (or in -ScopeId), picked by -Name among several; with none, a new
/// line is added.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PintDhcpRange", SupportsShouldProcess = true)]
[OutputType(typeof(PintDhcpRange))]
public sealed class SetPintDhcpRangeCommand : PintConfigCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public IPAddress StartRange { get; set; } = IPAddress.None;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public IPAddress EndRange { get; set; } = IPAddress.None;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IPAddress? SubnetMask { get; set; }

    /// <summary>Lease time; [TimeSpan]::MaxValue means infinite.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>The network of the range to change (Windows' scope id), when -StartRange's subnet is not enough to say.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IPAddress? ScopeId { get; set; }

    /// <summary>The range's tag (set:NAME).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RangeNameCompleter))]
    public string? Name { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var done = EditConfig("Set DHCP range", $"{StartRange}-{EndRange}",
            (session, config) => DhcpRangeCatalog.Set(session, config, StartRange, EndRange, SubnetMask, LeaseDuration, Name, ScopeId));
        if (done && PassThru)
        {
            var start = StartRange.ToString();
            WriteObject(DhcpRangeCatalog.List(LoadConfigForRead(ConfigFile).Config, ConfigFile).FirstOrDefault(r => r.StartRange == start));
        }
    }
}
