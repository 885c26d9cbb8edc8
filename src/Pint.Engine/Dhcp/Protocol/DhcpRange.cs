using System.Net;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// A <c>dhcp-range</c>: addresses the server may hand out on one network.
/// </summary>
/// <param name="Start">First address of the range.</param>
/// <param name="End">Last address of the range (for a static range, any address of the network).</param>
/// <param name="Netmask">The network's mask; null = the receiving interface's mask (required in practice for relayed networks).</param>
/// <param name="Broadcast">Broadcast address; null = derived from the address and mask.</param>
/// <param name="LeaseTime">Lease length; null = one hour (dnsmasq's default); <see cref="Timeout.InfiniteTimeSpan"/> = infinite.</param>
/// <param name="Static">A <c>static</c> range: only addresses from <c>dhcp-host</c> are given, never dynamic ones.</param>
/// <param name="SetTag">Tag set on a client served from this range (<c>set:</c>).</param>
/// <param name="RequiredTags">Tags the client must have (<c>tag:</c>; "!name" = must not have).</param>
public sealed record DhcpRange(
    IPAddress Start,
    IPAddress End,
    IPAddress? Netmask = null,
    IPAddress? Broadcast = null,
    TimeSpan? LeaseTime = null,
    bool Static = false,
    string? SetTag = null,
    IReadOnlyList<string>? RequiredTags = null)
{
    internal uint StartValue => Ipv4.ToValue(Start);
    internal uint EndValue => Ipv4.ToValue(End);

    internal bool Contains(uint address) => address >= StartValue && address <= EndValue;
}
