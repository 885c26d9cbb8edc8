namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// A sub-option sent inside another option: <c>encap:N</c> (inside option <see cref="Container"/>), <c>vendor:CLASS</c>
/// (inside option 43, for clients whose vendor class, option 60, contains <see cref="VendorClass"/>) or
/// <c>vi-encap:N</c> (inside option 125, under enterprise number <see cref="Enterprise"/>).
/// </summary>
public sealed record DhcpEncapsulatedOption(byte Container, byte Code, byte[] Value, IReadOnlyList<string>? RequiredTags = null,
    string? VendorClass = null, uint? Enterprise = null, bool Force = false)
{
    /// <summary>Option 43, vendor-specific information: where vendor: lines go.</summary>
    public const byte VendorSpecific = 43;
    /// <summary>Option 125, vendor-identifying vendor-specific information (RFC 3925): where vi-encap: lines go.</summary>
    public const byte VendorIdentifying = 125;
}
