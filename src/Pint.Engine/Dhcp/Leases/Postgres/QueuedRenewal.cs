using System.Net;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>A renewal granted while the database was unreachable, waiting to be written.</summary>
/// <param name="Address">The renewed address.</param>
/// <param name="HardwareAddress">The client's hardware address.</param>
/// <param name="ClientId">The client identifier, or null.</param>
/// <param name="HostName">The host name, or null.</param>
/// <param name="Expires">The end the client was told (this server's clock); null for infinite.</param>
/// <param name="Scope">The lease's scope.</param>
/// <param name="QueuedAt">When the renewal was granted.</param>
public sealed record QueuedRenewal(
    IPAddress Address,
    string HardwareAddress,
    string? ClientId,
    string? HostName,
    DateTimeOffset? Expires,
    string Scope,
    DateTimeOffset QueuedAt)
{
    /// <summary>The client identity (see <see cref="LeaseClient.Key"/>).</summary>
    public string ClientKey => LeaseClient.KeyOf(HardwareAddress, ClientId);
}
