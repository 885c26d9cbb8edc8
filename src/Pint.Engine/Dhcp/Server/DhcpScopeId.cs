using System.Net;
using Pint.Engine.Dhcp.Protocol;
using Pint.Engine.Net;

namespace Pint.Engine.Dhcp.Server;

/// <summary>
/// A scope's id as Windows DHCP names it: the network address of the dhcp-range an address falls in. Shared lease
/// rows record it, and failover relationships name the scopes they cover by it.
/// </summary>
public static class DhcpScopeId
{
    /// <summary>
    /// The network address of the first IPv4 range whose network holds <paramref name="address"/>; the range's netmask,
    /// or <paramref name="fallbackPrefix"/> for a range that gives none (dnsmasq takes it from the interface). Null: no range.
    /// </summary>
    public static IPAddress? Of(uint address, IReadOnlyList<DhcpRange> ranges, int fallbackPrefix = 24)
    {
        foreach (var range in ranges)
        {
            var mask = range.Netmask is { } netmask ? Ipv4.ToValue(netmask) : Ipv4.MaskOf(fallbackPrefix);
            var network = Ipv4.ToValue(range.Start) & mask;
            if ((address & mask) == network) return Ipv4.ToAddress(network);
        }
        return null;
    }

    /// <summary>The scope id text of <paramref name="address"/>, or the address itself when no range holds it.</summary>
    public static string TextOf(IPAddress address, IReadOnlyList<DhcpRange> ranges) =>
        (Of(Ipv4.ToValue(address), ranges) ?? address).ToString();
}
