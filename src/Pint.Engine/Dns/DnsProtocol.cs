namespace Pint.Engine.Dns;

/// <summary>Resource record types Pint reads or writes.</summary>
public enum DnsType : ushort
{
    A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28, SRV = 33, DNAME = 39, OPT = 41, ANY = 255,
    // DNSSEC (RFC 4034, 5155).
    DS = 43, RRSIG = 46, NSEC = 47, DNSKEY = 48, NSEC3 = 50, NSEC3PARAM = 51,
}

/// <summary>Response codes (RFC 1035 4.1.1).</summary>
public enum DnsRcode : byte
{
    NoError = 0, FormErr = 1, ServFail = 2, NxDomain = 3, NotImp = 4, Refused = 5,
}

/// <summary>Header flag bits of the 16-bit flags word.</summary>
public static class DnsFlags
{
    public const ushort Response = 0x8000;
    public const ushort OpcodeMask = 0x7800;
    public const ushort Authoritative = 0x0400;
    public const ushort Truncated = 0x0200;
    public const ushort RecursionDesired = 0x0100;
    public const ushort RecursionAvailable = 0x0080;
    public const ushort AuthenticData = 0x0020;
    public const ushort CheckingDisabled = 0x0010;
    public const ushort RcodeMask = 0x000F;
    public const ushort ClassIn = 1;
    public const int HeaderLength = 12;
    public const int MaxNameLength = 255;
    public const int ClassicUdpLimit = 512;
}

/// <summary>Why a message was not accepted as a query. One list for the whole DNS wire format.</summary>
public enum DnsRejection
{
    None = 0,
    /// <summary>Shorter than the 12-byte header.</summary>
    TooShort,
    /// <summary>QR bit set: a response, not a query.</summary>
    NotAQuery,
    /// <summary>A section runs past the end of the message.</summary>
    Truncated,
    /// <summary>Label length byte uses the reserved 0x40/0x80 types.</summary>
    BadLabelType,
    /// <summary>Decompressed name longer than 255 bytes.</summary>
    NameTooLong,
    /// <summary>A compression pointer points forward or at itself (a loop).</summary>
    CompressionLoop,
    /// <summary>QDCOUNT is not exactly one.</summary>
    QuestionCount,
}
