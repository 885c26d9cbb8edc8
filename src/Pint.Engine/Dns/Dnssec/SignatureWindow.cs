namespace Pint.Engine.Dns.Dnssec;

/// <summary>
/// An RRSIG is valid from its inception to its expiration (RFC 4034 3.1.5), both 32-bit seconds compared in serial
/// number arithmetic (RFC 1982), so the field wraps in 2106 and still orders right within 68 years of now.
/// </summary>
public static class SignatureWindow
{
    public static bool Contains(uint inception, uint expiration, DateTimeOffset now)
    {
        uint t = (uint)(now.ToUnixTimeSeconds() & 0xFFFFFFFF);
        return !SerialLess(t, inception) && !SerialLess(expiration, t);
    }

    /// <summary>a &lt; b in serial arithmetic: b is less than 2^31 ahead of a.</summary>
    private static bool SerialLess(uint a, uint b) => a != b && (int)(b - a) > 0;
}
