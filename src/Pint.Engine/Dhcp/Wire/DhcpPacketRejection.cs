namespace Pint.Engine.Dhcp.Wire;

/// <summary>Why a datagram was not accepted as a DHCP packet.</summary>
public enum DhcpPacketRejection
{
    None,
    /// <summary>Shorter than the 236-byte BOOTP header plus the 4-byte magic cookie.</summary>
    Truncated,
    /// <summary>The op field is neither BOOTREQUEST (1) nor BOOTREPLY (2).</summary>
    BadOperation,
    /// <summary>hlen is larger than the 16-byte chaddr field.</summary>
    BadHardwareAddressLength,
    /// <summary>The magic cookie 99.130.83.99 is missing: plain BOOTP or not DHCP at all.</summary>
    BadMagic,
    /// <summary>An option's length runs past the end of the field that holds it.</summary>
    BadOptionLength,
    /// <summary>Option 52 (overload) is not one byte of 1, 2 or 3, or appears outside the options field.</summary>
    BadOverload,
    /// <summary>No option 53 (DHCP message type).</summary>
    MissingMessageType,
    /// <summary>Option 53 is not one byte in 1..8.</summary>
    BadMessageType,
}

public static class DhcpPacketRejectionText
{
    /// <summary>A short description for logs.</summary>
    public static string Describe(this DhcpPacketRejection rejection) => rejection switch
    {
        DhcpPacketRejection.None => "accepted",
        DhcpPacketRejection.Truncated => "packet shorter than the BOOTP header and magic cookie",
        DhcpPacketRejection.BadOperation => "op is neither BOOTREQUEST nor BOOTREPLY",
        DhcpPacketRejection.BadHardwareAddressLength => "hardware address length over 16",
        DhcpPacketRejection.BadMagic => "no DHCP magic cookie",
        DhcpPacketRejection.BadOptionLength => "an option runs past the end of its field",
        DhcpPacketRejection.BadOverload => "bad option overload (52)",
        DhcpPacketRejection.MissingMessageType => "no DHCP message type (53)",
        DhcpPacketRejection.BadMessageType => "bad DHCP message type (53)",
        _ => rejection.ToString(),
    };
}
