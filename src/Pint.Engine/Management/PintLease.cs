namespace Pint.Engine.Management;

/// <summary>Lease states with Windows' names.</summary>
public enum PintLeaseState
{
    Active,
    Offered,
    Expired,
    ActiveReservation,
}

/// <summary>
/// A DHCP lease, with the property names of Windows' Get-DhcpServerv4Lease so scripts carry over; a DHCPv6 lease adds
/// <see cref="Duid"/> and <see cref="Iaid"/> (Get-DhcpServerv6Lease's ClientDuid and Iaid). Every property is a plain
/// value, so Export-Csv writes one column each.
/// </summary>
public sealed class PintLease
{
    public required string IPAddress { get; init; }
    /// <summary>InterNetwork for a DHCPv4 lease, InterNetworkV6 for a DHCPv6 one.</summary>
    public System.Net.Sockets.AddressFamily AddressFamily { get; init; } = System.Net.Sockets.AddressFamily.InterNetwork;
    /// <summary>
    /// The client's MAC address, as Windows names it (aa-bb-... there; aa:bb:... here, as dnsmasq writes it). For a
    /// DHCPv6 lease the client's DUID, which is what identifies it there.
    /// </summary>
    public required string ClientId { get; init; }
    /// <summary>The MAC, under the name Add-PintHost takes: for DHCPv6 the one inside a DUID-LLT or DUID-LL, else null.</summary>
    public string? MacAddress => AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? MacOfDuid(Duid) : ClientId;
    /// <summary>The client's DUID (colon hex) for a DHCPv6 lease; null for DHCPv4.</summary>
    public string? Duid { get; init; }
    /// <summary>The identity association the address was given to (DHCPv6); null for DHCPv4.</summary>
    public uint? Iaid { get; init; }
    public string? HostName { get; init; }
    /// <summary>Local time the lease ends; null = never (infinite lease).</summary>
    public DateTime? LeaseExpiryTime { get; init; }
    public required PintLeaseState AddressState { get; init; }
    /// <summary>The network of the dhcp-range the address belongs to, when known.</summary>
    public string? ScopeId { get; init; }
    /// <summary>The DHCP client identifier (option 61) when the client sent one.</summary>
    public string? ClientIdentifier { get; init; }

    public override string ToString() => $"{IPAddress} {ClientId}";

    private static string? MacOfDuid(string? duid) =>
        duid is not null && Dhcp6.Protocol.Dhcp6Duid.TryParse(duid, out var bytes) && Dhcp6.Protocol.Dhcp6Duid.MacOf(bytes) is { } mac
            ? string.Join(':', mac.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))
            : null;
}
