using System.Net;

namespace Pint.Engine.Config;

/// <summary>
/// One IPv4 <c>dhcp-range</c>. <see cref="LeaseTime"/> is null for "not given" (the default, 1 hour, applies) and
/// <see cref="Timeout.InfiniteTimeSpan"/> for <c>infinite</c>. For a <c>static</c> range <see cref="End"/> equals
/// <see cref="Start"/> and only <c>dhcp-host</c> addresses are handed out.
/// </summary>
public sealed record DhcpRange(
    IPAddress Start,
    IPAddress End,
    IPAddress? Netmask,
    IPAddress? Broadcast,
    TimeSpan? LeaseTime,
    bool IsStatic,
    string? SetTag,
    IReadOnlyList<string> Tags,
    ConfigSource Source)
{
    /// <summary>dnsmasq's lease time when a range gives none.</summary>
    public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromHours(1);

    /// <summary>The lease time to use: the range's own, or the default.</summary>
    public TimeSpan EffectiveLeaseTime => LeaseTime ?? DefaultLeaseTime;
}
