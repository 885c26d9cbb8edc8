namespace Pint.Engine.Dhcp6.Wire;

/// <summary>DHCPv6 message types (RFC 8415 section 7.3).</summary>
public enum Dhcp6MessageType : byte
{
    Solicit = 1,
    Advertise = 2,
    Request = 3,
    Confirm = 4,
    Renew = 5,
    Rebind = 6,
    Reply = 7,
    Release = 8,
    Decline = 9,
    Reconfigure = 10,
    InformationRequest = 11,
    RelayForward = 12,
    RelayReply = 13,
}

/// <summary>DHCPv6 option codes the server reads or writes itself (RFC 8415 section 21).</summary>
public static class Dhcp6OptionCode
{
    public const ushort ClientId = 1;
    public const ushort ServerId = 2;
    public const ushort IaNa = 3;
    public const ushort IaTa = 4;
    public const ushort IaAddr = 5;
    public const ushort Oro = 6;
    public const ushort Preference = 7;
    public const ushort ElapsedTime = 8;
    public const ushort RelayMessage = 9;
    public const ushort Auth = 11;
    public const ushort Unicast = 12;
    public const ushort StatusCode = 13;
    public const ushort RapidCommit = 14;
    public const ushort UserClass = 15;
    public const ushort VendorClass = 16;
    public const ushort VendorOpts = 17;
    public const ushort InterfaceId = 18;
    public const ushort ReconfigureAccept = 20;
    public const ushort DnsServers = 23;
    public const ushort DomainSearch = 24;
    public const ushort IaPd = 25;
    public const ushort InformationRefreshTime = 32;
    public const ushort ClientFqdn = 39;
    public const ushort RemoteId = 37;
    public const ushort ClientLinkLayerAddress = 79;
}

/// <summary>DHCPv6 status codes (RFC 8415 section 21.13).</summary>
public enum Dhcp6StatusCode : ushort
{
    Success = 0,
    UnspecFail = 1,
    NoAddrsAvail = 2,
    NoBinding = 3,
    NotOnLink = 4,
    UseMulticast = 5,
    NoPrefixAvail = 6,
}

/// <summary>Why a datagram was not read as a DHCPv6 message: one reason, so the server counts them.</summary>
public enum Dhcp6Rejection
{
    None,
    /// <summary>Shorter than a message header (4 bytes; 34 for a relay message).</summary>
    TooShort,
    /// <summary>An option's length runs past the end of the data holding it.</summary>
    TruncatedOption,
    /// <summary>A type a server never receives (ADVERTISE, REPLY, RECONFIGURE, RELAY-REPL) or an unknown one.</summary>
    NotForServer,
    /// <summary>An IA_NA, IA_TA or IAADDR option shorter than its fixed part.</summary>
    BadIa,
    /// <summary>A RELAY-FORW without a Relay Message option, or one whose inner message is bad.</summary>
    BadRelay,
    /// <summary>More nested relays than RFC 8415 allows (HOP_COUNT_LIMIT, 8).</summary>
    TooManyRelays,
    /// <summary>An option the message type requires is missing or one it forbids is present (client/server id rules).</summary>
    BadIdentifiers,
}
