using System.Net;
using Pint.Engine.Dhcp.Leases.Postgres;

namespace Pint.Engine.Config;

/// <summary>
/// <c>pint-dhcp-failover=NAME,PARTNER-SERVER-ID,load-balance|hot-standby[,role=primary|secondary][,percent=N]
/// [,partner-down=SECONDS][,heartbeat=SECONDS][,scope=NETWORK-ADDRESS]...</c>: one failover relationship as Windows'
/// Add-DhcpServerv4Failover names it. Needs <c>pint-lease-store=postgresql,...</c>. No scope: every IPv4 dhcp-range.
/// </summary>
/// <param name="Name">The relationship's name (unique in the config).</param>
/// <param name="Settings">Mode, role, partner, share and timings.</param>
/// <param name="ScopeIds">The network addresses of the ranges it covers (Windows' -ScopeId); empty = all.</param>
/// <param name="Source">The line it came from.</param>
public sealed record DhcpFailoverConfig(string Name, FailoverSettings Settings, IReadOnlyList<IPAddress> ScopeIds, ConfigSource Source);
