namespace Pint.Engine.Dhcp.Wire;

/// <summary>The DHCP option numbers the engine itself interprets (RFC 2132 and later).</summary>
public static class DhcpOptionCode
{
    public const byte Pad = 0;
    public const byte SubnetMask = 1;
    public const byte Router = 3;
    public const byte DnsServer = 6;
    public const byte HostName = 12;
    public const byte DomainName = 15;
    public const byte BroadcastAddress = 28;
    public const byte VendorSpecific = 43;
    public const byte RequestedAddress = 50;
    public const byte LeaseTime = 51;
    public const byte Overload = 52;
    public const byte MessageType = 53;
    public const byte ServerIdentifier = 54;
    public const byte ParameterRequestList = 55;
    public const byte Message = 56;
    public const byte MaximumMessageSize = 57;
    public const byte RenewalTime = 58;
    public const byte RebindingTime = 59;
    public const byte VendorClass = 60;
    public const byte ClientId = 61;
    public const byte TftpServerName = 66;
    public const byte BootFileName = 67;
    public const byte UserClass = 77;
    /// <summary>RFC 4039: in a DISCOVER, "acknowledge me at once"; in the ACK, "done".</summary>
    public const byte RapidCommit = 80;
    public const byte ClientFqdn = 81;
    public const byte RelayAgentInformation = 82;
    public const byte ClientArchitecture = 93;
    public const byte End = 255;
}
