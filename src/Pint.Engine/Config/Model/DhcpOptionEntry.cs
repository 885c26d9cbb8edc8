namespace Pint.Engine.Config;

/// <summary>
/// One <c>dhcp-option</c> / <c>dhcp-option-force</c> line. <see cref="Values"/> are the raw comma-separated value
/// strings; the DHCP server encodes them for the option number. <see cref="Encapsulation"/> is the <c>encap:n</c>
/// option, <see cref="VendorEncapsulation"/> the <c>vi-encap:n</c> enterprise number, <see cref="VendorClass"/> the
/// <c>vendor:class</c> match.
/// </summary>
public sealed record DhcpOptionEntry(
    int Number,
    IReadOnlyList<string> Values,
    bool Force,
    IReadOnlyList<string> Tags,
    int? Encapsulation,
    int? VendorEncapsulation,
    string? VendorClass,
    ConfigSource Source);
