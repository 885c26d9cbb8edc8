using System.Net;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>A <c>dhcp-host</c>: what to do for a client known by hardware address or client identifier.</summary>
/// <param name="HardwareAddresses">Patterns like <c>52:54:00:aa:bb:01</c>, <c>52:54:00:*:*:*</c>, or <c>06-..</c> for other hardware types.</param>
/// <param name="ClientId">Client identifier (option 61) as colon-separated hex, or null.</param>
/// <param name="Address">The fixed address, or null.</param>
/// <param name="Name">Host name given to the client; wins over the name the client sends.</param>
/// <param name="LeaseTime">Lease length for this host; <see cref="Timeout.InfiniteTimeSpan"/> = infinite.</param>
/// <param name="Ignore">Never answer this client (<c>ignore</c>).</param>
/// <param name="SetTags">Tags set when this host matches (<c>set:</c>); the tag "known" is always set.</param>
public sealed record DhcpHostReservation(
    IReadOnlyList<string> HardwareAddresses,
    string? ClientId = null,
    IPAddress? Address = null,
    string? Name = null,
    TimeSpan? LeaseTime = null,
    bool Ignore = false,
    IReadOnlyList<string>? SetTags = null)
{
    /// <summary>True when this reservation names the client.</summary>
    public bool Matches(byte hardwareType, ReadOnlySpan<byte> hardwareAddress, string? clientId)
    {
        if (ClientId is not null && clientId is not null)
            return string.Equals(ClientId, clientId, StringComparison.OrdinalIgnoreCase);
        foreach (var pattern in HardwareAddresses)
            if (HardwareAddressPattern.Matches(pattern, hardwareType, hardwareAddress))
                return true;
        return false;
    }
}
