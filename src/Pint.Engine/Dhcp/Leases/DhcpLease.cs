using System.Net;

namespace Pint.Engine.Dhcp.Leases;

/// <summary>
/// One DHCPv4 lease as dnsmasq records it in its lease file.
/// </summary>
/// <param name="Address">The leased IPv4 address.</param>
/// <param name="HardwareAddress">
/// The client's hardware address as dnsmasq writes it: lowercase hex bytes joined by ':' for Ethernet
/// (<c>52:54:00:aa:bb:01</c>); for other hardware types prefixed with the type in two hex digits and '-'
/// (<c>20-00:11:..</c> for InfiniBand).
/// </param>
/// <param name="HostName">The unqualified host name, or null when the client gave none.</param>
/// <param name="ClientId">The client identifier (option 61) as colon-separated lowercase hex, or null.</param>
/// <param name="Expires">When the lease ends; null for an infinite lease (written as 0).</param>
public sealed record DhcpLease(IPAddress Address, string HardwareAddress, string? HostName, string? ClientId, DateTimeOffset? Expires)
{
    /// <summary>True when the lease has an end and <paramref name="now"/> is at or past it.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => Expires is { } end && end <= now;
}
