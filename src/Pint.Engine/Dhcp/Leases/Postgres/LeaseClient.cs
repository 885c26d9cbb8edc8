namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>
/// Who a lease is for, in the text forms <see cref="DhcpLease"/> uses (hardware address "52:54:00:aa:bb:01", client id
/// as colon-separated lowercase hex).
/// </summary>
/// <param name="HardwareAddress">The client's hardware address.</param>
/// <param name="ClientId">The client identifier (option 61), or null.</param>
/// <param name="HostName">The host name the client gave, or null.</param>
public sealed record LeaseClient(string HardwareAddress, string? ClientId = null, string? HostName = null)
{
    /// <summary>
    /// The identity "one address, one client" is decided on: the client id when the client sends one, otherwise the
    /// hardware address (as dnsmasq and RFC 2131 section 4.2 identify a client).
    /// </summary>
    public string Key => KeyOf(HardwareAddress, ClientId);

    /// <summary>The key for a hardware address and an optional client id.</summary>
    public static string KeyOf(string hardwareAddress, string? clientId) =>
        string.IsNullOrEmpty(clientId) ? "hw:" + hardwareAddress.ToLowerInvariant() : "id:" + clientId.ToLowerInvariant();
}
