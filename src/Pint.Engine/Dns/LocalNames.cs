namespace Pint.Engine.Dns;

/// <summary>The static local zone and the DHCP names, searched in that order (hosts data wins over DHCP, as in dnsmasq).</summary>
public sealed class LocalNames(LocalZone staticZone, DynamicNames dhcpNames)
{
    public LocalZone Static { get; } = staticZone;
    public DynamicNames Dhcp { get; } = dhcpNames;

    public LocalNameRecords? Find(ReadOnlySpan<byte> name) => Static.Find(name) ?? Dhcp.Find(name);

    /// <summary>The name whose automatic PTR answers an IPv4 reverse name.</summary>
    public LocalNameRecords? FindIPv4PtrOwner(ReadOnlySpan<byte> reverseName) =>
        Static.FindIPv4PtrOwner(reverseName) ?? Dhcp.FindIPv4PtrOwner(reverseName);

    public bool Exists(ReadOnlySpan<byte> name) => Find(name) is not null || FindIPv4PtrOwner(name) is not null;
}
