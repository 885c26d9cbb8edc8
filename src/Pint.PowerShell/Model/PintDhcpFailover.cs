using System.Net;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.PowerShell.Model;

/// <summary>A pint-dhcp-failover= line, with the property names of Windows' Get-DhcpServerv4Failover.</summary>
public sealed class PintDhcpFailover
{
    /// <summary>The relationship's name (unique in the config).</summary>
    public required string Name { get; init; }
    /// <summary>The partner's server id (its pint-server-id, or its host name).</summary>
    public required string PartnerServer { get; init; }
    /// <summary>LoadBalance (both answer, each its share of clients) or HotStandby (the standby answers once the active one is down).</summary>
    public required FailoverMode Mode { get; init; }
    /// <summary>Primary (load balance: the low buckets; hot standby: active) or Secondary.</summary>
    public required FailoverRole ServerRole { get; init; }
    /// <summary>Load balance: this server's share of the clients in percent; the partner should have 100 minus it.</summary>
    public required int LoadBalancePercent { get; init; }
    /// <summary>How long the partner's heartbeat may be silent before it counts as down (partner-down=).</summary>
    public required TimeSpan StateSwitchInterval { get; init; }
    /// <summary>How often this server writes its heartbeat (heartbeat=).</summary>
    public required TimeSpan HeartbeatInterval { get; init; }
    /// <summary>The scopes (network addresses of dhcp-range lines) it covers; empty: every IPv4 range.</summary>
    public required IPAddress[] ScopeId { get; init; }
    /// <summary>
    /// Normal (the partner's heartbeat is recent), PartnerDown (this server answers every client) or
    /// CommunicationInterrupted (the lease database cannot be read), from the database's heartbeat rows; null when
    /// not read (the objects Add-PintDhcpFailover -PassThru returns).
    /// </summary>
    public Pint.Engine.Management.FailoverState? State { get; init; }
    /// <summary>When the partner last wrote its heartbeat (database clock); null: never.</summary>
    public DateTimeOffset? PartnerLastSeen { get; init; }
    /// <summary>When this server last wrote its heartbeat; null: it has not run with this relationship.</summary>
    public DateTimeOffset? ServerLastSeen { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    /// <summary>The config file; binds to -ConfigPath down the pipeline.</summary>
    public required string ConfigPath { get; init; }

    public override string ToString() => Name;
}
