using System.Net;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>Where a request came in: the receiving interface's address (our server identifier) and prefix length.</summary>
/// <param name="InterfaceAddress">Our IPv4 address on the interface the packet arrived on.</param>
/// <param name="PrefixLength">The interface network's prefix length (24 for 255.255.255.0).</param>
/// <param name="InterfaceName">The interface name; set as a tag as dnsmasq does. May be null.</param>
public sealed record DhcpReceiveContext(IPAddress InterfaceAddress, int PrefixLength, string? InterfaceName = null)
{
    internal uint AddressValue => Ipv4.ToValue(InterfaceAddress);
    internal uint Mask => Ipv4.MaskOf(PrefixLength);
}
