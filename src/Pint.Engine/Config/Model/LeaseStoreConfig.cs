namespace Pint.Engine.Config;

/// <summary>Where DHCPv4 leases are kept.</summary>
public enum LeaseStoreKind
{
    /// <summary>dnsmasq's lease file (dhcp-leasefile), the default.</summary>
    File,
    /// <summary>A PostgreSQL database several Pint servers share (issue #18).</summary>
    PostgreSql,
}

/// <summary>
/// <c>pint-lease-store=file</c> or <c>pint-lease-store=postgresql,CONNECTION-STRING</c> (a Pint option; dnsmasq rejects
/// it, so it lives in a conf file of its own that the main config includes). Null source: not configured (file).
/// </summary>
/// <param name="Kind">File or PostgreSQL.</param>
/// <param name="ConnectionString">The Npgsql connection string (Host=...;Port=...;Database=...;Username=...), for PostgreSQL.</param>
/// <param name="Source">The line it came from, or null for the default.</param>
public sealed record LeaseStoreConfig(LeaseStoreKind Kind, string? ConnectionString, ConfigSource? Source)
{
    /// <summary>The default: dnsmasq's lease file.</summary>
    public static LeaseStoreConfig Default { get; } = new(LeaseStoreKind.File, null, null);
}
