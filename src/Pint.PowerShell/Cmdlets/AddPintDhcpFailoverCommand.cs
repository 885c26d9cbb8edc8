using System.Management.Automation;
using System.Net;
using Pint.Engine.Config;
using Pint.Engine.Dhcp.Leases.Postgres;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Adds a DHCP failover relationship with the parameters of Windows' Add-DhcpServerv4Failover: a
/// pint-dhcp-failover= line in pint-leasestore.conf. The config must keep its leases in PostgreSQL (Set-PintLeaseStore).
/// </summary>
[Cmdlet(VerbsCommon.Add, "PintDhcpFailover", SupportsShouldProcess = true)]
[OutputType(typeof(PintDhcpFailover))]
public sealed class AddPintDhcpFailoverCommand : PintConfigCmdlet
{
    /// <summary>The relationship's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The partner server's id (its pint-server-id, or its host name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string PartnerServer { get; set; } = "";

    /// <summary>The scopes (network addresses of dhcp-range lines) the relationship covers.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public IPAddress[] ScopeId { get; set; } = [];

    /// <summary>LoadBalance (the default) or HotStandby.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public FailoverMode Mode { get; set; } = FailoverMode.LoadBalance;

    /// <summary>Primary (the default) or Secondary.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public FailoverRole ServerRole { get; set; } = FailoverRole.Primary;

    /// <summary>Load balance: this server's share of the clients, 0-100 (default 50).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 100)]
    public int LoadBalancePercent { get; set; } = 50;

    /// <summary>How long the partner may be silent before it counts as down (default 30 s).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public TimeSpan StateSwitchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often this server writes its heartbeat (default 5 s).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Write the relationship to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!WholeSeconds(StateSwitchInterval, nameof(StateSwitchInterval)) || !WholeSeconds(HeartbeatInterval, nameof(HeartbeatInterval))) return;
        if (Mode == FailoverMode.HotStandby && MyInvocation.BoundParameters.ContainsKey(nameof(LoadBalancePercent)))
        {
            WriteNonTerminating(new ArgumentException("-LoadBalancePercent applies to -Mode LoadBalance only; a HotStandby relationship has no share."),
                "FailoverPercentWithHotStandby", ErrorCategory.InvalidArgument, LoadBalancePercent);
            return;
        }
        var settings = new FailoverSettings
        {
            Mode = Mode,
            Role = ServerRole,
            PartnerServerId = PartnerServer,
            LoadBalancePercent = LoadBalancePercent,
            PartnerDownAfter = StateSwitchInterval,
            HeartbeatInterval = HeartbeatInterval,
        };
        var changed = EditConfig("Add DHCP failover", Name, (session, config) => LeaseStoreEditing.AddFailover(session, config, Name, settings, ScopeId));
        if (PassThru && changed)
        {
            var config = LoadConfigForRead(ConfigFile).Config;
            foreach (var f in GetPintDhcpFailoverCommand.List(config, ConfigFile, readStates: false).Where(f => string.Equals(f.Name, Name, StringComparison.OrdinalIgnoreCase)))
                WriteObject(f);
        }
    }

    private bool WholeSeconds(TimeSpan span, string parameter)
    {
        if (span.Ticks % TimeSpan.TicksPerSecond == 0 && span >= TimeSpan.FromSeconds(1) && span <= TimeSpan.FromDays(1)) return true;
        WriteNonTerminating(new ArgumentException($"-{parameter} {span} must be a whole number of seconds from 1 second to 1 day."),
            "FailoverIntervalInvalid", ErrorCategory.InvalidArgument, span);
        return false;
    }
}
