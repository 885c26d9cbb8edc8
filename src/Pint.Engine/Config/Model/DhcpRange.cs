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

/// <summary>The mode keywords an IPv6 <c>dhcp-range</c> may carry besides <c>static</c>.</summary>
[Flags]
public enum DhcpRange6Modes
{
    None = 0,
    RaOnly = 1,
    RaNames = 2,
    RaStateless = 4,
    RaAdvRouter = 8,
    Slaac = 16,
    OffLink = 32,
}

/// <summary>
/// One IPv6 <c>dhcp-range</c>: <c>[tag:..,][set:..,]START[,END|constructor:IFACE][,MODE...][,PREFIXLEN][,LEASE]</c>.
/// With <see cref="ConstructorInterface"/>, <see cref="Start"/> and <see cref="End"/> hold only the host part (<c>::1</c>)
/// and the network part comes from that interface's addresses when served. <see cref="End"/> is null when the line
/// gives none (a <c>static</c>, <c>ra-only</c> or <c>ra-stateless</c> line); <see cref="LeaseTime"/> null means dnsmasq's
/// IPv6 default, one day. <see cref="Deprecated"/> is the <c>deprecated</c> lease time (preferred lifetime zero).
/// </summary>
public sealed record DhcpRange6(
    IPAddress Start,
    IPAddress? End,
    int PrefixLength,
    TimeSpan? LeaseTime,
    bool Deprecated,
    bool IsStatic,
    DhcpRange6Modes Modes,
    string? ConstructorInterface,
    string? SetTag,
    IReadOnlyList<string> Tags,
    ConfigSource Source)
{
    /// <summary>dnsmasq's IPv6 lease time when a range gives none: one day.</summary>
    public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromDays(1);

    public TimeSpan EffectiveLeaseTime => LeaseTime ?? DefaultLeaseTime;

    /// <summary>True when the range hands out addresses (stateful DHCPv6): it has an end, and is neither static, ra-only nor ra-stateless.</summary>
    public bool IsStateful => End is not null && !IsStatic && (Modes & (DhcpRange6Modes.RaOnly | DhcpRange6Modes.RaStateless)) == 0;
}
