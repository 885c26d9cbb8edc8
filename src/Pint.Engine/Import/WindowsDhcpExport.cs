using System.Net;
using Pint.Engine.Config;

namespace Pint.Engine.Import;

/// <summary>
/// The content of the XML Windows' <c>Export-DhcpServer</c> writes, as far as Pint can use it or must warn about it.
/// Every part keeps its <see cref="ConfigSource"/> (export file and line) so messages point into the export.
/// </summary>
public sealed record WindowsDhcpExport(
    string File,
    int MajorVersion,
    int MinorVersion,
    IReadOnlyList<WindowsDhcpClass> Classes,
    IReadOnlyList<WindowsDhcpOptionDefinition> OptionDefinitions,
    IReadOnlyList<WindowsDhcpOptionValue> ServerOptions,
    IReadOnlyList<WindowsDhcpNamedItem> ServerPolicies,
    WindowsDhcpFilters? Filters,
    IReadOnlyList<WindowsDhcpScope> Scopes,
    IReadOnlyList<WindowsDhcpScope6> IPv6Scopes)
{
    /// <summary>The IPv6 part's option definitions (their numbers are DHCPv6 option codes).</summary>
    public IReadOnlyList<WindowsDhcpOptionDefinition> IPv6OptionDefinitions { get; init; } = [];

    /// <summary>The IPv6 part's server-level option values.</summary>
    public IReadOnlyList<WindowsDhcpOptionValue> IPv6ServerOptions { get; init; } = [];
}

/// <summary>A user or vendor class; <see cref="Data"/> is what the client sends in option 77 or 60.</summary>
public sealed record WindowsDhcpClass(string Name, string Type, byte[] Data, ConfigSource Source);

/// <summary>An option's declared type (IPv4Address, String, Byte, Word, DWord, DWordDword, BinaryData, EncapsulatedData, IPv6Address).</summary>
public sealed record WindowsDhcpOptionDefinition(int OptionId, string Name, string Type, bool MultiValued, string? VendorClass, ConfigSource Source);

/// <summary>An option value at server, scope or reservation level; several values are several &lt;Value&gt; elements.</summary>
public sealed record WindowsDhcpOptionValue(int OptionId, IReadOnlyList<string> Values, string? VendorClass, string? UserClass, ConfigSource Source);

/// <summary>Something Pint can only name in a warning: a policy.</summary>
public sealed record WindowsDhcpNamedItem(string Name, ConfigSource Source);

/// <summary>The MAC allow/deny lists; <see cref="AllowEnabled"/>/<see cref="DenyEnabled"/> say whether Windows applies them.</summary>
public sealed record WindowsDhcpFilters(bool AllowEnabled, bool DenyEnabled, IReadOnlyList<WindowsDhcpFilter> Entries);

public sealed record WindowsDhcpFilter(string List, string MacAddress, ConfigSource Source);

/// <summary>An IPv4 scope.</summary>
public sealed record WindowsDhcpScope(
    IPAddress ScopeId,
    string Name,
    IPAddress SubnetMask,
    IPAddress StartRange,
    IPAddress EndRange,
    TimeSpan LeaseDuration,
    bool Active,
    string Type,
    string? SuperScopeName,
    int Delay,
    IReadOnlyList<(IPAddress Start, IPAddress End)> Exclusions,
    IReadOnlyList<WindowsDhcpNamedItem> Policies,
    IReadOnlyList<WindowsDhcpOptionValue> Options,
    IReadOnlyList<WindowsDhcpReservation> Reservations,
    IReadOnlyList<WindowsDhcpLease> Leases,
    ConfigSource Source);

/// <summary>
/// An IPv6 scope: a /64 <see cref="Prefix"/> whose whole interface-identifier space Windows hands out, less the
/// exclusion ranges. Lifetimes are null when the export has none (Windows' defaults are preferred 8 days, valid 12).
/// </summary>
public sealed record WindowsDhcpScope6(
    IPAddress Prefix,
    string Name,
    int Preference,
    bool Active,
    TimeSpan? PreferredLifetime,
    TimeSpan? ValidLifetime,
    TimeSpan? T1,
    TimeSpan? T2,
    IReadOnlyList<(IPAddress Start, IPAddress End)> Exclusions,
    IReadOnlyList<WindowsDhcpOptionValue> Options,
    IReadOnlyList<WindowsDhcpReservation6> Reservations,
    int LeaseCount,
    ConfigSource Source);

/// <summary>An IPv6 reservation: the client's DUID as Windows writes it ("00-01-00-01-..."), and the IAID it is for.</summary>
public sealed record WindowsDhcpReservation6(
    string Name,
    IPAddress IPAddress,
    string ClientDuid,
    uint Iaid,
    string? Description,
    IReadOnlyList<WindowsDhcpOptionValue> Options,
    ConfigSource Source);

/// <summary>A reservation; <see cref="ClientId"/> is a MAC ("30-9c-23-01-9e-6b") or, when longer, a client identifier.</summary>
public sealed record WindowsDhcpReservation(
    string Name,
    IPAddress IPAddress,
    string ClientId,
    string? Description,
    IReadOnlyList<WindowsDhcpOptionValue> Options,
    ConfigSource Source);

/// <summary>A lease as exported with -Leases. <see cref="LeaseExpiryTime"/> is null when the export has none.</summary>
public sealed record WindowsDhcpLease(
    IPAddress IPAddress,
    string ClientId,
    string AddressState,
    string? HostName,
    DateTimeOffset? LeaseExpiryTime,
    ConfigSource Source);
