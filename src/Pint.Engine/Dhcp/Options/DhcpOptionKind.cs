namespace Pint.Engine.Dhcp.Options;

/// <summary>How a <c>dhcp-option</c> value is put on the wire, by option number (dnsmasq's option types).</summary>
public enum DhcpOptionKind
{
    /// <summary>No known type: the value's form decides (decimal, dotted addresses, <c>xx:xx</c> hex, else text), as dnsmasq does.</summary>
    Untyped,
    /// <summary>One or more IPv4 addresses, four bytes each.</summary>
    AddressList,
    /// <summary>Text without a terminating NUL (domain-name, root-path, ...).</summary>
    Text,
    /// <summary>A one-byte integer.</summary>
    UInt8,
    /// <summary>A two-byte integer, network order.</summary>
    UInt16,
    /// <summary>A four-byte integer, network order.</summary>
    UInt32,
    /// <summary>A four-byte number of seconds; accepts s/m/h/d/w suffixes and <c>infinite</c>.</summary>
    Time,
    /// <summary>One byte, 0 or 1.</summary>
    Boolean,
    /// <summary>RFC 1035 names with compression (RFC 3397 domain-search).</summary>
    DomainSearch,
    /// <summary>RFC 3442 classless static routes: <c>network/prefix,router</c> pairs.</summary>
    ClasslessStaticRoutes,
    /// <summary>RFC 3361 SIP servers: addresses (encoding byte 1) or names (encoding byte 0).</summary>
    SipServers,
}
