namespace Pint.Engine.Dns.Dnssec;

/// <summary>The outcome of validating an answer (RFC 4033 5, RFC 4035 4.3).</summary>
public enum DnssecStatus
{
    /// <summary>A chain of signatures from a trust anchor proves it: the reply gets AD.</summary>
    Secure,
    /// <summary>Proven to lie outside any signed zone (an unsigned delegation, opt-out, no anchor, an unknown algorithm): passed on without AD.</summary>
    Insecure,
    /// <summary>Should be signed and is not, or the signatures or proofs fail: SERVFAIL.</summary>
    Bogus,
    /// <summary>Could not be decided (the upstream did not answer the key or DS queries): SERVFAIL, as a bogus answer.</summary>
    Indeterminate,
}
