using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One <c>dhcp-host</c> line. Fields are recognised by form, not position, as dnsmasq does. Hardware addresses are
/// kept as written (lower-cased), including <c>*</c> wildcards and a <c>hwtype-</c> prefix. <see cref="ClientId"/> is
/// the text after <c>id:</c> (<c>*</c> means "ignore the client id"). <see cref="LeaseTime"/> uses
/// <see cref="Timeout.InfiniteTimeSpan"/> for <c>infinite</c>.
/// </summary>
public sealed record DhcpHost(
    IReadOnlyList<string> HardwareAddresses,
    string? ClientId,
    IPAddress? Address,
    string? HostName,
    TimeSpan? LeaseTime,
    bool Ignore,
    IReadOnlyList<string> SetTags,
    IReadOnlyList<string> Tags,
    ConfigSource Source)
{
    /// <summary>The <c>[ipv6]</c> field, when given (kept so a config round-trips; Pint serves DHCPv4 only).</summary>
    public IPAddress? IPv6Address { get; init; }

    /// <summary>
    /// Every <c>[ipv6]</c> field in order (dnsmasq allows several). An address with only a host part (<c>[::5]</c>)
    /// takes its network part from the DHCPv6 range that serves the client. For DHCPv6, <see cref="ClientId"/> is the
    /// client's DUID in hex (<c>id:00:01:00:01:...</c>).
    /// </summary>
    public IReadOnlyList<IPAddress> IPv6Addresses { get; init; } = [];
}
