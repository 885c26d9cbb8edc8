namespace Pint.Engine.Dhcp.Wire;

/// <summary>DHCP message types (option 53, RFC 2132 9.6).</summary>
public enum DhcpMessageType : byte
{
    Discover = 1,
    Offer = 2,
    Request = 3,
    Decline = 4,
    Ack = 5,
    Nak = 6,
    Release = 7,
    Inform = 8,
}

public static class DhcpMessageTypeNames
{
    private static readonly string[] LogNames = ["", "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE", "DHCPACK", "DHCPNAK", "DHCPRELEASE", "DHCPINFORM"];

    /// <summary>The name dnsmasq's log lines give the type (<c>DHCPDISCOVER</c>), made once rather than per line.</summary>
    public static string LogName(this DhcpMessageType type) =>
        (int)type is > 0 and < 9 ? LogNames[(int)type] : "DHCP" + type.ToString().ToUpperInvariant();
}
