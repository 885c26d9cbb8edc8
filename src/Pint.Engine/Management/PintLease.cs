namespace Pint.Engine.Management;

/// <summary>Lease states with Windows' names.</summary>
public enum PintLeaseState
{
    Active,
    Offered,
    Expired,
    ActiveReservation,
}

/// <summary>A DHCP lease, with the property names of Windows' Get-DhcpServerv4Lease so scripts carry over.</summary>
public sealed class PintLease
{
    public required string IPAddress { get; init; }
    /// <summary>The client's MAC address, as Windows names it (aa-bb-... there; aa:bb:... here, as dnsmasq writes it).</summary>
    public required string ClientId { get; init; }
    /// <summary>The MAC again, under the name Add-PintHost takes.</summary>
    public string MacAddress => ClientId;
    public string? HostName { get; init; }
    /// <summary>Local time the lease ends; null = never (infinite lease).</summary>
    public DateTime? LeaseExpiryTime { get; init; }
    public required PintLeaseState AddressState { get; init; }
    /// <summary>The network of the dhcp-range the address belongs to, when known.</summary>
    public string? ScopeId { get; init; }
    /// <summary>The DHCP client identifier (option 61) when the client sent one.</summary>
    public string? ClientIdentifier { get; init; }

    public override string ToString() => $"{IPAddress} {ClientId}";
}
