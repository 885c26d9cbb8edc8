using System.Net;
using Pint.Engine.Dhcp6.Wire;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>An address inside an IA_NA, with the lifetimes the sender gave (a client's are hints).</summary>
public sealed record Dhcp6IaAddress(IPAddress Address, uint PreferredLifetime, uint ValidLifetime);

/// <summary>One IA_NA of a client message.</summary>
public sealed record Dhcp6IaNa(uint Iaid, uint T1, uint T2, IReadOnlyList<Dhcp6IaAddress> Addresses);

/// <summary>One RELAY-FORW layer, outermost (the relay that sent to us) first.</summary>
public sealed record Dhcp6Relay(byte HopCount, IPAddress LinkAddress, IPAddress PeerAddress, byte[]? InterfaceId);

/// <summary>A client message as the responder sees it, relays unwrapped.</summary>
public sealed class Dhcp6Request
{
    public required Dhcp6MessageType Type { get; init; }
    public required uint TransactionId { get; init; }
    /// <summary>The client's DUID; empty only for an INFORMATION-REQUEST without one.</summary>
    public required byte[] ClientId { get; init; }
    public byte[]? ServerId { get; init; }
    public IReadOnlyList<Dhcp6IaNa> IaNa { get; init; } = [];
    /// <summary>IA_TA options seen (not served in this slice).</summary>
    public int IaTaCount { get; init; }
    public IReadOnlyList<ushort> RequestedOptions { get; init; } = [];
    public bool RapidCommit { get; init; }
    /// <summary>The host name of the Client FQDN option (RFC 4704), when the client sent one.</summary>
    public string? HostName { get; init; }
    /// <summary>The flags byte of the Client FQDN option (RFC 4704: S, O, N); null when the client sent no such option.</summary>
    public byte? FqdnFlags { get; init; }
    public IReadOnlyList<Dhcp6Relay> Relays { get; init; } = [];

    /// <summary>The DUID as dnsmasq prints it: hex pairs joined by colons.</summary>
    public string ClientIdText => Dhcp6Duid.Format(ClientId);
}
