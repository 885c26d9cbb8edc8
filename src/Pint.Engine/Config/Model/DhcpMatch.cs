namespace Pint.Engine.Config;

/// <summary>
/// One <c>dhcp-match=set:tag,[option:]number|name[,value]</c> line: sets <see cref="SetTag"/> when the client sent
/// option <see cref="OptionNumber"/> (with <see cref="Value"/>, when given, as its content).
/// <see cref="VendorEncapsulation"/> is set for the <c>vi-encap:n</c> form. <see cref="Text"/>: the value is a plain
/// string to look for (dhcp-vendorclass, dhcp-userclass), not an option value to encode.
/// </summary>
public sealed record DhcpMatch(string SetTag, int OptionNumber, string? Value, int? VendorEncapsulation, ConfigSource Source, bool Text = false);

