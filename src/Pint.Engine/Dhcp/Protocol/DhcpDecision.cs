using System.Net;
using Pint.Engine.Dhcp.Leases;
using Pint.Engine.Dhcp.Wire;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>Where a reply goes (RFC 2131 4.1).</summary>
public enum DhcpReplyDestination
{
    /// <summary>No reply.</summary>
    None,
    /// <summary>Broadcast to 255.255.255.255 on the receiving interface (broadcast flag set, NAKs, or no address known).</summary>
    Broadcast,
    /// <summary>Unicast to the client's ciaddr (renewals, INFORM).</summary>
    ClientAddress,
    /// <summary>To the relay agent (giaddr), server port 67.</summary>
    Relay,
    /// <summary>Unicast to yiaddr at the client's hardware address; the client has no address yet, so this needs an ARP entry.</summary>
    YourAddress,
}

/// <summary>What the server does for one request. The lease, if any, must be committed (durable) before the reply is sent.</summary>
public sealed record DhcpDecision
{
    /// <param name="detail">The words for the log, e.g. which address was not available.</param>
    public static DhcpDecision Drop(DhcpDropReason reason, string? detail = null) => new() { DropReason = reason, Detail = detail };

    /// <summary>Reply packet, or null.</summary>
    public byte[]? Reply { get; init; }
    public DhcpMessageType? ReplyType { get; init; }
    public DhcpReplyDestination Destination { get; init; }
    /// <summary>The IP address the reply goes to (for <see cref="DhcpReplyDestination.Broadcast"/>: 255.255.255.255).</summary>
    public IPAddress? DestinationAddress { get; init; }
    public int DestinationPort { get; init; }
    /// <summary>The client's hardware address, for <see cref="DhcpReplyDestination.YourAddress"/>.</summary>
    public byte[]? ClientHardwareAddress { get; init; }
    /// <summary>The address the reply offers or acknowledges (yiaddr; 0.0.0.0 for a NAK or an INFORM's ACK).</summary>
    public IPAddress? YourAddress { get; init; }

    /// <summary>Lease to commit before sending; if the commit fails the reply must not be sent.</summary>
    public DhcpLease? LeaseToCommit { get; init; }
    /// <summary>An offered address to hold for its client until the hold's end (in memory only; see <see cref="LeaseStore.HoldOffer"/>).</summary>
    public DhcpLease? OfferToHold { get; init; }
    /// <summary>Address whose lease ends (RELEASE).</summary>
    public IPAddress? AddressToRelease { get; init; }
    /// <summary>Address a client declined: withhold it until <see cref="DeclinedUntil"/>.</summary>
    public IPAddress? AddressToDecline { get; init; }
    public DateTimeOffset DeclinedUntil { get; init; }

    /// <summary>Why nothing is sent; null when a reply is sent or the message needs none (RELEASE, DECLINE).</summary>
    public DhcpDropReason? DropReason { get; init; }

    /// <summary>The drop or the NAK in words (for logs; a NAK carries it as its message).</summary>
    public string? Detail { get; init; }
}
