namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Why a DHCP request got no reply. The values are counted per server (<see cref="Server.DhcpServerCounters.Dropped"/>),
/// shown by Get-PintStatistics and exported as <c>pint.dhcp.drops{reason}</c>, so keep their names stable.
/// </summary>
public enum DhcpDropReason
{
    /// <summary>Not a valid DHCP request (bad magic cookie, cut short, not BOOTREQUEST).</summary>
    Malformed,
    /// <summary>Arrived on an interface that has no IPv4 address to answer from.</summary>
    InterfaceWithoutAddress,
    /// <summary>dhcp-host=...,ignore matches the client.</summary>
    HostIgnored,
    /// <summary>A message type clients do not send (OFFER, ACK, ...).</summary>
    NotClientMessage,
    /// <summary>No free address for a DISCOVER (range full, lease limit, reserved address taken).</summary>
    NoAddressAvailable,
    /// <summary>The request, DECLINE or RELEASE names another server: the client chose someone else.</summary>
    ForAnotherServer,
    /// <summary>A REQUEST or DECLINE that names no address.</summary>
    NoAddressRequested,
    /// <summary>A REQUEST for an address Pint has no lease record of, and dhcp-authoritative is not set.</summary>
    NotAuthoritative,
    /// <summary>A RELEASE of an address the client does not hold.</summary>
    NotHeldByClient,
    /// <summary>An INFORM without the client's address (ciaddr).</summary>
    InformWithoutAddress,
    /// <summary>Every address tried answered a ping: someone uses it without a lease.</summary>
    PingConflicts,
    /// <summary>Received on an interface no-dhcp-interface names.</summary>
    InterfaceNotServed,
    /// <summary>Failover: the client is the partner server's to answer (load balance share, or this one is the standby).</summary>
    PartnersClient,
    /// <summary>Shared lease store: the database is unreachable, and a new lease needs it (renewals of held leases go on).</summary>
    LeaseDatabaseUnavailable,
    /// <summary>Shared lease store: more claims wait for the database than it takes at once; a new client's DISCOVER waits for its retry.</summary>
    LeaseDatabaseBusy,
    /// <summary>Shared lease store: every address offered was taken by another server first.</summary>
    AddressTakenByPartner,
}
