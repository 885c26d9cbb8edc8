namespace Pint.Engine.Dhcp.Leases.Postgres;

/// <summary>What a row of the shared lease table means.</summary>
public enum SharedLeaseState
{
    /// <summary>Held briefly for the client a DHCPOFFER went to, so the partner does not offer it too.</summary>
    Offered,
    /// <summary>Acknowledged to the client (DHCPACK sent after the commit).</summary>
    Active,
    /// <summary>Declined by a client (address in use) or held by an administrator; nobody gets it until it expires.</summary>
    Declined,
}
