namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>A server's row in the servers table.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="Role">The role it wrote with its last heartbeat (free text, e.g. "primary").</param>
/// <param name="LastSeen">Its last heartbeat (database clock).</param>
/// <param name="Age">How old that heartbeat is, measured by the database clock (no skew between the servers).</param>
public sealed record ServerHeartbeat(string ServerId, string? Role, DateTimeOffset LastSeen, TimeSpan Age);
