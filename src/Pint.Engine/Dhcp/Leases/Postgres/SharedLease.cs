using System.Net;

namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>One row of the shared (PostgreSQL) lease table.</summary>
/// <param name="Address">The IPv4 address, the table's key.</param>
/// <param name="HardwareAddress">The client's hardware address (text form of <see cref="DhcpLease"/>).</param>
/// <param name="ClientId">The client identifier, or null.</param>
/// <param name="HostName">The client's host name, or null.</param>
/// <param name="Expires">When the row ends (database clock); null for an infinite lease.</param>
/// <param name="ServerId">The server that wrote the row last (its owner).</param>
/// <param name="Scope">The scope / pool the address belongs to (e.g. the dhcp-range's tag or start address).</param>
/// <param name="State">Offered, active or declined.</param>
public sealed record SharedLease(
    IPAddress Address,
    string HardwareAddress,
    string? ClientId,
    string? HostName,
    DateTimeOffset? Expires,
    string ServerId,
    string Scope,
    SharedLeaseState State)
{
    /// <summary>The client identity the row is held by (see <see cref="LeaseClient.Key"/>).</summary>
    public string ClientKey => LeaseClient.KeyOf(HardwareAddress, ClientId);

    /// <summary>The row as the engine's lease record (for the in-memory table and the dnsmasq-format lease file).</summary>
    public DhcpLease ToDhcpLease() => new(Address, HardwareAddress, HostName, ClientId, Expires);
}
